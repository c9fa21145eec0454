/**
 * `npm run bench` (`-- --runs N`, default 3): how long regenerating takes, on the real
 * content, in temporary folders, as a ratio to a bare Chromium print of the report's HTML
 * (`chromium --headless --print-to-pdf`) measured in the same run, because absolute times
 * differ between machines and with the load on one. Each figure is the median of its
 * runs (3 by default; fewer is said to be no measurement); the bare print is measured
 * between every two rows, with the machine's load average beside each print, and the
 * median of all those prints is the yardstick. When the load average exceeds the number of
 * cores, the bench says that its figures are not to be trusted. Asserts nothing: it shows
 * where a build's time goes; what is fast enough is a person's judgement, not a bound a test
 * could hold on a shared machine.
 *
 * Commands run as a user runs them (`bin/rso-docs.js`: the compiled JavaScript when it is
 * current, else the sources through tsx; the first line says which), each in a fresh
 * process, with `--profile`, so every command row has a line of where its time went (see
 * `Session.time`: a stage's time is how long at least one piece of it was under way).
 * `watch` rows run a watcher in this process.
 *
 *   cold build            `build --force` into an empty folder (no manifest, no cached maps): 90 outputs
 *   nothing changed       the same command again
 *   one proposition       a proposition of one country edited in recommendations.json: the report and one brief, 3 formats
 *   watch: report         a paragraph of the report saved → the report's PDF replaced
 *   watch: brief note     source/briefs/THA.md saved → the THA brief's PDF replaced
 *   one more brief        `build --force --documents briefs --country ...` of 1, 10 and 29 briefs (maps cached): the slope
 *   peak memory           the cold build's process tree (Chromium included), sampled every 100 ms from /proc
 *   10× report            the report with its sections repeated ten times (distinct ids and titles), against today's
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { findBrowser, sandboxAvailable } from '../src/render/pdf/browser.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { startWatch } from '../src/watch/index.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } })
const runs = Math.max(1, Number(values.runs) || 3)

interface Row {
  what: string
  /** Seconds (or MB for memory, or a plain ratio). */
  samples: number[]
  kind: 'time' | 'memory' | 'ratio'
  goal: string
  /** CPU seconds of the command's process tree, Chromium included (command rows). */
  cpu?: number[]
  profile?: string
  note?: string
}
const rows: Row[] = []
const bare: number[] = []
const bareCpu: number[] = []
/** The one-minute load average as each bare print started. */
const bareLoad: number[] = []
const cores = os.cpus().length

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rso-bench-'))
const sourceDir = path.join(scratch, 'source')
fs.cpSync(path.join(projectRoot, 'source'), sourceDir, { recursive: true })
const outDir = path.join(scratch, 'out')
const log = (message: string) => process.stderr.write(`${message}\n`)
const browser = (() => {
  try {
    return findBrowser()
  } catch {
    return undefined
  }
})()

