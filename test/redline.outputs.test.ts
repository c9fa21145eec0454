/**
 * `build --redline`: the report of today's content against an earlier round that differs
 * by three edits, made here on a copy of `source/` (the earlier round's words are invented
 * for the test: a phrase the key outcomes had before, a Markdown paragraph without one of
 * its sentences, a proposition with one invented sentence more). The redline DOCX must
 * give today's DOCX when every change is accepted and the earlier round's when every change
 * is rejected, with marks on the edited paragraphs only; the PDF and HTML show both the
 * insertion and the deletion. `review` of a redline (which carries back only a reviewer's
 * change, also after LibreOffice re-saved the file) is tested on the tiny event's redline,
 * in review.test.ts.
 *
 * Today's report is the one the test build wrote (test/support/global-setup.ts; that it is
 * what a build here would write is determinism.outputs.test.ts's check): its three files,
 * its manifest and its drawn maps are copied into the output folder first, so the build
 * renders only the redline editions, and neither build draws a map again.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { build, type BuildOptions } from '../src/pipeline/build.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { Session } from '../src/session/session.ts'
import { readPdf } from './support/pdf.ts'
import { withoutHyphens } from './support/text.ts'
import { documentXmlOf } from './support/reviewed-docx.ts'
import { paragraphsAfter, type TrackedParagraph } from './support/tracked-changes.ts'

const sourceDir = path.resolve('source')
const slug = 'third-rso-border-forum-outcome-report'
let work: string
let earlierDir: string
let outDir: string
let earlierOut: string
let session: Session
const redline = (format: string) => path.join(outDir, 'report', `${slug}.changes-since-round-1.${format}`)

/** The three edits, as the earlier round had them; today's content is `source/` itself. */
const edits = [
  { file: 'key-outcomes.json', today: 'provide an effective route to support', earlier: 'offer a useful route to support' },
  { file: 'report/01-foreword.md', today: 'The rise of cyber-enabled trafficking operations—where victims are recruited through fraudulent online job offers—remains a pressing regional challenge. ', earlier: '' },
  { file: 'recommendations.json', today: 'to supplement formal coordination mechanisms.', earlier: 'to supplement formal coordination mechanisms. Australia also offered to host the next meeting.' },
]

/** The elements of `tree` that `test` accepts, in document order. */
function elements(tree: Root, test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name)

const docxParagraphs = async (file: string, outcome: 'accept' | 'reject'): Promise<TrackedParagraph[]> =>
  paragraphsAfter(documentXmlOf(new Uint8Array(await fs.readFile(file))), outcome)

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-redline-'))
  earlierDir = path.join(work, 'round-1')
  await fs.cp(sourceDir, earlierDir, { recursive: true })
  for (const edit of edits) {
    const file = path.join(earlierDir, edit.file)
    const text = await fs.readFile(file, 'utf8')
    if (!text.includes(edit.today)) throw new Error(`${edit.file} no longer holds "${edit.today}"`)
    await fs.writeFile(file, text.replace(edit.today, edit.earlier))
  }
  outDir = path.join(work, 'out')
  earlierOut = path.join(work, 'out-earlier')
  const testBuild = inject('outDir')
  await fs.mkdir(path.join(outDir, 'report'), { recursive: true })
  for (const format of ['docx', 'html', 'pdf']) await fs.copyFile(path.join(testBuild, 'report', `${slug}.${format}`), path.join(outDir, 'report', `${slug}.${format}`))
  await fs.copyFile(path.join(testBuild, '.manifest.json'), path.join(outDir, '.manifest.json'))
  for (const folder of [outDir, earlierOut]) await fs.cp(path.join(testBuild, '.cache'), path.join(folder, '.cache'), { recursive: true })
  session = new Session()
  const options: BuildOptions = { sourceDir, outDir, mode: 'draft', formats: ['docx', 'html', 'pdf'], report: true, briefs: [], reporter: silentReporter, session, redline: earlierDir, redlineLabel: 'round-1' }
  const [today, earlier] = await Promise.all([build(options), build({ ...options, sourceDir: earlierDir, outDir: earlierOut, formats: ['docx'], redline: undefined, redlineLabel: undefined })])
  expect(today.failed).toEqual([])
  expect(earlier.failed).toEqual([])
  // Today's report was current: only the redline editions were rendered.
  expect(today.unchanged).toEqual(['docx', 'html', 'pdf'].map((format) => `report/${slug}.${format}`))
  expect(today.written).toEqual(['docx', 'html', 'pdf'].map((format) => `report/${slug}.changes-since-round-1.${format}`))
}, 300_000)

