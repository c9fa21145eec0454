/**
 * The error catalogue's examples are what the command prints: a copy of the content gets
 * the mistake each example shows (invented for the test, each in its own place), one
 * `check` runs in this process, and every example of the entries that keep their wording
 * in the catalogue (`messages`) must be a line of its output, place and rule included.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogue, type CatalogueEntry } from '../src/errors/catalogue.ts'
import { copySource, edit, runCli, type RunResult } from './support/cli.ts'

/** The entries whose examples this test makes: those worded in the catalogue. */
const worded = Object.entries(catalogue as Record<string, CatalogueEntry>)
  .filter(([, entry]) => entry.messages !== undefined)
  .map(([id]) => id)

/** The messages an example shows, each between backticks. */
const examplesOf = (id: string) => [...(catalogue as Record<string, CatalogueEntry>)[id]!.example.matchAll(/`([^`]+)`/g)].map((match) => match[1]!)

let directory: string
let result: RunResult

beforeAll(async () => {
  directory = await copySource()
  await edit(directory, 'report/10-glossary.md', '::glossary', '::glosary')
  await edit(directory, 'report/02-key-outcomes.md', '::key-outcomes', ':key-outcomes')
  await edit(directory, 'report/07-recommendations.md', '::propositions{theme=regional-capacity}', '::propositions{theme=regional-capacities}')
  await edit(directory, 'report/05-smuggling-routes.md', '::map{routes=smuggling}', '::map{route=smuggling}')
  await fs.rm(path.join(directory, 'corridors.json'))
  await edit(directory, 'report/06-challenges.md', '::challenges', ':::challenges\nEach challenge is as delegates named it.\n:::')
  await edit(directory, 'forum.json', '"words": {', '"words": {\n    "brief.title": "Ringkasan negara: {negara}",\n    "role.hub": "{count, plural, one {Hub} few {Hubs} other {Hubs}}",')
  result = await runCli(['check', '--source', directory])
})

afterAll(async () => {
  if (directory) await fs.rm(directory, { recursive: true, force: true })
})

describe("the catalogue's examples", () => {
  it('are made by this test for every entry worded in the catalogue', () => {
    expect(worded).toEqual(expect.arrayContaining(['unknown-directive', 'directive-attribute', 'absent-collection', 'directive-text', 'words']))
    expect(result.code).toBe(1)
  })

  it.each(worded)('%s: each example is a line the command prints', (id) => {
    const printed = result.stderr.split('\n')
    for (const example of examplesOf(id)) {
      expect(printed.some((line) => line.endsWith(example) || (!/: (error|warning): /.test(example) && line.includes(example))), `${example}\n\nprinted:\n${result.stderr}`).toBe(true)
    }
  })
})
