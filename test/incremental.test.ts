/**
 * Incremental builds on a scratch copy of the tiny invented event (the mechanics do not
 * need the real content, and HTML and DOCX need no browser): a build with nothing changed
 * renders nothing; an edit renders again exactly the outputs that show it (checked by the
 * files' hashes, not only by what the build says); a broken edit writes nothing.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, outdatedOutputs, type BuildOptions } from '../src/pipeline/build.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { ContentError } from '../src/errors/catalogue.ts'
import { formatMessages } from '../src/errors/format.ts'
import { Session } from '../src/session/session.ts'
import { edit, projectRoot } from './support/cli.ts'
import { copyTinyEvent } from './support/tiny-event.ts'
import { loadContent, type Content } from '../src/content/load.ts'
import { fileSlug } from '../src/assemble/brief/brief.ts'

let sourceDir: string
let outDir: string
let session: Session
let options: BuildOptions
let content: Content

const countries = ['LAO', 'THA']
const formats = ['docx', 'html'] as const

/** The outputs of a country's brief, from its name in the content. */
function briefOutputs(code: string): string[] {
  const country = content.countries.find((entry) => entry.code === code)
  if (!country) throw new Error(`${code} is not in the fixture event`)
  return formats.map((format) => `briefs/${code}-${fileSlug(country.name)}.${format}`)
}

const reportOutputs = () => formats.map((format) => `report/${content.forum.slug}.${format}`)
const outputCount = (1 + countries.length) * formats.length

/** sha256 of every output (not the manifest or other dot files), by path relative to the output folder. */
async function hashes(): Promise<Map<string, string>> {
  const entries = await fs.readdir(outDir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile() && !path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).some((part) => part.startsWith('.')))
  const result = new Map<string, string>()
  for (const entry of files) {
    const full = path.join(entry.parentPath, entry.name)
    result.set(path.relative(outDir, full), createHash('sha256').update(await fs.readFile(full)).digest('hex'))
  }
  return new Map([...result].sort(([a], [b]) => a.localeCompare(b)))
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file)
}

beforeAll(async () => {
  sourceDir = await copyTinyEvent()
  content = await loadContent(sourceDir)
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-incremental-'))
  session = new Session()
  options = { sourceDir, outDir, mode: 'draft', formats: [...formats], report: true, briefs: countries, reporter: silentReporter, session }
  const first = await build(options)
  expect(first.failed).toEqual([])
  expect(first.written).toHaveLength(outputCount)
})

afterAll(async () => {
  await session?.close()
  await fs.rm(sourceDir, { recursive: true, force: true })
  await fs.rm(outDir, { recursive: true, force: true })
})

describe('incremental builds', () => {
  it('renders nothing when nothing changed, and leaves every file as it was', async () => {
    const before = await hashes()
    expect((await outdatedOutputs(options)).outdated).toEqual([])
    const result = await build(options)
    expect(result.written).toEqual([])
    expect(result.unchanged).toHaveLength(outputCount)
    expect(await hashes()).toEqual(before)
  })

  it("renders only Thailand's brief again when Thailand's notes change", async () => {
    const thailand = briefOutputs('THA')
    const before = await hashes()
    await fs.copyFile(path.join(projectRoot, 'test/fixtures/briefs/end.md'), path.join(sourceDir, 'briefs/THA.md'))
    // What `check --out` reports, before anything renders.
    const planned = await outdatedOutputs(options)
    expect(planned.outdated).toEqual(thailand)
    expect(planned.current).toHaveLength(outputCount - thailand.length)
    const result = await build(options)
    expect(result.written).toEqual(thailand)
    expect(changed(before, await hashes())).toEqual(thailand)
    expect(await fs.readFile(path.join(outDir, 'briefs/THA-thailand.html'), 'utf8')).toContain('Fixture text placed at the end')
  })

  it('renders the report and the briefs of the countries that made an edited proposition, not the others', async () => {
    // A proposition that one of the built countries made alone, as the content says.
    const proposition = content.themes
      .flatMap((theme) => theme.propositions)
      .find((entry) => entry.countries.length === 1 && countries.includes(entry.countries[0] as string))
    if (!proposition) throw new Error('The fixture event needs a proposition made by one of the built countries alone')
    const before = await hashes()
    await edit(sourceDir, 'recommendations.json', proposition.text, `${proposition.text} Edited.`)
    const result = await build(options)
    const expected = [...briefOutputs(proposition.countries[0] as string), ...reportOutputs()].sort()
    expect(result.written).toEqual(expected)
    expect(changed(before, await hashes())).toEqual(expected)
  })

  it('fails on a broken edit with its file, line and column, and leaves every output byte-identical', async () => {
    const before = await hashes()
    const good = await fs.readFile(path.join(sourceDir, 'briefs/THA.md'))
    await fs.copyFile(path.join(projectRoot, 'test/fixtures/briefs/bad-front-matter.md'), path.join(sourceDir, 'briefs/THA.md'))
    const failure = await build(options).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(ContentError)
    expect(formatMessages((failure as ContentError).files, { cwd: sourceDir })).toMatch(/^briefs\/THA\.md:\d+:\d+: error: .*placement/m)
    expect(await hashes()).toEqual(before)
    const left = (await fs.readdir(outDir, { recursive: true })).filter((name) => name.includes('.rso-tmp-'))
    expect(left).toEqual([])

    // Putting the good notes back needs no rendering: the outputs already show them.
    await fs.writeFile(path.join(sourceDir, 'briefs/THA.md'), good)
    const recovered = await build(options)
    expect(recovered.written).toEqual([])
    expect(await hashes()).toEqual(before)
  })
})
