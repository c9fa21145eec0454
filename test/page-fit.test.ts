/**
 * Nothing wider than the page's text column shrinks a print. A fresh `init`
 * event gets an invented section with a 3000 px picture, a sixteen-column table with long
 * headings, a 300-character URL,
 * a long code line and a long word (invented fixture content, written by this test); its
 * report is built in every format, and every PDF page keeps its scale: the cover's colour
 * reaches the page's bottom edge, the running head and the body text print at the brand's
 * sizes. The HTML is no wider than its window, and the DOCX picture fits the text width
 * with its shape. The table is fitted: its type steps down (no smaller than 7 pt) and its
 * long headings break at their soft hyphens, in the column. A table that cannot fit (32 columns) is a `too-wide` message at its line,
 * and its PDF is not written, never shrunk.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { loadBrand } from '../src/brand/brand.ts'
import { launchBrowser } from '../src/render/pdf/browser.ts'
import { runCli } from './support/cli.ts'
import { solidPng } from './support/png.ts'

const run = promisify(execFile)

/** Sixteen invented headings, long as a ministry writes them, and one row of short values. */
const headings = [
  'Drill', 'Interdepartmental coordinating authority', 'Participating enforcement agencies', 'Vessels', 'Day', 'Duration',
  'Location of the exercise', 'Accredited international observers', 'Outcome of the drill', 'Follow-up action agreed',
  'Communications infrastructure', 'Responsibilities', 'Documentation requirements', 'Interoperability assessment',
  'Recommendations', 'Reporting deadline',
]
const sixteenColumns = [
  `| ${headings.join(' | ')} |`,
  `|${'---|'.repeat(headings.length)}`,
  `| Search and rescue at sea | Maritime Safety Authority | Navy and coastguard | 4 | 1 | 6 hours | Northern reef passage | Nine delegations | Completed | Share the report | Satellite telephones | Shared | Logbooks | Satisfactory | Repeat yearly | March |`,
].join('\n')

/** An invented address of 300 characters, without a break opportunity. */
const longAddress = `https://www.example.org/${'a-very-long-path-segment/'.repeat(12)}`.slice(0, 300)

const invented = `---
title: Drills
---

The harbour on the first morning (an invented picture, 3000 × 1000 pixels):

![The harbour at dawn](assets/photos/harbour.png)

${sixteenColumns}

The drill plan is at ${longAddress} for reference.

\`\`\`
a code line that is far too long for the column of an A4 page and keeps going well past its right edge, over and over
\`\`\`

Averyveryverylongwordwithoutanybreakopportunityatallthatkeepsgoinglongerthanthecolumnisallowedtobewide.
`

const bodySentence = 'The harbour on the first morning'

let scratch: string
let event: string
let out: string

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-page-fit-'))
  event = path.join(scratch, 'workshop')
  out = path.join(scratch, 'out')
  const made = await runCli(['init', event])
  expect(made.code).toBe(0)
  await fs.mkdir(path.join(event, 'assets/photos'), { recursive: true })
  await fs.writeFile(path.join(event, 'assets/photos/harbour.png'), solidPng(3000, 1000, [40, 120, 180]))
  await fs.writeFile(path.join(event, 'report/02-drills.md'), invented)
  const forum = JSON.parse(await fs.readFile(path.join(event, 'forum.json'), 'utf8')) as { keywords: string[] }
  forum.keywords = ['search and rescue', 'maritime safety']
  await fs.writeFile(path.join(event, 'forum.json'), JSON.stringify(forum, null, 2))
  const built = await runCli(['build', '--source', event, '--out', out, '--documents', 'report', '--quiet'], { timeoutMs: 300_000 })
  // The scaffold's signature is a placeholder: a missing value, the draft's one warning.
  expect(built.stderr.split('\n').filter((line) => line.includes(': warning: ') || line.includes(': error: '))).toEqual([expect.stringContaining('[missing-value]')])
  expect(built.code).toBe(0)
}, 300_000)

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

const reportFile = (format: string) => path.join(out, 'report', `${path.basename(event)}-outcome-report.${format}`)

/**
 * Every text item of a page with its font size in points (pdf.js applies the page's scale
 * to it); `text` without the soft hyphens that Chromium keeps in the text, `raw` with them.
 */
