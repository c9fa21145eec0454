/**
 * A content error that only a render finds: a country the atlas has no shape
 * for, on a route of the tiny invented event. `check` finds it before anything renders;
 * a build that meets it while rendering lets its other renders finish, then stops with
 * the message once, its lock released and no temporary file left. HTML only: no browser.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/pipeline/build.ts'
import { ContentError } from '../src/errors/catalogue.ts'
import { formatMessages } from '../src/errors/format.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { runCli } from './support/cli.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

let source: string
let scratch: string

beforeAll(async () => {
  source = await copyTinyEvent()
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-render-errors-'))
  const countries = JSON.parse(await fs.readFile(path.join(source, 'countries.json'), 'utf8')) as { countries: object[] }
  countries.countries.push({ code: 'TUV', name: 'Tuvalu', participant: false })
  await fs.writeFile(path.join(source, 'countries.json'), JSON.stringify(countries, null, 2))
  const corridors = await fs.readFile(path.join(source, 'corridors.json'), 'utf8')
  await fs.writeFile(path.join(source, 'corridors.json'), corridors.replace('{ "place": "PHL", "role": "destination" }', '{ "place": "TUV", "role": "destination" }'))
})

afterAll(async () => {
  await Promise.all([source, scratch].map((directory) => fs.rm(directory, { recursive: true, force: true })))
})

describe('a country the map cannot place', () => {
  it('is found by check, before anything renders, at its entry of countries.json', async () => {
    const { code, stderr: printed } = await runCli(['check', '--source', source, '--out', path.join(scratch, 'check-out')])
    expect(code).toBe(1)
    expect(printed).toMatch(/countries\.json:24:5: error: The map cannot place Tuvalu \(TUV\): the atlas has no shape for it \[map-place\]/)
  })

  it('found while rendering, stops the build once the other renders are done: one message, no lock, no temporary file', async () => {
    const out = path.join(scratch, 'build-out')
    const error = await build({ sourceDir: source, outDir: out, formats: ['html'], mode: 'draft', report: true, briefs: 'all', reporter: silentReporter }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(ContentError)
    const messages = formatMessages((error as ContentError).files).split('\n').filter((line) => line.includes('[map-place]'))
    expect(messages).toHaveLength(1)
    const left = await fs.readdir(out, { recursive: true })
    expect(left).not.toContain('.build.lock')
    expect(left.filter((name) => name.includes('.rso-tmp-'))).toEqual([])
    // What was written is recorded, so the next build renders only what is left.
    const manifest = JSON.parse(await fs.readFile(path.join(out, '.manifest.json'), 'utf8')) as { outputs: Record<string, unknown> }
    for (const output of Object.keys(manifest.outputs)) expect(left).toContain(output)
    // The error says how many outputs were written before it, for the command's summary.
    expect((error as ContentError).written).toBe(Object.keys(manifest.outputs).length)
  })
})