try {
  const runtime = compiledIsCurrent() ? 'compiled JavaScript (dist/)' : 'TypeScript through tsx (dist/ missing or older than src/: run `npm run compile`)'
  log(`Benchmark on ${cores} cores (load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}), ${runs} run${runs === 1 ? '' : 's'} each; commands run ${runtime}; scratch folder ${scratch}`)
  if (runs < 3) log(`warning: ${runs} run${runs === 1 ? '' : 's'} per row; a median needs at least 3 (\`--runs 3\`), so these figures only show that the bench works.`)
  if (!browser) throw new Error('No Chromium found: the bench measures against a bare Chromium print.')

  // The yardstick needs the report's HTML: build it once (this also warms the disk cache for everyone alike).
  await command(['build', '--quiet', '--format', 'html', '--documents', 'report', '--source', sourceDir, '--out', path.join(scratch, 'yardstick')])
  const reportHtml = path.join(scratch, 'yardstick', 'report', fs.readdirSync(path.join(scratch, 'yardstick', 'report')).find((name) => name.endsWith('.html')) ?? '')
  const measureBare = () => {
    for (let run = 0; run < runs; run++) {
      const load = os.loadavg()[0]!
      const sample = barePrint(reportHtml)
      if (sample) {
        bare.push(sample.seconds)
        bareCpu.push(sample.cpu)
        bareLoad.push(load)
      }
      if (load > cores) log(`warning: load average ${load.toFixed(1)} exceeds the ${cores} cores: other work is running, and the figures will not be those of a quiet machine.`)
    }
    log(`bare Chromium print so far: ${bare.map((value, index) => `${value.toFixed(2)} s (load ${bareLoad[index]?.toFixed(1)})`).join(', ')}`)
  }

  measureBare()

  // Cold: a fresh output folder (no manifest, no cached maps or page numbers) and a fresh process.
  const cold = samplesOf('cold build, all 90 outputs (30 documents × PDF, DOCX, HTML), whole command', '≤ 4×')
  const memory: number[] = []
  for (let run = 0; run < runs; run++) {
    fs.rmSync(outDir, { recursive: true, force: true })
    const result = await command(['build', '--force', '--quiet', '--profile', '--source', sourceDir, '--out', outDir])
    cold.add(result)
    memory.push(result.peakMegabytes)
  }
  cold.done()
  measureBare()

  const nothing = samplesOf('nothing changed, whole command', '≤ 0.25×')
  for (let run = 0; run < runs; run++) nothing.add(await command(['build', '--quiet', '--profile', '--source', sourceDir, '--out', outDir]))
  nothing.done()
  measureBare()

  const proposition = samplesOf('one proposition edited, whole command (the report and one brief, 3 formats)', '≤ 1×')
  for (let run = 0; run < runs; run++) {
    editProposition(`edited for the benchmark (${run + 1})`)
    const result = await command(['build', '--profile', '--source', sourceDir, '--out', outDir])
    const wrote = /Wrote (\d+) file/.exec(result.stderr)?.[1]
    if (wrote !== '6') log(`note: the proposition edit wrote ${wrote ?? '?'} files, not 6`)
    proposition.add(result)
  }
  proposition.done()
  measureBare()

  await watchRows(measureBare)

  // One more brief: the slope of 1, 10 and 29 briefs, every format, maps already drawn on disk (as after any build).
  const countries = JSON.parse(fs.readFileSync(path.join(sourceDir, 'countries.json'), 'utf8')) as { countries: Array<{ code: string; participant?: boolean }> }
  const participants = countries.countries.filter((country) => country.participant !== false).map((country) => country.code)
  const briefTimes = new Map<number, number[]>()
  const briefProfiles = new Map<number, string>()
  for (const count of [1, 10, participants.length]) {
    const samples: number[] = []
    for (let run = 0; run < runs; run++) {
      const result = await command(['build', '--force', '--quiet', '--profile', '--documents', 'briefs', '--country', participants.slice(0, count).join(','), '--source', sourceDir, '--out', outDir])
      samples.push(result.seconds)
      briefProfiles.set(count, result.profile)
    }
    briefTimes.set(count, samples)
    log(`${count} brief${count === 1 ? '' : 's'}: ${samples.map((value) => value.toFixed(2)).join(', ')} s`)
  }
  const slope = (from: number, to: number) => (medianOf(briefTimes.get(to) ?? []) - medianOf(briefTimes.get(from) ?? [])) / (to - from)
  rows.push({
    what: `one more brief, all three formats (marginal cost: 1→10 and 10→${participants.length} briefs)`,
    samples: [slope(1, 10), slope(10, participants.length)],
    kind: 'time',
    goal: '≤ 0.1×',
    profile: `${participants.length} briefs: ${briefProfiles.get(participants.length) ?? ''}`,
    note: `1, 10, ${participants.length} briefs: ${[1, 10, participants.length].map((count) => medianOf(briefTimes.get(count) ?? []).toFixed(2)).join(', ')} s`,
  })

  measureBare()
  rows.push({ what: 'peak memory of a cold build, Chromium included (process tree, sampled)', samples: memory, kind: 'memory', goal: '≤ 1024 MB' })

  // Ten times the report: every section repeated, with its own id and title.
  const tenfold = path.join(scratch, 'source-10x')
  tenTimesTheReport(sourceDir, tenfold)
  const reportOnce: number[] = []
  const reportTen: number[] = []
  let tenProfile = ''
  for (let run = 0; run < runs; run++) {
    reportOnce.push((await command(['build', '--force', '--quiet', '--documents', 'report', '--source', sourceDir, '--out', path.join(scratch, 'out-1x')])).seconds)
    const ten = await command(['build', '--force', '--quiet', '--profile', '--documents', 'report', '--source', tenfold, '--out', path.join(scratch, 'out-10x')])
    reportTen.push(ten.seconds)
    tenProfile = ten.profile
    log(`report ×1: ${reportOnce.at(-1)?.toFixed(2)} s, ×10: ${ten.seconds.toFixed(2)} s`)
  }
  rows.push({
    what: "a report ten times as long (report only, 3 formats), against today's report",
    samples: reportTen.map((ten, index) => ten / (reportOnce[index] ?? Number.NaN)),
    kind: 'ratio',
    goal: '≤ 10× today’s report',
    profile: tenProfile,
    note: `today's report ${medianOf(reportOnce).toFixed(2)} s, ten times ${medianOf(reportTen).toFixed(2)} s`,
  })

  measureBare()
} finally {
  printTable()
  fs.rmSync(scratch, { recursive: true, force: true })
}

