/**
 * `rso-docs review` on DOCX files reviewed as Word writes them, made here from a built
 * DOCX of the tiny invented event (its copy gets a few invented sentences more: a JSON
 * field whose Markdown has `**`, quotes and backslashes, a second paragraph, a table from
 * its collection): tracked replacements and insertions, a change split over two runs, an
 * edit typed with tracking off, comments; the same file after LibreOffice re-saved it; an
 * edited label, a conflict, a brief's edit, a file that is not a DOCX and one not ours.
 * And a redline DOCX of the tiny event (`build --redline` against an earlier round that
 * differs by two invented edits) as it was sent and with a reviewer's change, also re-saved
 * by the same LibreOffice run.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseTree } from 'jsonc-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../src/pipeline/build.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { Session } from '../src/session/session.ts'
import { review, type ReviewItem } from '../src/review/index.ts'
import { runCli } from './support/cli.ts'
import { copyTinyEvent, tinyEvent } from './support/tiny-event.ts'
import { addComments, documentXmlOf, repack, trackInsert, trackReplace, untrackedReplace } from './support/reviewed-docx.ts'

let sourceDir: string
let outDir: string
let reviewDir: string
let session: Session
let options: BuildOptions
const reviewerA = { author: 'Reviewer A', date: '2026-11-30T09:00:00Z' }
const reviewerB = { author: 'Reviewer B', date: '2026-11-30T11:00:00Z' }
const reportDocx = () => path.join(outDir, 'report/tiny-example-forum-outcome-report.docx')
const originals = new Map<string, string>()

async function read(file: string): Promise<string> {
  return fs.readFile(path.join(sourceDir, file), 'utf8')
}

/** `file:line:column: message` of each item, the file relative to the content folder. */
const lines = (items: readonly ReviewItem[]) => items.map((item) => `${path.relative(sourceDir, item.file)}:${item.line}:${item.column}: ${item.message} [${item.rule}]`)

