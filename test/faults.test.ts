/**
 * Faults: a browser that crashes or hangs costs one retry of one document; a build that is
 * interrupted or killed leaves the previous outputs whole and no temporary files after the
 * next run; two builds on one folder do not mix; no Chromium outlives the command.
 *
 * The builds are of the tiny invented event (test/fixtures/events/tiny/): what is tested is
 * the mechanics of writing, locking and ending, which do not depend on how long the
 * content is. What must be a process of its own (a signal, a kill, a second build beside
 * the first, fault injection read at start) runs the real command in a child process; the
 * builds before and after run in this process.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrintQueue } from '../src/render/pdf/print-queue.ts'
import { launchBrowser } from '../src/render/pdf/browser.ts'
import { DeadlineError } from '../src/render/pdf/print.ts'
import { verifyOutput } from '../src/pipeline/verify-output.ts'
import { commandLine, edit, projectRoot, runCli, runCliProcess } from './support/cli.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

const page = (text: string) => `<!doctype html><html><body><h1>${text}</h1><p>${'Text. '.repeat(200)}</p></body></html>`

describe('print queue', () => {
  it('finishes a batch when the browser is killed in the middle of it, with one relaunch', async () => {
    const browsers: Browser[] = []
    const log: string[] = []
    const queue = new PrintQueue({
      concurrency: 2,
      log: (message) => log.push(message),
      launch: async () => {
        const browser = await launchBrowser()
        browsers.push(browser)
        return browser
      },
    })
    try {
      const prints = Array.from({ length: 6 }, (_, index) => queue.print(page(`Document ${index}`), `document ${index}`))
      await prints[0]
      browsers[0]?.process()?.kill('SIGKILL')
      const pdfs = await Promise.all(prints)
      for (const pdf of pdfs) expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-')
      expect(browsers).toHaveLength(2)
      expect(log.some((line) => /failed .*trying once more/.test(line))).toBe(true)
    } finally {
      await queue.close()
    }
    for (const browser of browsers) expect(browser.connected).toBe(false)
  })

  it('gives up on a hanging page at its deadline, then prints it in a new browser', async () => {
    const launched: Browser[] = []
    const log: string[] = []
    const queue = new PrintQueue({
      deadlineMs: 1_500,
      log: (message) => log.push(message),
      launch: async () => {
        const browser = await launchBrowser()
        launched.push(browser)
        if (launched.length > 1) return browser
        // The first browser's pages never finish loading, as a hung renderer would not.
        const newPage = browser.newPage.bind(browser)
        browser.newPage = async () => {
          const hung: Page = await newPage()
          hung.goto = () => new Promise(() => undefined)
          return hung
        }
        return browser
      },
    })
    try {
      const started = performance.now()
      const pdf = await queue.print(page('Hangs once'), 'hanging document')
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-')
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_500)
      expect(launched).toHaveLength(2)
      expect(log.join('\n')).toMatch(/Printing hanging document failed \(Gave up printing the PDF after \d+ s\)/)
    } finally {
      await queue.close()
    }
    expect(launched[0]?.connected).toBe(false)
  })

  it('reports a document that hangs every time as failed, after one retry', async () => {
    let launches = 0
    const queue = new PrintQueue({
      deadlineMs: 500,
      launch: async () => {
        launches++
        const browser = await launchBrowser()
        browser.newPage = async () => ({ setJavaScriptEnabled: () => new Promise(() => undefined), close: () => new Promise(() => undefined) }) as unknown as Page
        return browser
      },
    })
    try {
      await expect(queue.print(page('Always hangs'), 'stuck')).rejects.toBeInstanceOf(DeadlineError)
      expect(launches).toBe(2)
    } finally {
      await queue.close()
    }
  })
})

/** Chromium processes started with a profile under `directory` (Puppeteer puts its profile in TMPDIR). */
function browsersUnder(directory: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `user-data-dir=${directory}`], { encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch {
    return [] // pgrep exits 1 when nothing matches
  }
}

