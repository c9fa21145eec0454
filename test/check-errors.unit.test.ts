/**
 * Mistakes a person makes in the content: each gives one message at the right
 * file:line:column and a non-zero exit, without a stack trace.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copySource, edit, projectRoot, runCli } from './support/cli.ts'
import { limits } from '../src/content/limits.ts'

const copies: string[] = []
afterEach(async () => {
  await Promise.all(copies.splice(0).map((directory) => fs.rm(directory, { recursive: true, force: true })))
})

async function brokenCopy(): Promise<string> {
  const directory = await copySource()
  copies.push(directory)
  return directory
}

async function check(directory: string, ...extra: string[]) {
  const result = await runCli(['check', '--source', directory, ...extra])
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/) // no stack trace
  return result
}

describe('check', () => {
  it('passes the real content, warning about the value marked missing', async () => {
    const result = await runCli(['check'])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/source\/trafficking-routes\.json:\d+:\d+: warning: Missing: the number of countries/)
  })

  it('fails with --final on the value marked missing, naming where it is', async () => {
    const result = await runCli(['check', '--final'])
    expect(result.code).toBe(1)
    const text = await fs.readFile('source/trafficking-routes.json', 'utf8')
    const line = text.slice(0, text.indexOf('"missing"')).split('\n').length - 1
    expect(result.stderr).toMatch(new RegExp(`source/trafficking-routes\\.json:${line}:\\d+: error: Missing: the number of countries`))
  })

  it('reports broken JSON at its place', async () => {
    const directory = await brokenCopy()
    const at = await edit(directory, 'glossary.json', '"definition": "Australian Federal Police" },', '"definition": "Australian Federal Police" }')
    const result = await check(directory)
    expect(result.code).toBe(1)
    // The comma is missing at the end of this line; the parser sees it at the start of the next value.
    expect(result.stderr).toMatch(new RegExp(`glossary\\.json:${at.line + 1}:5: error: Invalid JSON: expected a comma between values`))
  })

  it('reports broken front matter at its place', async () => {
    const directory = await brokenCopy()
    const at = await edit(directory, 'report/08-looking-ahead.md', 'title: Looking Ahead', 'title: [Looking Ahead')
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`report/08-looking-ahead\\.md:${at.line}:\\d+: error: Invalid YAML front matter`))
  })

  it('reports an unknown country code where it is written, with close matches', async () => {
    const directory = await brokenCopy()
    const at = await edit(directory, 'recommendations.json', '"countries": ["MNG"]', '"countries": ["MNX"]')
    const result = await check(directory)
    expect(result.code).toBe(1)
    const column = at.column + '"countries": ['.length
    expect(result.stderr).toContain(`recommendations.json:${at.line}:${column}: error: Unknown country code "MNX" (did you mean `)
    expect(result.stderr).toMatch(/Unknown country code "MNX" \(did you mean [^)]*"MNG"/)
  })

  it('reports an unknown place on a route', async () => {
    const directory = await brokenCopy()
    const at = await edit(directory, 'corridors.json', '{ "place": "jakarta", "role": "forgery-centre" }', '{ "place": "jakartta", "role": "forgery-centre" }')
    // A sea crossing goes through seas only: a band across a district would claim what no text says.
    const sea = await edit(directory, 'corridors.json', '"waters": ["bay-of-bengal", "andaman-sea"]', '"waters": ["bay-of-bengal", "coxs-bazar"]')
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`corridors.json:${at.line}:${at.column + '{ "place": '.length}: error: Unknown place "jakartta" (did you mean "jakarta"`)
    expect(result.stderr).toContain(`corridors.json:${sea.line}:${sea.column + '"waters": ["bay-of-bengal", '.length}: error: "coxs-bazar" is not a place of kind "sea" in places.json`)
  })

  it('reports an unknown directive and a wrong attribute value', async () => {
    const directory = await brokenCopy()
    const unknown = await edit(directory, 'report/10-glossary.md', '::glossary', '::glosary')
    const wrong = await edit(directory, 'report/07-recommendations.md', '::propositions{theme=regional-capacity}', '::propositions{theme=regional-capacities}')
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`report/10-glossary.md:${unknown.line}:${unknown.column}: error: Unknown directive "::glosary" (did you mean "glossary"?)`)
    expect(result.stderr).toContain(`report/07-recommendations.md:${wrong.line}:${wrong.column}: error: Directive "propositions": "regional-capacities" is not a known theme`)
  })

  it('reports every schema violation at once: unknown field, wrong type, missing field', async () => {
    const directory = await brokenCopy()
    const unknown = await edit(directory, 'key-outcomes.json', '"id": "technology",', '"id": "technology", "titel": "x",')
    const wrongType = await edit(directory, 'forum.json', '"delegates": "more than 120"', '"delegates": 120')
    // Only the organisation is required in contact.json: the back cover shows the other details there are.
    await edit(directory, 'contact.json', '"organisation": "Regional Support Office of the Bali Process (RSO)",\n', '')
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`key-outcomes.json:${unknown.line}:${unknown.column + '"id": "technology", '.length}: error: Unknown field "titel"`)
    expect(result.stderr).toMatch(new RegExp(`forum\\.json:${wrongType.line}:${wrongType.column + '"delegates": '.length}: error: .*expected string.* at delegates`))
    expect(result.stderr).toMatch(/contact\.json:1:1: error: Missing field "organisation"/)
    expect(result.stderr).toContain('3 errors in the content')
  })

  it("reports a funder's unknown country, and a funder without its words, at their place", async () => {
    const unknown = await brokenCopy()
    const at = await edit(unknown, 'forum.json', '"country": "AUS",\n      "support": "core funding support"', '"country": "AUX",\n      "support": "core funding support"')
    const first = await check(unknown)
    expect(first.code).toBe(1)
    expect(first.stderr).toContain(`forum.json:${at.line}:${at.column + '"country": '.length}: error: Unknown country code "AUX"`)
    const incomplete = await brokenCopy()
    const name = await edit(incomplete, 'forum.json', '"name": "the Australian Government Department of Foreign Affairs and Trade",', '"name": "the Australian Government Department of Foreign Affairs and Trade",')
    await edit(incomplete, 'forum.json', ',\n      "support": "additional funding contributions"', '')
    const second = await check(incomplete)
    expect(second.code).toBe(1)
    // At the funder's opening brace, the line before its name.
    expect(second.stderr).toMatch(new RegExp(`forum\\.json:${name.line - 1}:5: error: Missing field "support" at funders\\[1\\]`))
  })

  it('reports a duplicate id at the second one, naming the first', async () => {
    const directory = await brokenCopy()
    const duplicate = await edit(directory, 'challenges.json', '"id": "privacy-and-jurisdiction"', '"id": "barriers-to-timely-sharing"')
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`challenges\\.json:${duplicate.line}:${duplicate.column + '"id": '.length}: error: Duplicate point id "barriers-to-timely-sharing" \\(first at line \\d+\\)`))
  })

  it('reports a missing signature image', async () => {
    const directory = await brokenCopy()
    await fs.rm(path.join(directory, 'assets/signatures/david-scott.svg'))
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/forum\.json:\d+:\d+: error: "assets\/signatures\/david-scott\.svg" does not exist/)
  })

  it('reports an image outside the assets and a file that is not an image', async () => {
    const directory = await brokenCopy()
    await fs.writeFile(path.join(directory, 'assets/notes.txt'), 'not an image')
    const outside = await edit(directory, 'report/08-looking-ahead.md', 'The RSO remains committed', '![x](../../etc/passwd) ![y](assets/notes.txt) The RSO remains committed')
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`report/08-looking-ahead.md:${outside.line}:${outside.column}: error: "../../etc/passwd" is outside ${path.relative(projectRoot, directory)}/assets/`)
    expect(result.stderr).toContain(`report/08-looking-ahead.md:${outside.line}:${outside.column + '![x](../../etc/passwd) '.length}: error: "assets/notes.txt" is not a PNG, JPEG or SVG image`)
  })

  it('reports a missing or empty content folder as a content error', async () => {
    const directory = await brokenCopy()
    const result = await check(path.join(directory, 'nothing-here'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/nothing-here:1:1: error: The content folder .* does not exist/)
  })

  it('reports text written inside a directive at its place, from check and from build', async () => {
    const directory = await brokenCopy()
    // Invented for the test: a line an author wrote inside the glossary's directive.
    const at = await edit(directory, 'report/10-glossary.md', '::glossary', ':::glossary\nThe terms below are those of the report.\n:::')
    const expected = `report/10-glossary.md:${at.line + 1}:1: error: ":::glossary" holds the text "The terms below are those of the report.", which it would not show`
    const checked = await check(directory)
    expect(checked.code).toBe(1)
    expect(checked.stderr).toContain(expected)
    const out = path.join(directory, 'out')
    const built = await runCli(['build', '--source', directory, '--out', out, '--format', 'html', '--documents', 'report'])
    expect(built.code).toBe(1)
    expect(built.stderr).toContain(expected)
    await expect(fs.readdir(path.join(out, 'report'))).rejects.toThrow()
  })

  it('checks a JSON file written on one line, as tools export it, clean', async () => {
    const directory = await brokenCopy()
    const glossary = JSON.parse(await fs.readFile(path.join(directory, 'glossary.json'), 'utf8')) as { terms: Array<{ term: string; definition: string }> }
    // Invented terms, enough for a file of about 55 KB on one line.
    for (let index = 0; JSON.stringify(glossary).length < 55_000; index++) {
      glossary.terms.push({ term: `XT${String(index).padStart(4, '0')}`, definition: 'A term invented for the test of a JSON file on one line' })
    }
    const oneLine = JSON.stringify(glossary)
    expect(oneLine.length).toBeGreaterThan(limits.lineCharacters)
    await fs.writeFile(path.join(directory, 'glossary.json'), oneLine)
    const result = await check(directory)
    expect(result.stderr).not.toMatch(/: error: /)
    expect(result.code).toBe(0)
  })

  it('refuses a line of Markdown too long inside a JSON string, at the value', async () => {
    const directory = await brokenCopy()
    const at = await edit(directory, 'key-outcomes.json', '"text": "', `"text": "${'word '.repeat(2_500)}`)
    const result = await check(directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`key-outcomes\\.json:${at.line}:${at.column + '"text": '.length}: error: The Markdown of this value: Line 1 has \\d+ characters; a line may have at most ${limits.lineCharacters} \\[too-large\\]`))
  })

  it('reports a translated value and a plural form the language lacks at their place in the words, from check and from build', async () => {
    const directory = await brokenCopy()
    // Invented for the test: a translation that renamed the value, and an English plural with a form English lacks.
    const at = await edit(directory, 'forum.json', '"words": {', '"words": {\n    "brief.title": "Ringkasan negara: {negara}",\n    "role.hub": "{count, plural, one {Hub} few {Hubs} other {Hubs}}",')
    const column = 5 + '"brief.title": '.length
    const renamed = `forum.json:${at.line + 1}:${column}: error: The word "brief.title" uses the value {negara}, which is never filled in: its default "Country brief: {country}" has {country}`
    const plural = `forum.json:${at.line + 2}:${5 + '"role.hub": '.length}: error: The word "role.hub" has the plural form "few" for {count}, which en-GB never uses`
    const checked = await check(directory)
    expect(checked.code).toBe(1)
    expect(checked.stderr).toContain(renamed)
    expect(checked.stderr).toContain(plural)
    const built = await runCli(['build', '--source', directory, '--out', path.join(directory, 'out'), '--format', 'html', '--country', 'THA', '--documents', 'briefs'])
    expect(built.code).toBe(1)
    expect(built.stderr).toContain(renamed)
    expect(built.stderr).not.toContain('could not render')
  })

  it('rejects an unknown option as a usage error', async () => {
    const result = await runCli(['build', '--colour', 'blue'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("unknown option '--colour'")
  })
})