async function textSizes(file: string): Promise<Array<Array<{ text: string; raw: string; size: number }>>> {
  const document = await getDocument({ data: new Uint8Array(await fs.readFile(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  const pages = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() ? [{ text: item.str.replaceAll('\u00ad', ''), raw: item.str, size: Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0) }] : [])))
  }
  await document.destroy()
  return pages
}

/** The colour of a page's pixel, from pdftoppm's PPM at 20 dpi; `y` from the bottom. */
async function pixel(file: string, page: number, x: number, yFromBottom: number): Promise<[number, number, number]> {
  const prefix = path.join(scratch, `page-${page}`)
  await run('pdftoppm', ['-r', '20', '-f', String(page), '-l', String(page), '-singlefile', file, prefix])
  const bytes = await fs.readFile(`${prefix}.ppm`)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('pdftoppm wrote no PPM')
  const width = Number(header[1])
  const height = Number(header[2])
  const offset = header[0].length + ((height - 1 - yFromBottom) * width + x) * 3
  return [bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0]
}

const hex = (colour: string) => [1, 3, 5].map((index) => parseInt(colour.slice(index, index + 2), 16))

describe('a picture, a table and a long URL wider than the column', () => {
  it('print every PDF page at full scale', async () => {
    const { tokens } = await loadBrand()
    const pages = await textSizes(reportFile('pdf'))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    // The cover's colour (its foot, in the darker primary) reaches the bottom edge, at both corners.
    const primary = hex(tokens.colors.primaryDark ?? '')
    for (const x of [1, 160]) {
      const colour = await pixel(reportFile('pdf'), 1, x, 0)
      colour.forEach((channel, index) => expect(Math.abs(channel - (primary[index] ?? 0))).toBeLessThanOrEqual(4))
    }
    // Every page after the cover carries the running head at its size...
    for (const [index, items] of pages.entries()) {
      if (index === 0) continue
      const head = items.find((item) => item.text.includes('Outcome Report'))
      expect(head, `page ${index + 1} has its running head`).toBeDefined()
      expect(head?.size, `running head of page ${index + 1}`).toBeCloseTo(tokens.sizes.header ?? 0, 1)
    }
    // ...and the section's body text is at the body size.
    const body = pages.flat().find((item) => item.text.startsWith(bodySentence))
    expect(body?.size).toBeCloseTo(tokens.sizes.body ?? 0, 1)
  })

  it('fit the sixteen-column table: smaller type, no smaller than 7 pt, its long headings broken at soft hyphens', async () => {
    const { tokens } = await loadBrand()
    const items = (await textSizes(reportFile('pdf'))).flat()
    const heading = items.find((item) => item.text.trim() === 'Drill')
    expect(heading, 'the table is printed').toBeDefined()
    expect(heading?.size).toBeGreaterThanOrEqual(7 - 0.01)
    expect(heading?.size).toBeLessThan((tokens.sizes.body ?? 0) * 0.95)
    // Every heading is there, read across its lines: a word broken at a soft hyphen prints
    // a hyphen at the line's end, an item of its own (an artifact, out of the tagged text).
    const pieces = items.map((item) => item.text).reduce<string[]>((joined, piece) => (piece === '-' && joined.length > 0 ? [...joined.slice(0, -1), `${joined.at(-1)}-`] : [...joined, piece]), [])
    const letters = (text: string) => text.replace(/[\s-]/g, '')
    for (const words of headings) expect(letters(pieces.join(''))).toContain(letters(words))
    expect(pieces.filter((piece) => /\p{L}-$/u.test(piece) && !headings.some((words) => words.includes(`${piece}`))).length, 'long words broke at their soft hyphens').toBeGreaterThan(5)
  })

  it('leave the keywords separate in the PDF properties, as in the DOCX', async () => {
    const document = await getDocument({ data: new Uint8Array(await fs.readFile(reportFile('pdf'))), verbosity: 0 }).promise
    const { info } = (await document.getMetadata()) as { info: { Keywords?: string } }
    await document.destroy()
    expect(info.Keywords).toBe('search and rescue, maritime safety')
    const core = strFromU8(unzipSync(new Uint8Array(await fs.readFile(reportFile('docx'))))['docProps/core.xml'] ?? new Uint8Array())
    expect(core).toContain('<cp:keywords>search and rescue, maritime safety</cp:keywords>')
  })

  it('keep the HTML edition within its window, the sixteen columns scrolling in their own box with their words whole', async () => {
    const html = await fs.readFile(reportFile('html'), 'utf8')
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage()
      await page.setJavaScriptEnabled(false)
      for (const width of [1280, 800, 390]) {
        await page.setViewport({ width, height: 900 })
        await page.setContent(html, { waitUntil: 'load' })
        const [scrollWidth, clientWidth, pictureWidth, pictureHeight] = (await page.evaluate(
          '(() => { const image = document.querySelector(\'img[alt="The harbour at dawn"]\'); return [document.documentElement.scrollWidth, document.documentElement.clientWidth, image.getBoundingClientRect().width, image.getBoundingClientRect().height] })()',
        )) as number[]
        expect(scrollWidth, `at ${width} px`).toBeLessThanOrEqual(clientWidth ?? 0)
        expect((pictureWidth ?? 0) / (pictureHeight ?? 1)).toBeCloseTo(3, 1)
        // The table's box scrolls, reached by the keyboard; its narrowest heading holds "Interdepartmental" whole.
        const [boxScroll, boxWidth, focusable, narrowest] = (await page.evaluate(
          '(() => { const box = document.querySelector(".table-scroll"); const cells = [...box.querySelectorAll("th")]; return [box.scrollWidth, box.clientWidth, box.tabIndex, Math.min(...cells.map((cell) => cell.getBoundingClientRect().width))] })()',
        )) as number[]
        expect(boxScroll, `at ${width} px`).toBeGreaterThan(boxWidth ?? 0)
        expect(focusable).toBe(0)
        expect(narrowest, `at ${width} px`).toBeGreaterThan(40)
        const lines = (await page.evaluate('(() => { const cell = [...document.querySelectorAll("th")].find((th) => th.textContent.startsWith("Interdepartmental")); const range = document.createRange(); range.selectNodeContents(cell); return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size })()')) as number
        expect(lines, `at ${width} px`).toBeLessThanOrEqual(3)
      }
    } finally {
      await browser.close()
    }
  })

  it('fit the DOCX picture to the text width, keeping its shape', async () => {
    const xml = strFromU8(unzipSync(new Uint8Array(await fs.readFile(reportFile('docx'))))['word/document.xml'] ?? new Uint8Array())
    const drawing = /<wp:inline[\s\S]*?<\/wp:inline>/g
    const picture = [...xml.matchAll(drawing)].map((match) => match[0]).find((inline) => inline.includes('descr="The harbour at dawn"'))
    expect(picture).toBeDefined()
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(picture ?? '')
    const [width, height] = [Number(extent?.[1]), Number(extent?.[2])]
    // The text column of the brand's grid, in EMU (36 000 a millimetre).
    const { tokens } = await loadBrand()
    const column = Number.parseFloat(tokens.page.textColumn)
    expect(width).toBeLessThanOrEqual(column * 36_000)
    expect(width).toBeGreaterThan((column - 6) * 36_000)
    expect(width / height).toBeCloseTo(3, 2)
  })
})

