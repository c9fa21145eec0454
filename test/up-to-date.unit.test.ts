/**
 * A build with nothing to do is decided from the inputs' hashes and the manifest, before
 * any stage loads (`pipeline/up-to-date.ts`): on the tiny invented event, HTML only.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../src/pipeline/build.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { unchangedOutputs } from '../src/pipeline/up-to-date.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

let source: string
let out: string
let options: BuildOptions

beforeAll(async () => {
  source = await copyTinyEvent()
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-up-to-date-'))
  options = { sourceDir: source, outDir: out, formats: ['html'], mode: 'draft', report: true, briefs: 'all', reporter: silentReporter }
  await build(options)
}, 120_000)

afterAll(async () => {
  await Promise.all([source, out].map((folder) => fs.rm(folder, { recursive: true, force: true })))
})

describe('a build with nothing to do', () => {
  it('is known from the manifest: every output of the last build, none written', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(out, '.manifest.json'), 'utf8')) as { outputs: Record<string, unknown>; inputs: { outputs: string[] } }
    const result = await unchangedOutputs(options)
    expect(result?.written).toEqual([])
    expect(result?.unchanged).toEqual(Object.keys(manifest.outputs).sort())
    expect(manifest.inputs.outputs).toEqual(result?.unchanged)
  })

  it('is not assumed for other options', async () => {
    expect(await unchangedOutputs({ ...options, formats: ['html', 'docx'] })).toBeUndefined()
    expect(await unchangedOutputs({ ...options, mode: 'final' })).toBeUndefined()
  })

  it('is not assumed when an output was changed by hand, and is again once a build restores it', async () => {
    const [output] = (await unchangedOutputs(options))!.unchanged
    const file = path.join(out, output!)
    const bytes = await fs.readFile(file)
    await fs.writeFile(file, Buffer.concat([bytes, Buffer.from('<!-- edited -->')]))
    expect(await unchangedOutputs(options)).toBeUndefined()
    const rebuilt = await build(options)
    expect(rebuilt.written).toEqual([output])
    expect(await fs.readFile(file)).toEqual(bytes)
    expect(await unchangedOutputs(options)).toBeDefined()
  }, 120_000)

  it('reads an output only when its size or time changed, or its time is the manifest\'s own', async () => {
    const [output] = (await unchangedOutputs(options))!.unchanged
    const file = path.join(out, output!)
    const bytes = await fs.readFile(file)
    // Times to the nanosecond, as the stamp keeps them: `touch -r` copies them whole (Node's utimes rounds).
    const timeOf = path.join(out, 'time-of-output')
    execFileSync('touch', ['-r', file, timeOf])
    // The same size, the time put back: the stamp holds, and the file is not read (as Git's index does).
    const sameSize = Buffer.from(bytes.toString('latin1').replace(/<title>./, (found) => `${found.slice(0, -1)}${found.endsWith('Z') ? 'Y' : 'Z'}`), 'latin1')
    expect(sameSize.length).toBe(bytes.length)
    expect(sameSize).not.toEqual(bytes)
    await fs.writeFile(file, sameSize)
    execFileSync('touch', ['-r', timeOf, file])
    expect(await unchangedOutputs(options)).toBeDefined()
    // Changed in the same tick as the manifest was written: the stamp cannot tell, so the bytes are read.
    execFileSync('touch', ['-r', path.join(out, '.manifest.json'), file])
    expect(await unchangedOutputs(options)).toBeUndefined()
    await fs.writeFile(file, bytes)
    execFileSync('touch', ['-r', timeOf, file])
    await fs.rm(timeOf)
    expect(await unchangedOutputs(options)).toBeDefined()
  })

  it('is not assumed once any content file changes, or a new one appears', async () => {
    await fs.writeFile(path.join(source, 'briefs', 'NEW.md'), '---\ntitle: Notes\n---\n\nA note.\n')
    expect(await unchangedOutputs(options)).toBeUndefined()
  })
})
