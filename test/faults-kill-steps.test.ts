/**
 * Faults: a build killed outright (SIGKILL, as a power cut or the out-of-memory killer
 * would) at each step of writing (`RSO_FAULT_AT`, src/session/fault-injection.ts) leaves
 * every output its old or its new whole file, and the next build starts at once and sweeps
 * what the killed one left. The builds are of the tiny invented event; the killed one runs
 * in a child process, the ones before and after in this process. Each killed build makes
 * only the formats its step needs (a PDF only where printing is the step), and the next
 * build the same ones: writing, renaming and the manifest are the same for every format,
 * and a PDF costs a browser.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, runCliProcess } from './support/cli.ts'
import { expectWhole, leftovers, snapshot } from './support/faults.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

describe('a build killed at every step', () => {
  const scratch: string[] = []
  let source: string
  let baseline: string
  let previous: Map<string, Buffer>
  const brief = ['-d', 'briefs', '--country', 'THA']
  const isOutput = (name: string) => /\.(pdf|docx|html)$/.test(name)

  beforeAll(async () => {
    source = await copyTinyEvent()
    scratch.push(source)
    baseline = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-faults-steps-'))
    scratch.push(baseline)
    const result = await runCli(['build', '-s', source, '-o', baseline, ...brief, '-f', 'pdf,docx,html'])
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
    { step: 'rename', formats: 'docx,html', left: /\.rso-tmp-/ },
    { step: 'manifest', formats: 'docx,html', left: /\.rso-tmp-.*\.manifest\.json$/ },
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
      if (!isOutput(name)) continue
      const now = after.get(name)
      expect(now, `${name} was lost`).toBeDefined()
      if (step !== 'rename' && step !== 'manifest') expect(now!.equals(bytes), `${name} changed`).toBe(true)
    }
    if (step === 'rename') {
      // One output was renamed into place, the other not yet: exactly one of the two is new.
      const changed = [...previous.keys()].filter((name) => isOutput(name) && !after.get(name)!.equals(previous.get(name)!))
      expect(changed).toHaveLength(1)
    }
    if (left) expect(leftovers(after.keys()).some((name) => left.test(name)), leftovers(after.keys()).join(', ')).toBe(true)
    // The killed build's lock is still there, its owner gone: the next build takes it over at once.
    expect(after.has('.build.owner')).toBe(true)

    const next = await runCli(['build', '-s', source, '-o', out, ...brief, '-f', formats])
    expect(next.code, next.stderr).toBe(0)
    const swept = await snapshot(out)
    expect(leftovers(swept.keys())).toEqual([])
    expectWhole(swept)
    // The manifest the killed build may have left half-written is whole again, and names every output.
    const manifest = JSON.parse(swept.get('.manifest.json')!.toString('utf8')) as { outputs: Record<string, unknown> }
    expect(Object.keys(manifest.outputs).sort()).toEqual(['briefs/THA-thailand.docx', 'briefs/THA-thailand.html', 'briefs/THA-thailand.pdf'])
  }, 300_000)
})