/** Collects the samples of one command row. */
function samplesOf(what: string, goal: string) {
  const row: Row = { what, samples: [], cpu: [], kind: 'time', goal }
  return {
    add(result: CommandResult) {
      row.samples.push(result.seconds)
      row.cpu?.push(result.cpu)
      row.profile = result.profile
      log(`${what}: ${result.seconds.toFixed(2)} s (CPU ${result.cpu.toFixed(2)} s, ${result.peakMegabytes.toFixed(0)} MB); ${result.profile}`)
    },
    done: () => rows.push(row),
  }
}

async function watchRows(between: () => void): Promise<void> {
  // A watcher in this process, on the outputs of the builds above (so its first build renders nothing).
  const watcher = await startWatch({ sourceDir, outDir, mode: 'draft', formats: ['pdf', 'docx', 'html'], report: true, briefs: 'all', reporter: silentReporter, port: 0 })
  try {
    await new Promise((resolve) => setTimeout(resolve, 300))
    await watcher.idle()
    const reportFile = path.join(sourceDir, 'report', '08-looking-ahead.md')
    const reportPdf = findOutput('report', '.pdf')
    // One save first, not counted: the watcher's first edit starts its browser and DOCX worker.
    for (const [what, goal, save, output] of [
      ['watch: report paragraph saved → report PDF replaced', '≤ 0.4×', (run: number) => appendToFirstParagraph(reportFile, ` Edited for the benchmark (${run}).`), reportPdf],
      ['watch: brief note saved → brief PDF replaced', '≤ 0.25×', (run: number) => fs.writeFileSync(path.join(sourceDir, 'briefs', 'THA.md'), `---\ntitle: Notes for the meeting\n---\n\nA note written for the benchmark, version ${run}.\n`), findOutput('briefs', '.pdf', 'THA-')],
    ] as const) {
      const samples: number[] = []
      for (let run = 0; run <= runs; run++) {
        const seconds = await saveAndWait(() => save(run), output)
        await watcher.idle()
        if (run > 0) samples.push(seconds)
        log(`${what} ${run === 0 ? '(first, not counted)' : run}: ${seconds.toFixed(2)} s`)
      }
      rows.push({ what, samples, kind: 'time', goal })
      between()
    }
  } finally {
    await watcher.close()
  }
}