async function waitUntilNoBrowser(directory: string, timeoutMs = 15_000): Promise<string[]> {
  const until = Date.now() + timeoutMs
  let left = browsersUnder(directory)
  while (left.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    left = browsersUnder(directory)
  }
  return left
}

interface Started {
  child: ChildProcess
  stderr: () => string
  /** Resolves when stderr matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function startCli(args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [...commandLine, ...args], {
    cwd: projectRoot,
    env: { ...process.env, CI: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = []
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(stderr)) waiter.resolve()
      else waiters.push(waiter)
    }
  })
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })))
  return {
    child,
    stderr: () => stderr,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve()
        waiters.push({ pattern, resolve })
        void exit.then(() => reject(new Error(`The command ended before printing ${pattern}:\n${stderr}`)))
      }),
    exit,
  }
}

async function snapshot(directory: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await fs.readdir(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name)
      files.set(path.relative(directory, full), await fs.readFile(full))
    }
  }
  return files
}

describe('interrupted and concurrent builds', () => {
  const scratch: string[] = []
  let source: string
  let baseline: string
  let previous: Map<string, Buffer>
  const pdf = 'report/tiny-example-forum-outcome-report.pdf'
  const html = 'report/tiny-example-forum-outcome-report.html'

  async function temporary(prefix: string): Promise<string> {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
    scratch.push(directory)
    return directory
  }

  beforeAll(async () => {
    source = await copyTinyEvent()
    scratch.push(source)
    baseline = await temporary('rso-faults-out-')
    const browserTemp = await temporary('rso-faults-tmp-')
    const result = await runCli(['build', '-s', source, '-o', baseline, '-d', 'report', '-f', 'html,pdf'], { env: { TMPDIR: browserTemp } })
    expect(result.code, result.stderr).toBe(0)
    previous = await snapshot(baseline)
    // No Chromium outlives a successful command.
    expect(await waitUntilNoBrowser(browserTemp, 5_000)).toEqual([])
    // An edit, so that a build that wrongly wrote half its output would not match the previous bytes.
    await edit(source, 'report/02-routes.md', 'The numbers below are invented.', 'The numbers below are all invented.')
  })

  afterAll(async () => {
    await Promise.all(scratch.map((directory) => fs.rm(directory, { recursive: true, force: true })))
  })

  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('%s in the middle of a build leaves the previous outputs whole, no browser, and no temporary files after the next run', async (signal) => {
    const out = await temporary('rso-faults-out-')
    await fs.cp(baseline, out, { recursive: true })
    const browserTemp = await temporary('rso-faults-tmp-')
    const build = startCli(['build', '-s', source, '-o', out, '-d', 'report', '-f', 'html,pdf', '--force'], { TMPDIR: browserTemp })
    // The HTML is written; the PDF is being printed.
    await build.waitFor(/\[1\/2\] report\/.*\.html/)
    expect(browsersUnder(browserTemp).length).toBeGreaterThan(0)
    build.child.kill(signal)
    const { code, signal: ended } = await build.exit
    if (signal === 'SIGKILL') expect(ended).toBe('SIGKILL')
    else {
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143)
      expect(build.stderr()).toContain(`Interrupted (${signal})`)
    }
    expect(await waitUntilNoBrowser(browserTemp)).toEqual([])

    const after = await snapshot(out)
    // The PDF being printed keeps its previous bytes; the HTML, written before the signal, is whole.
    expect(after.get(pdf)?.equals(previous.get(pdf)!)).toBe(true)
    expect(() => verifyOutput(html, new Uint8Array(after.get(html)!))).not.toThrow()
    if (signal !== 'SIGKILL') expect([...after.keys()].filter((name) => /\.rso-tmp-|\.build\.(lock|owner)/.test(name))).toEqual([])

    // The next build starts at once (a lock left by a killed build is taken over) and sweeps what is left.
    const next = await runCli(['build', '-s', source, '-o', out, '-d', 'report', '-f', 'html'])
    expect(next.code, next.stderr).toBe(0)
    expect([...(await snapshot(out)).keys()].filter((name) => /\.rso-tmp-|\.build\.(lock|owner)/.test(name))).toEqual([])
  })

  it('a second build on the same folder stops with a clear message while the first goes on', async () => {
    const out = await temporary('rso-faults-out-')
    // The first build holds its print a few seconds, so it is surely still running when the second starts.
    const first = startCli(['build', '-s', source, '-o', out, '-d', 'report', '-f', 'html,pdf'], { RSO_FAULT_AT: 'print:pause' })
    await first.waitFor(/Fault injected at print \(RSO_FAULT_AT\): pausing/)
    const second = await runCli(['build', '-s', source, '-o', out, '-d', 'report', '-f', 'html'])
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`error: Another build is writing to ${out}. Wait for it to finish, or build into another folder with --out.`)
    expect(second.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    const { code } = await first.exit
    expect(code, first.stderr()).toBe(0)
    const written = await snapshot(out)
    expect(() => verifyOutput(pdf, new Uint8Array(written.get(pdf)!))).not.toThrow()
  })
})

/** Temporary files, map-cache `.partial` files and lock files in an output folder's listing. */
const leftovers = (names: Iterable<string>) => [...names].filter((name) => /\.rso-tmp-|\.partial$|\.build\.(lock|owner)|\.takeover/.test(name))

/** Every output in `files` opens (temporary files aside): a PDF parses with its pages, a DOCX's zip and XML open. */
function expectWhole(files: Map<string, Buffer>): void {
  for (const [name, bytes] of files) {
    if (/\.(pdf|docx|html)$/.test(name) && !path.basename(name).startsWith('.rso-tmp-')) expect(() => verifyOutput(name, new Uint8Array(bytes)), name).not.toThrow()
  }
}

describe('a build killed at every step', () => {
  const scratch: string[] = []
  let source: string
  let baseline: string
  let previous: Map<string, Buffer>
  const brief = ['-d', 'briefs', '--country', 'THA']

  beforeAll(async () => {
    source = await copyTinyEvent()
    scratch.push(source)
    baseline = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-faults-steps-'))
    scratch.push(baseline)
    const result = await runCli(['build', '-s', source, '-o', baseline, ...brief, '-f', 'pdf,docx'])
    expect(result.code, result.stderr).toBe(0)
    previous = await snapshot(baseline)
    // An edit that the brief shows, so that new bytes differ from the previous ones.
    await fs.writeFile(path.join(source, 'briefs/THA.md'), '---\ntitle: Notes\n---\n\nA note written for the fault tests (invented).\n')
  }, 300_000)

  afterAll(async () => {
    await Promise.all(scratch.map((directory) => fs.rm(directory, { recursive: true, force: true })))
  })

  it.each([
    { step: 'maps', formats: 'docx', left: /\.rso-tmp-.*\.png$/ },
    { step: 'print', formats: 'pdf', left: undefined },
    { step: 'docx', formats: 'docx', left: /\.rso-tmp-.*\.docx$/ },
    { step: 'rename', formats: 'pdf,docx', left: /\.rso-tmp-/ },
    { step: 'manifest', formats: 'pdf,docx', left: /\.rso-tmp-.*\.manifest\.json$/ },
  ])('SIGKILL at $step: every output is its old or its new whole file, and the next build starts and sweeps', async ({ step, formats, left }) => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), `rso-faults-${step}-`))
    scratch.push(out)
    await fs.cp(baseline, out, { recursive: true })
    // Maps are drawn only when the cache lacks them.
    if (step === 'maps') await fs.rm(path.join(out, '.cache', 'maps'), { recursive: true, force: true })
    const killed = await runCliProcess(['build', '-s', source, '-o', out, ...brief, '-f', formats, '--force'], { env: { RSO_FAULT_AT: step } })
    expect(killed.stderr).toContain(`Fault injected at ${step} (RSO_FAULT_AT): killing the build`)
    expect(killed.code).toBeNull() // ended by the signal