afterAll(async () => {
  await session?.close()
  if (work) await fs.rm(work, { recursive: true, force: true })
})

describe('the redline DOCX', () => {
  it('gives today\'s DOCX, paragraph by paragraph, when every change is accepted', async () => {
    const accepted = await docxParagraphs(redline('docx'), 'accept')
    const today = await docxParagraphs(path.join(outDir, 'report', `${slug}.docx`), 'accept')
    expect(accepted.map((paragraph) => paragraph.text)).toEqual(today.map((paragraph) => paragraph.text))
  })

  it('gives the earlier round\'s DOCX when every change is rejected', async () => {
    const rejected = await docxParagraphs(redline('docx'), 'reject')
    const earlier = await docxParagraphs(path.join(earlierOut, 'report', `${slug}.docx`), 'reject')
    expect(rejected.map((paragraph) => paragraph.text)).toEqual(earlier.map((paragraph) => paragraph.text))
  })

  it('marks the edited paragraphs only, as the organiser on the document\'s date', async () => {
    const marked = (await docxParagraphs(redline('docx'), 'accept')).filter((paragraph) => paragraph.marked)
    expect(marked).toHaveLength(3)
    expect(marked[0]?.text).toContain(edits[1]?.today.trim())
    expect(marked[1]?.text).toContain(edits[0]?.today)
    expect(marked[2]?.text).toContain(edits[2]?.today)
    const xml = documentXmlOf(new Uint8Array(await fs.readFile(redline('docx'))))
    const authors = new Set([...xml.matchAll(/<w:(?:ins|del) [^>]*w:author="([^"]*)" w:date="([^"]*)"/g)].map((match) => `${match[1]} ${match[2]}`))
    expect([...authors]).toEqual(['RSO 2025-01-29T00:00:00Z'])
    expect(xml).toContain('<w:delText xml:space="preserve">offer a useful</w:delText>')
  })
})

describe('the redline HTML and PDF', () => {
  it('HTML: <ins> and <del> hold what came and went, and the first page links to each changed section', async () => {
    const tree = fromHtml(await fs.readFile(redline('html'), 'utf8'))
    const inserted = elements(tree, (node) => node.tagName === 'ins' && hasClass(node, 'redline')).map((node) => toString(node))
    const deleted = elements(tree, (node) => node.tagName === 'del' && hasClass(node, 'redline')).map((node) => toString(node))
    expect(inserted).toEqual([edits[1]?.today, 'provide an effective'])
    expect(deleted).toEqual(['offer a useful', ' Australia also offered to host the next meeting.'])
    const [summary] = elements(tree, (node) => hasClass(node, 'redline-summary'))
    const links = summary ? elements({ type: 'root', children: [summary] }, (node) => node.tagName === 'a') : []
    expect(links.map((link) => toString(link))).toEqual(['Foreword: one change', 'Key Outcomes and Recommendations: one change', 'Actionable Recommendations and Collective Priorities: one change'])
    for (const link of links) {
      const target = String(link.properties.href).slice(1)
      expect(elements(tree, (node) => node.properties.id === target)).toHaveLength(1)
    }
    expect(toString(elements(tree, (node) => node.tagName === 'title')[0] as Element)).toBe('Third RSO Border Forum: Outcome Report: changes since round-1')
  })

  it('PDF: the summary comes first, and the inserted and deleted words are on the page', async () => {
    const { pages } = await readPdf(redline('pdf'))
    expect(pages[1]).toContain('3 changes since round-1, in 3 sections')
    // As the page reads: the typographic pass may break a word at a line end.
    const text = withoutHyphens(pages.join(' '))
    expect(text).toContain(withoutHyphens('recruited through fraudulent online job offers'))
    expect(text).toMatch(/taskforces offer a useful ?provide an effective route/)
    expect(text).toContain(withoutHyphens('Australia also offered to host the next meeting.'))
  })
})
