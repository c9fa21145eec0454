/** Reading real PDFs in tests: text per page (pdf.js), bookmarks, properties, fonts (pdf-lib). */
import fs from 'node:fs/promises'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib'
import { asWritten, normalise } from './text.ts'

export { asWritten } from './text.ts'

export interface PdfFacts {
  pages: string[]
  /** Bookmark titles, depth-first, with their depth (0 = top). */
  outline: Array<{ title: string; depth: number }>
  info: Record<string, unknown>
  language: string | undefined
  /** Fonts with descriptors; Type 3 fonts (glyphs drawn as PDF procedures, as Chromium does for outlined map labels) are embedded by nature. */
  fonts: Array<{ name: string; embedded: boolean; type3: boolean }>
}

type PdfJsDocument = Awaited<ReturnType<typeof getDocument>['promise']>

async function pageTexts(document: PdfJsDocument): Promise<string[]> {
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const content = await page.getTextContent()
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('')
    pages.push(normalise(text))
  }
  return pages
}

/** Only the text of each page, as `readPdf` gives it, for a test that reads many PDFs. */
export async function readPdfPages(file: string): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(await fs.readFile(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  try {
    return await pageTexts(document)
  } finally {
    await document.destroy()
  }
}

export async function readPdf(file: string): Promise<PdfFacts> {
  const bytes = new Uint8Array(await fs.readFile(file))
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  const pages = await pageTexts(document)
  const outline: PdfFacts['outline'] = []
  const walk = (items: Awaited<ReturnType<typeof document.getOutline>>, depth: number) => {
    for (const item of items ?? []) {
      outline.push({ title: normalise(item.title), depth })
      walk(item.items, depth + 1)
    }
  }
  walk(await document.getOutline(), 0)
  const { info } = await document.getMetadata()
  await document.destroy()

  const parsed = await PDFDocument.load(bytes, { updateMetadata: false })
  const language = parsed.catalog.lookup(PDFName.of('Lang'))?.toString().replace(/^\(|\)$/g, '')
  const fonts: PdfFacts['fonts'] = []
  for (const [, object] of parsed.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined
    if (!dict || dict.get(PDFName.of('Type'))?.toString() !== '/Font') continue
    const subtype = dict.get(PDFName.of('Subtype'))?.toString()
    if (subtype === '/Type3') {
      fonts.push({ name: 'Type 3', embedded: dict.has(PDFName.of('CharProcs')), type3: true })
      continue
    }
    const descendants = dict.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)
    const font = descendants ? descendants.lookup(0, PDFDict) : dict
    const descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    const embedded = Boolean(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key))))
    fonts.push({ name: String(dict.get(PDFName.of('BaseFont'))), embedded, type3: false })
  }
  return { pages, outline, info: info as Record<string, unknown>, language, fonts }
}

/** Text of a Markdown string as it reads in print (no emphasis marks), its punctuation as written (see `asWritten`). */
export function plain(markdown: string): string {
  return asWritten(markdown.replace(/\*\*|__|\*/g, ''))
}
