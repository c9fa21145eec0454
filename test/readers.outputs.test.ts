/**
 * Every output of the test build opened by a reader other than the code that wrote it:
 * every PDF by pdf.js (pages, text, properties) and pdf-lib (fonts embedded), every HTML
 * page by an HTML parser, the shipped report DOCX (with its maps, its cover and page
 * numbers, its sections in order) by LibreOffice, once, and the
 * DOCX by mammoth, a second reader, whose headings, lists and tables must match the HTML
 * edition of the same document.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'
import mammoth from 'mammoth'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { loadContent, type Content } from '../src/content/load.ts'
import { createEvent } from '../src/content/event.ts'
import { reportOf } from './support/assemble.ts'
import { projectRoot } from './support/cli.ts'
import { readPdf } from './support/pdf.ts'
import { brandGeometry, emptyPages, measurePdf, strandedHeadings } from './support/page-measures.ts'

const run = promisify(execFile)
/** White space collapsed, and the soft hyphens the DOCX has and the HTML edition has not left out. */
const squash = (text: string) => text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim()

let content: Content
let outDir: string
let reportName: string
/** Every brief of the build: its file stem and its country's name as the report writes it. */
let briefs: Array<{ stem: string; name: string }>

beforeAll(async () => {
  content = await loadContent(path.join(projectRoot, 'source'))
  outDir = inject('outDir')
  reportName = `report/${content.forum.slug}`
  const stems = (await fs.readdir(path.join(outDir, 'briefs'))).filter((name) => name.endsWith('.pdf')).map((name) => name.slice(0, -4))
  briefs = stems.map((stem) => ({ stem: `briefs/${stem}`, name: content.countries.find((country) => stem.startsWith(`${country.code}-`))?.name ?? stem }))
})

function elements(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (test(node)) found.push(node)
  })
  return found
}

const hasClass = (element: Element, name: string) => Array.isArray(element.properties.className) && element.properties.className.includes(name)

describe('every PDF, read by pdf.js and pdf-lib', () => {
  it('the build has the report and a brief for every participant', () => {
    expect(briefs.map((brief) => brief.stem.slice('briefs/'.length, 'briefs/'.length + 3)).sort()).toEqual(createEvent(content).lookup.participants.map((country) => country.code).sort())
    expect(briefs).toHaveLength(29)
  })

  it('the report: its pages, its title on the cover and in its properties, every font embedded', async () => {
    const pdf = await readPdf(path.join(outDir, `${reportName}.pdf`))
    expect(pdf.pages.length).toBeGreaterThan(10)
    expect(pdf.pages[0]).toContain(content.forum.title)
    expect(String(pdf.info.Title)).toContain(content.forum.title)
    expect(pdf.fonts.length).toBeGreaterThan(0)
    expect(pdf.fonts.filter((font) => !font.embedded)).toEqual([])
  })

  it('each brief: its pages, its country on the cover and in its title, every font embedded', async () => {
    for (const brief of briefs) {
      const pdf = await readPdf(path.join(outDir, `${brief.stem}.pdf`))
      expect(pdf.pages.length, brief.stem).toBeGreaterThan(1)
      // The cover: the kind of document (set in capitals) over the country's name.
      // Letter-spaced capitals come out of the PDF with spaces between the letters.
      expect(pdf.pages[0]?.replace(/\s+/g, ''), brief.stem).toMatch(/countrybrief/i)
      expect(pdf.pages[0], brief.stem).toContain(brief.name)
      expect(String(pdf.info.Title), brief.stem).toBe(`Country brief: ${brief.name} (${content.forum.title})`)
      expect(pdf.pages.join(' '), brief.stem).toContain(brief.name)
      expect(pdf.fonts.filter((font) => !font.embedded), brief.stem).toEqual([])
    }
  })

  it('pdffonts, a second reader, finds every font of the report and a brief embedded', async () => {
    for (const name of [reportName, briefs[0]!.stem]) {
      const { stdout } = await run('pdffonts', [path.join(outDir, `${name}.pdf`)])
      const rows = stdout.split('\n').slice(2).filter(Boolean)
      expect(rows.length, name).toBeGreaterThan(0)
      // Columns: name, type, encoding, emb, sub, uni, object, generation: "emb" is the fifth from the end.
      for (const row of rows) expect(row.split(/\s+/).at(-5), row).toBe('yes')
    }
  })
})

describe('every HTML page, parsed', () => {
  it('has its title, its language (en-GB) and its document heading', async () => {
    const pages = [{ stem: reportName, title: content.forum.title, heading: content.forum.title }, ...briefs.map((brief) => ({ stem: brief.stem, title: `Country brief: ${brief.name}`, heading: brief.name }))]
    for (const page of pages) {
      const tree = fromHtml(await fs.readFile(path.join(outDir, `${page.stem}.html`), 'utf8'))
      const [title] = elements(tree, (element) => element.tagName === 'title')
      expect(title && toString(title), page.stem).toContain(page.title)
      const [html] = elements(tree, (element) => element.tagName === 'html')
      expect(html?.properties.lang, page.stem).toBe('en-GB')
      expect(elements(tree, (element) => element.tagName === 'h1').map((h1) => squash(toString(h1))).join(' | '), page.stem).toContain(page.heading)
    }
  })
})