function printTable(): void {
  const yardstick = medianOf(bare)
  const yardstickCpu = medianOf(bareCpu)
  const ratio = (value: number) => (Number.isFinite(value) ? `${(value / yardstick).toFixed(2)}×` : '—')
  const header = ['measurement', 'median', 'runs (min–max)', 'goal', 'CPU']
  const body = rows.map((row) => {
    const valid = row.samples.filter((sample) => Number.isFinite(sample))
    const shown = (value: number) => (row.kind === 'memory' ? `${value.toFixed(0)} MB` : row.kind === 'ratio' ? `${value.toFixed(2)}×` : ratio(value))
    const seconds = row.kind === 'time' && valid.length > 0 ? ` (${medianOf(valid).toFixed(2)} s)` : ''
    const median = valid.length > 0 ? `${shown(medianOf(valid))}${seconds}` : '—'
    const spread = valid.length > 1 ? `${valid.length} (${shown(Math.min(...valid))}–${shown(Math.max(...valid))})` : String(valid.length)
    const cpu = row.cpu && row.cpu.length > 0 ? `${(medianOf(row.cpu) / yardstickCpu).toFixed(2)}×` : ''
    return [row.what, median, spread, row.goal, cpu]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((line) => (line[column] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`
  const table = [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n')
  const loads = bareLoad.length > 0 ? `${Math.min(...bareLoad).toFixed(1)}–${Math.max(...bareLoad).toFixed(1)}, median ${medianOf(bareLoad).toFixed(1)}` : '—'
  const yard = [
    `Yardstick: a bare Chromium print of the report's HTML, median ${yardstick.toFixed(2)} s (${bare.length} prints between the rows, ${Math.min(...bare).toFixed(2)}–${Math.max(...bare).toFixed(2)} s), CPU ${yardstickCpu.toFixed(2)} s, load average (1 min) ${loads} on ${cores} cores; ${runs} run${runs === 1 ? '' : 's'} per row.`,
    "Times are ratios to it; CPU: the command's process tree, Chromium included, to the bare print's.",
    ...(Math.max(...bareLoad) > cores ? [`WARNING: the load average exceeded the ${cores} cores during the bench; these are not a quiet machine's figures.`] : []),
    ...(runs < 3 ? [`WARNING: fewer than 3 runs per row (${runs}); not a measurement.`] : []),
  ].join('\n')
  const profiles = rows
    .filter((row) => row.profile || row.note)
    .map((row) => `- ${row.what}:${row.note ? ` ${row.note}.` : ''}${row.profile ? ` ${row.profile}` : ''}`)
  process.stdout.write(`\n${yard}\n\n${table}\n\nWhere the time went (last run of each row; --profile of the command):\n${profiles.join('\n')}\n`)
}

function medianOf(values: number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

interface CommandResult {
  seconds: number
  /** User and system CPU of the process tree (its waited-for children included). */
  cpu: number
  peakMegabytes: number
  stderr: string
  /** The `Time by stage: ...` line of `--profile`, without its label. */
  profile: string
}

/** Runs the command line as a user does, in a fresh process (through a shell that reports its children's CPU). */
function command(args: string[]): Promise<CommandResult> {
  return timed(process.execPath, [path.join(projectRoot, 'bin/rso-docs.js'), ...args]).then((result) => {
    if (result.code !== 0) throw new Error(`rso-docs ${args.join(' ')} exited with ${result.code}:\n${result.stderr}`)
    return { ...result, profile: /Time by stage: (.*)/.exec(result.stderr)?.[1] ?? '' }
  })
}

function timed(executable: string, args: string[]): Promise<Omit<CommandResult, 'profile'> & { code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    // `times` prints the shell's and then its children's user and system CPU.
    const child = spawn('sh', ['-c', '"$@" 2>&3; code=$?; times; exit $code', 'sh', executable, ...args], {
      cwd: projectRoot,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'ignore', 'pipe'],
    })
    let stderr = ''
    let stdout = ''
    ;(child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk) => (stderr += chunk))
    child.stdout?.on('data', (chunk) => (stdout += chunk))
    let peak = 0
    const poll = setInterval(() => (peak = Math.max(peak, child.pid ? treeRssBytes(child.pid) : 0)), 100)
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      const seconds = (performance.now() - started) / 1000
      const children = stdout.trim().split('\n').at(-1) ?? ''
      const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, match) => sum + Number(match[1]) * 60 + Number(match[2]), 0)
      resolve({ seconds, cpu, peakMegabytes: peak > 0 ? peak / 2 ** 20 : Number.NaN, stderr, code })
    })
  })
}

function barePrint(html: string): { seconds: number; cpu: number } | undefined {
  const target = path.join(scratch, 'bare.pdf')
  fs.rmSync(target, { force: true })
  const args = [...(sandboxAvailable() ? [] : ['--no-sandbox']), '--headless', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${target}`, `file://${html}`]
  const started = performance.now()
  const result = spawnSync('sh', ['-c', '"$@" >/dev/null 2>&1; code=$?; times; exit $code', 'sh', browser as string, ...args], { encoding: 'utf8', timeout: 180_000 })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0 || !fs.existsSync(target)) return undefined
  const children = result.stdout.trim().split('\n').at(-1) ?? ''
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, match) => sum + Number(match[1]) * 60 + Number(match[2]), 0)
  return { seconds, cpu }
}

