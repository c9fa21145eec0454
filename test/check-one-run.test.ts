/**
 * `check` reports every problem in one run (five mistakes in five files once took four
 * runs). A fresh `init` event gets five typical mistakes, each in its own file (invented
 * content, written by this test): a JSON syntax error, an unknown field, a typo'd code in
 * countries.json, a real code countries.json lacks (used at two places) and a misspelt
 * directive; a sixth, a misspelt signature image, shows the asset suggestion. One `check`
 * lists them all, each with a suggestion from what the officer meant, hints that name the
 * folder in use, and no word of the tool's sources.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot, runCli, type RunResult } from './support/cli.ts'

let scratch: string
let event: string
let result: RunResult

/** The 1-based line and column of `search` in a file of the event. */
async function placeOf(file: string, search: string, skip = 0): Promise<string> {
  const text = await fs.readFile(path.join(event, file), 'utf8')
  let offset = -1
  for (let count = 0; count <= skip; count++) offset = text.indexOf(search, offset + 1)
  const before = text.slice(0, offset).split('\n')
  return `${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-check-one-run-'))
  event = path.join(scratch, 'suva')
  expect((await runCli(['init', event])).code).toBe(0)
  const countries = JSON.parse(await fs.readFile(path.join(event, 'countries.json'), 'utf8')) as { countries: unknown[] }
  countries.countries.push({ code: 'TGA', name: 'Tonga', participant: true })
  await fs.writeFile(path.join(event, 'countries.json'), `${JSON.stringify(countries, null, 2)}\n`)
  await fs.writeFile(path.join(event, 'glossary.json'), '{\n  "terms": [\n    { "term": "SAR", "definition": "Search and rescue" }\n    { "term": "RCC", "definition": "Rescue coordination centre" }\n  ]\n}\n')
  await fs.writeFile(path.join(event, 'key-outcomes.json'), '{\n  "outcomes": [\n    { "id": "drills", "title": "Joint drills", "text": "Hold joint drills.", "summary": "Drills" }\n  ]\n}\n')
  const recommendations = {
    themes: [{ id: 'drills', title: 'Drills', subtitle: 'On drills', propositions: [
      { id: 'charts', text: 'Share charts.', countries: ['VUT'] },
      { id: 'drill', text: 'Hold a drill.', countries: ['IDN', 'VUT'] },
    ] }],
  }
  await fs.writeFile(path.join(event, 'recommendations.json'), `${JSON.stringify(recommendations, null, 2)}\n`)
  await fs.appendFile(path.join(event, 'report/01-introduction.md'), '\n::glosary\n\n::propositions{theme=drills}\n')
  const forum = await fs.readFile(path.join(event, 'forum.json'), 'utf8')
  await fs.writeFile(path.join(event, 'forum.json'), forum.replace('assets/signatures/signatory.svg', 'assets/signatures/signatroy.svg'))
  result = await runCli(['check', '--source', event])
}, 120_000)

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('check on five mistakes in five files', () => {
  it('lists all of them at once, each at its place', async () => {
    const folder = path.relative(projectRoot, event)
    const expected = [
      `${await placeOf('glossary.json', '{ "term": "RCC"')}: error: Invalid JSON: expected a comma between values [json-syntax]`,
      `${await placeOf('key-outcomes.json', '"summary"')}: error: Unknown field "summary" at outcomes[0] [schema]`,
      `${await placeOf('countries.json', '"TGA"')}: error: "TGA" is not an ISO 3166-1 alpha-3 code (did you mean "TON", the code of Tonga?) [unknown-country]`,
      `${await placeOf('recommendations.json', '"VUT"')}: error: Unknown country code "VUT": add Vanuatu (VUT) to countries.json [unknown-country]`,
      `${await placeOf('recommendations.json', '"VUT"', 1)}: error: Unknown country code "VUT": add Vanuatu (VUT) to countries.json [unknown-country]`,
      `${await placeOf('report/01-introduction.md', '::glosary')}: error: Unknown directive "::glosary" (did you mean "glossary"?) [unknown-directive]`,
      `${await placeOf('forum.json', '"assets/signatures/signatroy.svg"')}: error: "assets/signatures/signatroy.svg" does not exist under ${folder}/assets (did you mean "assets/signatures/signatory.svg"?) [asset-not-found]`,
    ].map((message) => `${folder}/${message}`)
    expect(result.code).toBe(1)
    const errors = result.stderr.split('\n').filter((line) => line.includes(': error: '))
    expect(errors.sort()).toEqual(expected.sort())
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`${expected.length} errors in the content.`)
  })

  it('names the folder in use in its hints, never source/ or the tool\'s code', () => {
    const hints = result.stderr.split('\n').filter((line) => line.startsWith('  hint: '))
    // One for each error, and one for the scaffold's placeholder signature (a missing value, a warning in a draft).
    expect(hints.length).toBe(8)
    expect(result.stderr).toContain(`listed in ${path.relative(projectRoot, event)}/countries.json`)
    expect(result.stderr).not.toMatch(/(^|[\s(])(source|src)\//m)
    expect(result.stderr).not.toContain('nothing was written')
  })
})