/** Line and column of `search` in a content file. */
async function placeOf(file: string, search: string): Promise<string> {
  const text = await read(file)
  const offset = text.indexOf(search)
  if (offset < 0) throw new Error(`"${search}" is not in ${file}`)
  const before = text.slice(0, offset).split('\n')
  return `${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
}

/** The reviewed report: every kind of change the review must carry, and two comments. */
function reviewedReport(bytes: Uint8Array): Uint8Array {
  let xml = documentXmlOf(bytes)
  xml = trackReplace(xml, 'invented forum', 'made-up forum', reviewerA)
  xml = trackInsert(xml, '“quoted”', ' (and "more" \\ more*)', reviewerA)
  xml = trackReplace(xml, 'LAO PDR', 'LAO P.D.R.', reviewerB)
  xml = untrackedReplace(xml, 'A first invented point', 'A first invented and tested point')
  xml = trackReplace(xml, 'Invented border post', 'Invented border crossing', reviewerA)
  xml = trackReplace(xml, 'numbers below', 'figures below', reviewerB, { splitAt: 4 })
  const { documentXml, commentsXml } = addComments(xml, [
    { ...reviewerB, on: 'Delegates agreed', text: 'Please confirm who agreed.' },
    { ...reviewerA, on: 'walked the routes', text: 'Which routes?' },
  ])
  return repack(bytes, documentXml, commentsXml)
}

let reviewed: string
let resaved: string
let labelAndConflict: string
let briefReviewed: string
let onlyReport: string
let redlineOut: string
let redlineReviewed: string
let redlineResaved: string
const redlineDocx = () => path.join(redlineOut, 'report/tiny-example-forum-outcome-report.changes-since-round-1.docx')

beforeAll(async () => {
  sourceDir = await copyTinyEvent()
  // Invented additions for the tests.
  const outcomes = await read('key-outcomes.json')
  await fs.writeFile(path.join(sourceDir, 'key-outcomes.json'), outcomes.replace('"A second outcome, with **strong** words."', '"A second outcome, with **strong** words, \\"quoted\\" and a back\\\\\\\\slash."'))
  const routes = await read('report/02-routes.md')
  await fs.writeFile(path.join(sourceDir, 'report/02-routes.md'), routes.replace('The numbers below are invented.\n', 'The numbers below are invented.\n\nInvented delegates walked the routes.\n\n::collection{name=site-visits}\n'))
  for (const file of ['key-outcomes.json', 'report/01-summary.md', 'report/02-routes.md', 'recommendations.json', 'challenges.json', 'collections/site-visits.json']) originals.set(file, await read(file))

  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-review-out-'))
  reviewDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-review-'))
  session = new Session()
  options = { sourceDir, outDir, mode: 'draft', formats: ['docx'], report: true, briefs: ['LAO', 'PHL', 'THA'], reporter: silentReporter, session }
  const first = await build(options)
  expect(first.failed).toEqual([])

  const report = new Uint8Array(await fs.readFile(reportDocx()))
  reviewed = path.join(reviewDir, 'reviewed.docx')
  await fs.writeFile(reviewed, reviewedReport(report))

  let other = documentXmlOf(report)
  other = trackReplace(other, 'Abbreviation', 'Short form', reviewerA)
  other = trackReplace(other, 'agreed on', 'agreed upon', reviewerA)
  labelAndConflict = path.join(reviewDir, 'label-and-conflict.docx')
  await fs.writeFile(labelAndConflict, repack(report, other))

  const only = trackReplace(documentXmlOf(report), 'walked the routes', 'walked every route', reviewerB)
  onlyReport = path.join(reviewDir, 'only-report.docx')
  await fs.writeFile(onlyReport, repack(report, only))

  const brief = new Uint8Array(await fs.readFile(path.join(outDir, 'briefs/THA-thailand.docx')))
  briefReviewed = path.join(reviewDir, 'THA-reviewed.docx')
  await fs.writeFile(briefReviewed, repack(brief, trackReplace(documentXmlOf(brief), 'invented joint measure', 'invented shared measure', reviewerA)))

  // The redline of the tiny event (today: the fixture as it is) against an earlier round,
  // invented for the test: a sentence the routes section has lost since, and the first
  // outcome's earlier words.
  const earlierDir = path.join(reviewDir, 'round-1')
  await fs.cp(tinyEvent, earlierDir, { recursive: true })
  for (const [file, today, earlier] of [
    ['report/02-routes.md', 'The numbers below are invented.', 'The numbers below are invented. An earlier round had this sentence too.'],
    ['key-outcomes.json', 'agreed on an *invented* outcome', 'agreed on a *made-up* outcome'],
  ] as const) {
    const text = await fs.readFile(path.join(earlierDir, file), 'utf8')
    if (!text.includes(today)) throw new Error(`${file} no longer holds "${today}"`)
    await fs.writeFile(path.join(earlierDir, file), text.replace(today, earlier))
  }
  redlineOut = path.join(reviewDir, 'redline-out')
  const redlined = await build({ sourceDir: tinyEvent, outDir: redlineOut, mode: 'draft', formats: ['docx'], report: true, briefs: [], reporter: silentReporter, session, redline: earlierDir, redlineLabel: 'round-1' })
  expect(redlined.failed).toEqual([])
  const redlineBytes = new Uint8Array(await fs.readFile(redlineDocx()))
  redlineReviewed = path.join(reviewDir, 'redline-reviewed.docx')
  // In the paragraph the redline also marks: the two kinds of change side by side.
  await fs.writeFile(redlineReviewed, repack(redlineBytes, trackReplace(documentXmlOf(redlineBytes), 'numbers below', 'figures below', { author: 'Reviewer A', date: '2026-12-01T10:00:00Z' })))

  // One LibreOffice run re-saves the reviewed report and the reviewed redline, as an officer's LibreOffice would.
  const resavedDir = path.join(reviewDir, 'libreoffice')
  execFileSync('libreoffice', [`-env:UserInstallation=file://${path.join(reviewDir, 'profile')}`, '--headless', '--convert-to', 'docx', '--outdir', resavedDir, reviewed, redlineReviewed], { stdio: 'ignore', timeout: 180_000 })
  resaved = path.join(resavedDir, 'reviewed.docx')
  redlineResaved = path.join(resavedDir, 'redline-reviewed.docx')
}, 300_000)

afterAll(async () => {
  await session?.close()
  for (const folder of [sourceDir, outDir, reviewDir]) if (folder) await fs.rm(folder, { recursive: true, force: true })
})

