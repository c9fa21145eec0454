/**
 * `npm run bench`: how long regenerating takes, on the real content, in temporary folders.
 * It prints figures and asserts nothing; the targets are PRODUCT.md's. Each figure is the
 * median of several runs (`--runs N`, default 3).
 *
 *   cold build           the command line, `build --force` into an empty folder: all documents, all formats
 *   nothing changed      the same command again: wall time, and the time the command reports
 *   report edit → PDF    in `watch`: a paragraph of the report saved → its PDF replaced
 *   brief note → brief   in `watch`: source/briefs/THA.md saved → the brief's three outputs replaced
 *   peak memory          this process or the command, with its Chromium (Linux: /proc)
 *   bare Chromium        `chromium --headless --print-to-pdf` of the same report HTML, for comparison
 *   pandoc               the report's Markdown to DOCX, where pandoc is installed
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
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'skip-cold': { type: 'boolean', default: false } } })
const runs = Math.max(1, Number(values.runs) || 3)

interface Row {
  what: string
  samples: number[]
  unit: 's' | 'MB'
  target?: string
  note?: string
}
const rows: Row[] = []

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rso-bench-'))
const sourceDir = path.join(scratch, 'source')
fs.cpSync(path.join(projectRoot, 'source'), sourceDir, { recursive: true })
const outDir = path.join(scratch, 'out')
const log = (message: string) => process.stderr.write(`${message}\n`)

try {
  log(`Benchmark on ${os.cpus().length} cores (load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}), ${runs} run${runs === 1 ? '' : 's'} each; scratch folder ${scratch}`)

  // Cold: a fresh output folder (no manifest, no cached map PNGs) and a fresh process.
  const cold: number[] = []
  const coldMemory: number[] = []
  for (let run = 0; run < (values['skip-cold'] ? 1 : runs); run++) {
    fs.rmSync(outDir, { recursive: true, force: true })
    const result = await timeCommand(['build', '--force', '--quiet', '--source', sourceDir, '--out', outDir])
    cold.push(result.seconds)
    coldMemory.push(result.peakMegabytes)
    log(`cold build ${run + 1}: ${result.seconds.toFixed(1)} s, ${result.peakMegabytes.toFixed(0)} MB`)
  }
  if (!values['skip-cold']) rows.push({ what: 'cold build: 30 documents (the report, 29 briefs) × PDF, DOCX, HTML (command line)', samples: cold, unit: 's', target: '10 s' })

  const nothing: number[] = []
  const nothingInside: number[] = []
  for (let run = 0; run < runs; run++) {
    const result = await timeCommand(['build', '--source', sourceDir, '--out', outDir])
    nothing.push(result.seconds)
    const reported = /Nothing changed: .*\((\d+(?:\.\d+)?) s\)/.exec(result.stderr)?.[1]
    if (reported) nothingInside.push(Number(reported))
    log(`nothing changed ${run + 1}: ${result.seconds.toFixed(2)} s (${reported ?? '?'} s inside the command)`)
  }
  rows.push({ what: 'nothing changed: the command, start to exit', samples: nothing, unit: 's' })
  if (nothingInside.length > 0) rows.push({ what: 'nothing changed: inside the command (as it reports)', samples: nothingInside, unit: 's', target: '1 s' })

  // Watch, in this process, on the outputs of the cold build (so its first build renders nothing).
  const memory = watchMemory()
  const watcher = await startWatch({
    sourceDir,
    outDir,
    mode: 'draft',
    formats: ['pdf', 'docx', 'html'],
    report: true,
    briefs: 'all',
    reporter: silentReporter,
    port: 0,
  })
  try {
    await settle(watcher)
    const reportFile = path.join(sourceDir, 'report', '08-looking-ahead.md')
    const reportPdf = findOutput('report', '.pdf')
    const reportEdits: number[] = []
    const reportAll: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = await saveAndWait(() => appendToFirstParagraph(reportFile, ` Edited for the benchmark (${run + 1}).`), [reportPdf])
      reportEdits.push(started.first)
      await watcher.idle()
      reportAll.push((performance.now() - started.at) / 1000)
      log(`report edit ${run + 1}: PDF after ${started.first.toFixed(2)} s, all formats after ${reportAll.at(-1)?.toFixed(2)} s`)
    }
    rows.push({ what: 'watch: report paragraph saved → report PDF replaced', samples: reportEdits, unit: 's', target: '1.5 s' })
    rows.push({ what: 'watch: report paragraph saved → PDF, DOCX, HTML all replaced', samples: reportAll, unit: 's' })

    const noteFile = path.join(sourceDir, 'briefs', 'THA.md')
    const brief = ['.pdf', '.docx', '.html'].map((extension) => findOutput('briefs', extension, 'THA-'))
    const briefEdits: number[] = []
    const briefPdf: number[] = []
    for (let run = 0; run < runs; run++) {
      const note = `---\ntitle: Notes for the meeting\n---\n\nA note written for the benchmark, version ${run + 1}.\n`
      const started = await saveAndWait(() => fs.writeFileSync(noteFile, note), brief)
      briefEdits.push(started.last)
      briefPdf.push(started.times[0] ?? Number.NaN)
      await watcher.idle()
      log(`brief note ${run + 1}: PDF after ${started.times[0]?.toFixed(2)} s, all three after ${started.last.toFixed(2)} s`)
    }
    rows.push({ what: 'watch: THA.md note saved → THA brief PDF replaced', samples: briefPdf, unit: 's' })
    rows.push({ what: 'watch: THA.md note saved → THA brief PDF, DOCX, HTML replaced', samples: briefEdits, unit: 's' })
  } finally {
    await watcher.close()
    memory.stop()
  }
  rows.push({ what: 'peak memory: cold build command with its Chromium', samples: coldMemory, unit: 'MB', note: coldMemory.some(Number.isNaN) ? 'needs /proc' : undefined })
  rows.push({ what: 'peak memory: watch (this process with its Chromium)', samples: [memory.peakMegabytes()], unit: 'MB' })

  // For comparison: Chromium alone printing the same HTML, and pandoc.
  const reportHtml = path.join(outDir, findOutput('report', '.html'))
  const bare: number[] = []
  let browser: string | undefined
  try {
    browser = findBrowser()
  } catch {
    browser = undefined
  }
  if (browser) {
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      const target = path.join(scratch, 'bare.pdf')
      const result = spawnSync(browser, [...(sandboxAvailable() ? [] : ['--no-sandbox']), '--headless', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${target}`, `file://${reportHtml}`], { stdio: 'ignore', timeout: 120_000 })
      if (result.status === 0 && fs.existsSync(target)) bare.push((performance.now() - started) / 1000)
    }
    rows.push({ what: 'for comparison: bare Chromium print of the report HTML (start to exit)', samples: bare, unit: 's', note: bare.length === 0 ? 'failed' : undefined })
  } else {
    rows.push({ what: 'for comparison: bare Chromium print of the report HTML', samples: [], unit: 's', note: 'skipped: no Chromium found' })
  }

  const pandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' })
  if (pandoc.status === 0) {
    const markdown = path.join(scratch, 'report.md')
    const files = fs.readdirSync(path.join(sourceDir, 'report')).filter((name) => name.endsWith('.md')).sort()
    fs.writeFileSync(markdown, files.map((name) => fs.readFileSync(path.join(sourceDir, 'report', name), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n'))
    const samples: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      const result = spawnSync('pandoc', [markdown, '-f', 'markdown', '-o', path.join(scratch, 'pandoc.docx')], { stdio: 'ignore' })
      if (result.status === 0) samples.push((performance.now() - started) / 1000)
    }
    rows.push({ what: "for comparison: pandoc, the report's Markdown to DOCX", samples, unit: 's' })
  } else {
    rows.push({ what: "for comparison: pandoc, the report's Markdown to DOCX", samples: [], unit: 's', note: 'skipped: pandoc is not installed' })
  }
} finally {
  printTable()
  fs.rmSync(scratch, { recursive: true, force: true })
}

function printTable(): void {
  const header = ['measurement', 'median', 'runs (min–max)', 'target']
  const body = rows.map((row) => {
    const valid = row.samples.filter((sample) => Number.isFinite(sample))
    const digits = row.unit === 'MB' ? 0 : 2
    const format = (value: number) => `${value.toFixed(digits)} ${row.unit}`
    const median = valid.length > 0 ? format(medianOf(valid)) : '—'
    const spread = valid.length > 1 ? `${valid.length} (${format(Math.min(...valid))}–${format(Math.max(...valid))})` : String(valid.length)
    return [row.what, row.note ? `${median} (${row.note})` : median, spread, row.target ?? '']
  })
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((line) => (line[column] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`
  process.stdout.write(`\n${[line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n')}\n`)
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Runs the command line in a fresh process; wall time and the peak memory of its process tree. */
function timeCommand(args: string[]): Promise<{ seconds: number; peakMegabytes: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), ...args], { cwd: projectRoot, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    let peak = 0
    const poll = setInterval(() => (peak = Math.max(peak, child.pid ? treeRssBytes(child.pid) : 0)), 100)
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      if (code !== 0) reject(new Error(`rso-docs ${args.join(' ')} exited with ${code}:\n${stderr}`))
      else resolve({ seconds: (performance.now() - started) / 1000, peakMegabytes: peak > 0 ? peak / 2 ** 20 : Number.NaN, stderr })
    })
  })
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

