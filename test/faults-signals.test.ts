/**
 * Faults: a build that is interrupted (Ctrl-C, SIGTERM) or killed leaves the previous
 * outputs whole and no temporary files after the next run; two builds on one folder do not
 * mix, even when both take over the same stale lock; Ctrl-C in watch while a PDF prints
 * ends it cleanly; no Chromium outlives the command.
 *
 * The builds are of the tiny invented event (test/fixtures/events/tiny/): what is tested is
 * the mechanics of writing, locking and ending, which do not depend on how long the
 * content is. What must be a process of its own (a signal, a kill, a second build beside
 * the first, fault injection read at start) runs the real command in a child process; the
 * builds before and after run in this process. A build killed at each step of writing is
 * in faults-kill-steps.test.ts; the print queue's retries in faults-print-queue.test.ts.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyOutput } from '../src/pipeline/verify-output.ts'
import { edit, runCli, runCliProcess } from './support/cli.ts'
import { browsersUnder, expectWhole, leftovers, snapshot, startCli, waitUntilNoBrowser } from './support/faults.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

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