describe('review of a redline DOCX', () => {
  it('carries back nothing from the redline as it was sent', async () => {
    const result = await review({ docx: redlineDocx(), sourceDir: tinyEvent, apply: false })
    expect(result.document).toBe('report/tiny-example-forum-outcome-report')
    expect(result.items).toEqual([])
  })

  it("carries back only the reviewer's change, also after LibreOffice re-saved the file", async () => {
    // The redline's own marks are still there after the re-save, beside the reviewer's.
    expect(documentXmlOf(new Uint8Array(await fs.readFile(redlineResaved)))).toContain('<w:delText>made-up</w:delText>')
    for (const file of [redlineReviewed, redlineResaved]) {
      const result = await review({ docx: file, sourceDir: tinyEvent, apply: false })
      expect(result.items.map((item) => [path.relative(tinyEvent, item.file), item.rule, item.message])).toEqual([['report/02-routes.md', 'review-change', 'replace "numbers below" → "figures below" (Reviewer A)']])
    }
  })
})

describe('review', () => {
  let expected: string[]

  it('lists every change and comment of a reviewed report at its file, line and column', async () => {
    const result = await review({ docx: reviewed, sourceDir, apply: false })
    expected = [
      `${await placeOf('report/01-summary.md', 'invented forum')}: replace "invented forum" → "made-up forum" (Reviewer A) [review-change]`,
      `${(await placeOf('key-outcomes.json', ' and a back'))}: insert " (and "more" \\ more*)" (Reviewer A) [review-change]`,
      `${await placeOf('recommendations.json', 'DR** proposed an invented measure')}: replace "LAO PDR" → "LAO P.D.R." (Reviewer B) [review-change]`,
      `${await placeOf('challenges.json', ' point, which names')}: insert " and tested" (typed with tracking off) [review-change]`,
      `${await placeOf('collections/site-visits.json', 'post"')}: replace "Invented border post" → "Invented border crossing" (Reviewer A) [review-change]`,
      `${await placeOf('report/02-routes.md', 'numbers below')}: replace "numbers below" → "figures below" (Reviewer B) [review-change]`,
      `${await placeOf('key-outcomes.json', 'Delegates agreed')}: comment (Reviewer B): Please confirm who agreed. (on "Delegates agreed") [review-comment]`,
      `${await placeOf('report/02-routes.md', 'walked the routes')}: comment (Reviewer A): Which routes? (on "walked the routes") [review-comment]`,
    ]
    expect(lines(result.items).sort()).toEqual([...expected].sort())
    expect(result.items.some((item) => item.left)).toBe(false)
    for (const [file, text] of originals) expect(await read(file)).toBe(text)
  })

  it('lists the same after LibreOffice re-saved the file', async () => {
    const result = await review({ docx: resaved, sourceDir, apply: false })
    expect(lines(result.items).sort()).toEqual([...expected].sort())
  })

  it('leaves an edited label and a change to a paragraph edited since, exits 1, and writes nothing, even with --apply', async () => {
    // The author edits the outcome after the DOCX was made.
    const outcomes = originals.get('key-outcomes.json') as string
    const edited = outcomes.replace('outcome for the tests', 'outcome for these tests')
    await fs.writeFile(path.join(sourceDir, 'key-outcomes.json'), edited)
    const run = await runCli(['review', labelAndConflict, '--source', sourceDir, '--apply'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/src\/content\/words\.ts:\d+:\d+: warning: not content: words the pipeline adds, the words table's "glossary.abbreviation" .*replace "Abbreviation" → "Short form" \(Reviewer A\) \[review-pipeline-words\]/)
    expect(run.stdout).toContain(`${path.relative(process.cwd(), path.join(sourceDir, 'key-outcomes.json'))}:`)
    expect(run.stdout).toMatch(/warning: conflict: this paragraph was edited in the content since the DOCX was made; the content's newer text is kept\. The reviewer's change: replace "agreed on" → "agreed upon" \(Reviewer A\) \[review-conflict\]/)
    expect(await read('key-outcomes.json')).toBe(edited)
    expect(await fs.readFile(path.join(reviewDir, 'label-and-conflict.review.md'), 'utf8')).toMatch(/## Left: make these by hand, or not at all\n\n- \[ \] .*\[review-(pipeline-words|conflict)\]\n- \[ \] .*\[review-(pipeline-words|conflict)\]/)
    for (const [file, text] of originals) if (file !== 'key-outcomes.json') expect(await read(file)).toBe(text)
    await fs.writeFile(path.join(sourceDir, 'key-outcomes.json'), outcomes)
  })

  it('refuses a file that is not a DOCX and a DOCX it did not make (exit 2)', async () => {
    const text = path.join(reviewDir, 'notes.docx')
    await fs.writeFile(text, 'not a zip')
    const notDocx = await runCli(['review', text, '--source', sourceDir])
    expect(notDocx.code).toBe(2)
    expect(notDocx.stderr).toContain('is not a DOCX file: it does not open as a zip package [review-not-docx]')

    const bytes = new Uint8Array(await fs.readFile(reportDocx()))
    const foreign = path.join(reviewDir, 'letter.docx')
    await fs.writeFile(foreign, repack(bytes, documentXmlOf(bytes), undefined, { 'docProps/custom.xml': '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>' }))
    const notOurs = await runCli(['review', foreign, '--source', sourceDir])
    expect(notOurs.code).toBe(2)
    expect(notOurs.stderr).toContain('letter.docx was not made by rso-docs: it has no "rso-docs.document" document property [review-not-ours]')
  })

  it('writes the edits into the content with --apply, the rest of each file unchanged, JSON valid and escaped', async () => {
    const result = await review({ docx: reviewed, sourceDir, apply: true })
    expect(result.items.filter((item) => item.left)).toEqual([])
    const expectedFiles: Record<string, string> = {
      'report/01-summary.md': (originals.get('report/01-summary.md') as string).replace('This invented forum', 'This made-up forum'),
      'report/02-routes.md': (originals.get('report/02-routes.md') as string).replace('The numbers below', 'The figures below'),
      'key-outcomes.json': (originals.get('key-outcomes.json') as string).replace('\\"quoted\\" and', '\\"quoted\\" (and \\"more\\" \\\\\\\\ more\\\\*) and'),
      'recommendations.json': (originals.get('recommendations.json') as string).replace('"**LAO PDR** proposed an invented measure."', '"**LAO P.D.R.** proposed an invented measure."'),
      'challenges.json': (originals.get('challenges.json') as string).replace('A first invented point', 'A first invented and tested point'),
      'collections/site-visits.json': (originals.get('collections/site-visits.json') as string).replace('Invented border post', 'Invented border crossing'),
    }
    for (const [file, text] of Object.entries(expectedFiles)) expect(await read(file), file).toBe(text)
    // The comments are kept beside the DOCX, never in the content.
    const reviewFile = await fs.readFile(path.join(reviewDir, 'reviewed.review.md'), 'utf8')
    expect(reviewFile).toContain('## Written into the content')
    expect(reviewFile).toMatch(/## Comments \(never written into the content\)\n\n- \[ \] .*key-outcomes\.json:3:\d+: comment \(Reviewer B\): Please confirm who agreed\./)
    for (const file of Object.keys(expectedFiles)) expect(await read(file)).not.toContain('Please confirm')
    for (const file of ['key-outcomes.json', 'recommendations.json', 'challenges.json', 'collections/site-visits.json']) {
      const errors: unknown[] = []
      parseTree(await read(file), errors as never)
      expect(errors, file).toEqual([])
    }
    const rebuilt = await build(options)
    expect(rebuilt.failed).toEqual([])
    expect(rebuilt.written).toContain('report/tiny-example-forum-outcome-report.docx')
  }, 60_000)

  it("writes a brief's edit into the collection it came from", async () => {
    // The brief says which country it is about in its own document properties, which Word keeps.
    const properties = documentXmlOf(new Uint8Array(await fs.readFile(briefReviewed)), 'docProps/custom.xml')
    expect(properties).toMatch(/name="rso-docs\.country"><vt:lpwstr>THA<\/vt:lpwstr>/)
    expect(documentXmlOf(new Uint8Array(await fs.readFile(reportDocx())), 'docProps/custom.xml')).not.toContain('rso-docs.country')
    const place = await placeOf('recommendations.json', 'joint measure')
    const result = await review({ docx: briefReviewed, sourceDir, apply: true })
    expect(lines(result.items)).toEqual([`${place}: replace "invented joint measure" → "invented shared measure" (Reviewer A) [review-change]`])
    expect(await read('recommendations.json')).toContain('"**LAO PDR** and **THAILAND** proposed an invented shared measure."')
  })

  it('after review --apply, build renders again only the documents that show the change', async () => {
    await build(options)
    const result = await review({ docx: onlyReport, sourceDir, apply: true })
    expect(result.items.map((item) => item.rule)).toEqual(['review-change'])
    const rebuilt = await build(options)
    expect(rebuilt.written).toEqual(['report/tiny-example-forum-outcome-report.docx'])
  }, 60_000)
})