    const after = await snapshot(out)
    expectWhole(after)
    for (const [name, bytes] of previous) {
      if (!/\.(pdf|docx)$/.test(name)) continue
      const now = after.get(name)
      expect(now, `${name} was lost`).toBeDefined()
      if (step !== 'rename' && step !== 'manifest') expect(now!.equals(bytes), `${name} changed`).toBe(true)
    }
    if (step === 'rename') {
      // One output was renamed into place, the other not yet: exactly one of the two is new.
      const changed = [...previous.keys()].filter((name) => /\.(pdf|docx)$/.test(name) && !after.get(name)!.equals(previous.get(name)!))
      expect(changed).toHaveLength(1)
    }
    if (left) expect(leftovers(after.keys()).some((name) => left.test(name)), leftovers(after.keys()).join(', ')).toBe(true)
    // The killed build's lock is still there, its owner gone: the next build takes it over at once.
    expect(after.has('.build.owner')).toBe(true)

    const next = await runCli(['build', '-s', source, '-o', out, ...brief, '-f', 'pdf,docx'])
    expect(next.code, next.stderr).toBe(0)
    const swept = await snapshot(out)
    expect(leftovers(swept.keys())).toEqual([])
    expectWhole(swept)
    // The manifest the killed build may have left half-written is whole again, and names both outputs.
    const manifest = JSON.parse(swept.get('.manifest.json')!.toString('utf8')) as { outputs: Record<string, unknown> }
    expect(Object.keys(manifest.outputs).sort()).toEqual(['briefs/THA-thailand.docx', 'briefs/THA-thailand.pdf'])
  }, 300_000)
})