describe('the shipped report DOCX', () => {
  let docx: Buffer
  let edition: Root
  beforeAll(async () => {
    docx = await fs.readFile(path.join(outDir, `${reportName}.docx`))
    edition = fromHtml(await fs.readFile(path.join(outDir, `${reportName}.html`), 'utf8'))
  })

  it('opens in LibreOffice with its pages and its maps', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-readers-'))
    try {
      const copy = path.join(directory, 'report.docx')
      await fs.writeFile(copy, docx)
      // A profile of its own, so a LibreOffice the user has open doesn't take the job.
      await run('libreoffice', [`-env:UserInstallation=file://${path.join(directory, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', directory, copy], { timeout: 180_000 })
      const converted = path.join(directory, 'report.pdf')
      const { stdout: info } = await run('pdfinfo', [converted])
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(10)
      const { stdout: text } = await run('pdftotext', [converted, '-'])
      for (const section of content.sections) {
        const title = /^title:\s*(.+)$/m.exec(String(section.value))?.[1]?.trim()
        if (title) expect(squash(text)).toContain(title)
      }
      // Page by page, as LibreOffice lays it out: the cover without page furniture, then
      // numbered pages; the sections in order after the contents, which list the same titles.
      const report = await reportOf(content, 'draft')
      const { stdout: laidOut } = await run('pdftotext', ['-layout', converted, '-'])
      const pages = laidOut.split('\f')
      // A title of any length breaks over lines on the cover.
      expect(squash(pages[0] ?? '')).toContain(report.cover.title)
      expect(pages[0]).not.toMatch(/Page \d+ of \d+/)
      expect(pages[1]).toMatch(/Page \d+ of \d+/)
      const flowing = squash(laidOut)
      let cursor = flowing.indexOf(`${report.sections.at(-1)?.title}`) + 1
      for (const section of report.sections) {
        const at = flowing.indexOf(section.title, cursor)
        expect(at, section.title).toBeGreaterThan(cursor - 1)
        cursor = at
      }
      // The contents' numbers, written into the package (LibreOffice shows them as written), are the pages the headings start on.
      const entries = [...(pages[1] ?? '').matchAll(/^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$/gm)].map((match) => ({ title: squash(match[1] ?? ''), page: Number(match[2]) }))
      expect(entries.length).toBeGreaterThanOrEqual(report.sections.filter((section) => section.toc).length)
      for (const { title, page } of entries) {
        const onPage = pages[page - 1] ?? ''
        expect(squash(onPage), `${title}, page ${page}`).toContain(title)
        expect(onPage.split('\n').map(squash).some((line) => line !== '' && title.startsWith(line.slice(0, 16))), `${title} heads a line on page ${page}`).toBe(true)
      }
      expect(flowing).toContain(content.contact!.organisation)
      // Every map of the HTML edition is an image in the converted PDF, at print width (2000 px).
      const maps = elements(edition, (element) => element.tagName === 'figure' && elements(element, (child) => child.tagName === 'svg').length > 0).length
      expect(maps).toBeGreaterThan(0)
      const { stdout: images } = await run('pdfimages', ['-list', converted])
      const wide = images.split('\n').slice(2).filter((row) => Number(row.trim().split(/\s+/)[3]) >= 1000)
      expect(wide.length).toBeGreaterThanOrEqual(maps)
      // The page flow a designer would sign, as LibreOffice lays the pages out (its maps are pictures there).
      const geometry = await brandGeometry(path.join(projectRoot, 'styles/brand.json'))
      const measures = await measurePdf(converted, geometry, { pictures: true })
      expect(strandedHeadings(measures, geometry).map((heading) => `p. ${heading.page} ${heading.title}`)).toEqual([])
      expect(emptyPages(measures, geometry, 0.25, false).map((page) => page.number)).toEqual([])
      expect(emptyPages(measures, geometry, 0.55, true).map((page) => page.number)).toEqual([])
    } finally {
      await fs.rm(directory, { recursive: true, force: true })
    }
  }, 240_000)

  it('reads in mammoth with the headings, lists and tables of the HTML edition', async () => {
    const { value } = await mammoth.convertToHtml({ buffer: docx })
    const read = fromHtml(value, { fragment: true })
    const texts = (tree: Root | Element, tagName: string) => elements(tree, (element) => element.tagName === tagName).map((element) => squash(toString(element)))

    const sections = elements(edition, (element) => element.tagName === 'section')
    expect(sections.length).toBeGreaterThan(0)
    const inSections = (tagName: string) => sections.flatMap((section) => texts(section, tagName))
    // Headings: the sections' titles as h1, their parts as h2, in the same order.
    expect(texts(read, 'h1')).toEqual(elements(edition, (element) => element.tagName === 'h1' && hasClass(element, 'section-title')).map((h1) => squash(toString(h1))))
    expect(texts(read, 'h2')).toEqual(inSections('h2'))
    // Lists: the same lists, item by item.
    const lists = (tree: Root | Element) => elements(tree, (element) => element.tagName === 'ul' || element.tagName === 'ol').map((list) => ({ tagName: list.tagName, items: texts(list, 'li') }))
    expect(lists(read)).toEqual(sections.flatMap((section) => lists(section)))
    // Tables: the glossary, row by row.
    const rows = (table: Element) => elements(table, (element) => element.tagName === 'tr').map((row) => elements(row, (cell) => cell.tagName === 'td' || cell.tagName === 'th').map((cell) => squash(toString(cell))))
    const editionTables = sections.flatMap((section) => elements(section, (element) => element.tagName === 'table'))
    expect(editionTables.length).toBeGreaterThan(0)
    const readTables = elements(read, (element) => element.tagName === 'table').map(rows)
    for (const table of editionTables) expect(readTables).toContainEqual(rows(table))
  })
})