/** Resident memory of a process and all its descendants, from /proc (0 where there is none). */
function treeRssBytes(root: number): number {
  let entries: string[]
  try {
    entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return 0
  }
  const children = new Map<number, number[]>()
  const rss = new Map<number, number>()
  for (const entry of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const pid = Number(entry)
      const parent = Number(fields[1])
      children.set(parent, [...(children.get(parent) ?? []), pid])
      rss.set(pid, Number(fields[21]) * 4096)
    } catch {
      // The process ended while the list was read.
    }
  }
  let total = 0
  const stack = [root]
  while (stack.length > 0) {
    const pid = stack.pop() as number
    total += rss.get(pid) ?? 0
    stack.push(...(children.get(pid) ?? []))
  }
  return total
}

function compiledIsCurrent(): boolean {
  const stamp = fs.statSync(path.join(projectRoot, 'dist', '.compiled'), { throwIfNoEntry: false })?.mtimeMs
  if (stamp === undefined) return false
  return fs
    .readdirSync(path.join(projectRoot, 'src'), { recursive: true, withFileTypes: true })
    .every((entry) => !entry.isFile() || fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs <= stamp)
}

function findOutput(folder: 'report' | 'briefs', extension: string, prefix = ''): string {
  const name = fs.readdirSync(path.join(outDir, folder)).find((file) => file.startsWith(prefix) && file.endsWith(extension) && !file.startsWith('.'))
  if (!name) throw new Error(`No ${prefix}*${extension} in ${folder}/`)
  return path.join(folder, name)
}

/** Saves, then waits until `output` is replaced; seconds from the save. */
async function saveAndWait(save: () => void, output: string): Promise<number> {
  const before = fs.statSync(path.join(outDir, output), { throwIfNoEntry: false })?.mtimeMs
  const at = performance.now()
  save()
  const deadline = at + 300_000
  for (;;) {
    if (performance.now() > deadline) throw new Error(`Gave up waiting for ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
    const modified = fs.statSync(path.join(outDir, output), { throwIfNoEntry: false })?.mtimeMs
    if (modified !== undefined && modified !== before) return (performance.now() - at) / 1000
  }
}

function appendToFirstParagraph(file: string, sentence: string): void {
  const text = fs.readFileSync(file, 'utf8')
  const body = text.indexOf('\n---', 3) + 4
  const start = text.slice(body).search(/\n[A-Z][^\n]*\n/) + body + 1
  const end = text.indexOf('\n', start)
  fs.writeFileSync(file, text.slice(0, end) + sentence + text.slice(end))
}

/** Edits the first proposition that one country made: the report and that country's brief show it. */
function editProposition(words: string): void {
  const file = path.join(sourceDir, 'recommendations.json')
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { themes: Array<{ propositions: Array<{ text: string; countries: string[] }> }> }
  const proposition = data.themes.flatMap((theme) => theme.propositions).find((candidate) => candidate.countries.length === 1)
  if (!proposition) throw new Error('No proposition of one country to edit')
  proposition.text = `${proposition.text.replace(/ \([^()]*benchmark[^()]*\)$/, '')} (${words})`
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
}

/** A copy of `from` whose report has every section ten times, each copy with its own id and title. */
function tenTimesTheReport(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true })
  const reportDir = path.join(to, 'report')
  const sections = fs.readdirSync(reportDir).filter((name) => name.endsWith('.md')).sort()
  for (const name of sections) {
    const text = fs.readFileSync(path.join(reportDir, name), 'utf8')
    for (let copy = 2; copy <= 10; copy++) {
      const renamed = text
        .replace(/^title: (.*)$/m, (_, title: string) => `title: ${title.replace(/^(["']?)/, `$1Part ${copy} – `)}`)
        .replace(/^id: (.*)$/m, (_, id: string) => `id: ${id}-${copy}`)
      fs.writeFileSync(path.join(reportDir, `${name.replace(/\.md$/, '')}-${String(copy).padStart(2, '0')}.md`), renamed)
    }
  }
}