describe('the stale-lock race', () => {
  it('two builds taking over the same stale lock at once: exactly one proceeds', async () => {
    const source = await copyTinyEvent()
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-faults-race-'))
    try {
      // A lock left by a build that was killed: its owner is a process that has ended.
      const ended = spawn(process.execPath, ['-e', ''])
      await new Promise((resolve) => ended.on('exit', resolve))
      await fs.mkdir(path.join(out, '.build.lock'))
      await fs.writeFile(path.join(out, '.build.owner'), JSON.stringify({ pid: ended.pid, host: os.hostname() }))
      const args = ['build', '-s', source, '-o', out, '-d', 'briefs', '--country', 'THA', '-f', 'html,pdf']
      // The build that wins holds the lock for a few seconds while it prints, so that on a
      // loaded machine the other, started at the same moment but slower to start, still
      // finds it taken rather than free again.
      const env = { RSO_FAULT_AT: 'print:pause' }
      const [first, second] = await Promise.all([runCliProcess(args, { env }), runCliProcess(args, { env })])
      const codes = [first.code, second.code].sort()
      expect(codes, `${first.stderr}\n---\n${second.stderr}`).toEqual([0, 1])
      const refused = first.code === 1 ? first : second
      expect(refused.stderr).toContain(`error: Another build is writing to ${out}.`)
      expect(leftovers(await fs.readdir(out))).toEqual([])
    } finally {
      await fs.rm(source, { recursive: true, force: true })
      await fs.rm(out, { recursive: true, force: true })
    }
  }, 300_000)
})

describe('Ctrl-C in watch while a PDF is printing', () => {
  it('ends the watch cleanly: outputs whole, no lock, no browser', async () => {
    const source = await copyTinyEvent()
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-faults-watch-'))
    const browserTemp = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-faults-tmp-'))
    try {
      const watch = startCli(['watch', '-s', source, '-o', out, '--country', 'THA', '-f', 'html,pdf', '--port', '0'], { TMPDIR: browserTemp, RSO_FAULT_AT: 'print:pause' })
      await watch.waitFor(/Fault injected at print \(RSO_FAULT_AT\): pausing/)
      expect(browsersUnder(browserTemp).length).toBeGreaterThan(0)
      watch.child.kill('SIGINT')
      const { code, signal } = await watch.exit
      expect(signal).toBeNull()
      expect([0, 130]).toContain(code)
      expect(watch.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
      expect(await waitUntilNoBrowser(browserTemp)).toEqual([])
      const after = await snapshot(out)
      expectWhole(after)
      expect(leftovers(after.keys())).toEqual([])
    } finally {
      await Promise.all([source, out, browserTemp].map((directory) => fs.rm(directory, { recursive: true, force: true })))
    }
  }, 300_000)
})