function watchMemory(): { stop(): void; peakMegabytes(): number } {
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, treeRssBytes(process.pid) || process.memoryUsage().rss)), 100)
  return { stop: () => clearInterval(timer), peakMegabytes: () => peak / 2 ** 20 }
}

/** Waits for the first build of a watcher to end. */
async function settle(watcher: { idle(): Promise<void> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300))
  await watcher.idle()
}

function findOutput(folder: 'report' | 'briefs', extension: string, prefix = ''): string {
  const name = fs.readdirSync(path.join(outDir, folder)).find((file) => file.startsWith(prefix) && file.endsWith(extension) && !file.startsWith('.'))
  if (!name) throw new Error(`No ${prefix}*${extension} in ${folder}/`)
  return path.join(folder, name)
}

/** Saves, then waits until every output is replaced; seconds from the save to the first, to each, and to the last. */
async function saveAndWait(save: () => void, outputs: readonly string[]): Promise<{ at: number; first: number; last: number; times: number[] }> {
  const before = outputs.map((output) => fs.statSync(path.join(outDir, output)).mtimeMs)
  const at = performance.now()
  save()
  const times: Array<number | undefined> = outputs.map(() => undefined)
  const deadline = at + 180_000
  while (times.some((time) => time === undefined)) {
    if (performance.now() > deadline) throw new Error(`Gave up waiting for ${outputs.join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
    outputs.forEach((output, index) => {
      if (times[index] !== undefined) return
      const modified = fs.statSync(path.join(outDir, output), { throwIfNoEntry: false })?.mtimeMs
      if (modified !== undefined && modified !== before[index]) times[index] = (performance.now() - at) / 1000
    })
  }
  const done = times as number[]
  return { at, first: Math.min(...done), last: Math.max(...done), times: done }
}

function appendToFirstParagraph(file: string, sentence: string): void {
  const text = fs.readFileSync(file, 'utf8')
  const body = text.indexOf('\n---', 3) + 4
  const start = text.slice(body).search(/\n[A-Z][^\n]*\n/) + body + 1
  const end = text.indexOf('\n', start)
  fs.writeFileSync(file, text.slice(0, end) + sentence + text.slice(end))
}