describe('a table that cannot fit the column', () => {
  it('is a too-wide message at its line, and its PDF is not written', async () => {
    const columns = Array.from({ length: 32 }, (_, index) => `Column ${index + 1}`)
    const table = `\n| ${columns.join(' | ')} |\n|${'---|'.repeat(32)}\n| ${columns.map((_, index) => `value ${index}`).join(' | ')} |\n`
    await fs.appendFile(path.join(event, 'report/02-drills.md'), table)
    const line = invented.split('\n').length + 1
    const wideOut = path.join(scratch, 'out-wide')
    const result = await runCli(['build', '--source', event, '--out', wideOut, '--documents', 'report', '--format', 'pdf,html', '--quiet'], { timeoutMs: 300_000 })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`02-drills\\.md:${line}:3: error: A table beginning "Column 1 Column 2 [^"]*" is \\d+ mm wide, wider than the page's text column \\(170 mm\\).* \\[too-wide\\]`))
    expect(result.stderr).not.toMatch(/src\/|Internal error|\n\s+at /)
    const written = await fs.readdir(path.join(wideOut, 'report'))
    expect(written.filter((name) => name.endsWith('.pdf'))).toEqual([])
    expect(written.filter((name) => name.endsWith('.html'))).toHaveLength(1)
  }, 300_000)
})
