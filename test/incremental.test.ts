/**
 * Incremental builds on a scratch copy of the content: a build with nothing changed renders
 * nothing; an edit renders again exactly the outputs that show it (checked by the files'
 * hashes, not only by what the build says); a broken edit writes nothing.
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
import { copySource, edit, projectRoot } from './support/cli.ts'

let sourceDir: string
let outDir: string
let session: Session
let options: BuildOptions

const thailand = ['briefs/THA-thailand.docx', 'briefs/THA-thailand.html', 'briefs/THA-thailand.pdf']

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
  sourceDir = await copySource()
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-incremental-'))
  session = new Session()
  options = { sourceDir, outDir, mode: 'draft', formats: ['pdf', 'docx', 'html'], report: true, briefs: ['THA', 'JPN'], reporter: silentReporter, session }
  const first = await build(options)
  expect(first.failed).toEqual([])
  expect(first.written).toHaveLength(9)
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
    expect(result.unchanged).toHaveLength(9)
    expect(await hashes()).toEqual(before)
  })

  it("renders only Thailand's brief again when Thailand's notes change", async () => {
    const before = await hashes()
    await fs.copyFile(path.join(projectRoot, 'test/fixtures/briefs/end.md'), path.join(sourceDir, 'briefs/THA.md'))
    // What `check --out` reports, before anything renders.
    const planned = await outdatedOutputs(options)
    expect(planned.outdated).toEqual(thailand)
    expect(planned.current).toHaveLength(6)
    const result = await build(options)
    expect(result.written).toEqual(thailand)
    expect(changed(before, await hashes())).toEqual(thailand)
    expect(await fs.readFile(path.join(outDir, 'briefs/THA-thailand.html'), 'utf8')).toContain('Fixture text placed at the end')
  })

  it('renders the report and the briefs of the countries that made an edited proposition, not the others', async () => {
    const before = await hashes()
    await edit(sourceDir, 'recommendations.json', '**THAILAND** encouraged Member States', '**THAILAND** strongly encouraged Member States')
    const result = await build(options)
    const report = ['docx', 'html', 'pdf'].map((format) => `report/third-rso-border-forum-outcome-report.${format}`)
    expect(result.written).toEqual([...thailand, ...report].sort())
    expect(changed(before, await hashes())).toEqual([...thailand, ...report].sort())
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
