/**
 * Prints a document's HTML to PDF in Chromium, in two passes when it has a table of
 * contents: Chromium has no `target-counter()`, so the first print tells on which page each
 * heading landed (read from the PDF's own links), and the second prints the contents with
 * those numbers. Then the document properties Chromium leaves out are written with pdf-lib.
 */
import type { Browser, Page } from 'puppeteer-core'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib'
import type { DocumentMetadata } from '../../assemble/model.ts'
import { makeAccessible, type LinkTargets } from './accessibility.ts'
import { faultAt } from '../../session/fault-injection.ts'
import { assertFitsPage } from './page-overflow.ts'

/** The page loads from this address, which never reaches the network: requests are answered or refused here. */
const documentUrl = 'https://document.invalid/'

export interface PrintOptions {
  /** Abandon the print after this long. */
  deadlineMs?: number
}

/** Prints `html` as an A4 PDF with bookmarks and tags. JavaScript is off and nothing but the document loads. */
export async function printPdf(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const page = await browser.newPage()
  try {
    return await withDeadline(print(page, html), options.deadlineMs ?? 60_000, 'printing the PDF')
  } finally {
    // A hung page may not answer `close()` either; the deadline must not wait for it (the
    // print queue then retires the whole browser).
    await withDeadline(page.close(), 2_000, 'closing the page').catch(() => undefined)
  }
}

async function print(page: Page, html: string): Promise<Uint8Array> {
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return
    const url = request.url()
    if (url === documentUrl) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    } else if (url.startsWith('data:')) {
      void request.continue()
    } else {
      void request.abort('blockedbyclient')
    }
  })
  await page.goto(documentUrl, { waitUntil: 'load' })
  await faultAt('print')
  await page.emulateMediaType('print')
  await assertFitsPage(page) // issue 22: a page wider than its column is an error, not a shrunk print
  const pdf = await page.pdf({
    printBackground: true,
    preferCSSPageSize: true,
    outline: true,
    tagged: true,
    displayHeaderFooter: false,
    waitForFonts: false,
  })
  return new Uint8Array(pdf)
}

async function withDeadline<T>(work: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`Gave up ${what} after ${Math.round(milliseconds / 1000)} s`)), milliseconds)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

export class DeadlineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DeadlineError'
  }
}

/**
 * The page (1-based) that each internal link's target lies on, by target id. Chromium
 * writes links to `#id` as named destinations, which is how the contents find the pages
 * of their headings.
 */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false })
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  const result = new Map<string, number>()
  const catalog = document.catalog
  const collect = (name: string, destination: unknown) => {
    const array = destination as { get?: (index: number) => unknown; lookup?: (key: PDFName) => unknown }
    const target = typeof array.get === 'function' ? array.get(0) : undefined
    const page = target ? pageIndex.get(String(target)) : undefined
    if (page !== undefined) result.set(name, page)
  }
  // PDF 1.1 style: /Dests dictionary in the catalog.
  const dests = catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (dests) {
    for (const [key, value] of dests.entries()) collect(decodeName(key.asString()), dests.context.lookup(value))
  }
  // PDF 1.2 style: /Names << /Dests name tree >>.
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (tree) walkNameTree(tree, collect)
  return result
}

function walkNameTree(node: PDFDict, collect: (name: string, destination: unknown) => void): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
  if (names) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const key = names.lookup(index)
      const value = names.lookup(index + 1)
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : String(key)
      const destination = value instanceof PDFDict ? value.lookup(PDFName.of('D')) : value
      collect(name, destination)
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
  if (kids) for (let index = 0; index < kids.size(); index++) walkNameTree(kids.lookup(index, PDFDict), collect)
}

function decodeName(name: string): string {
  return name.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/**
 * Writes the document properties that Chromium leaves out, with fixed dates for repeatable
 * output, and gives the bookmarks the headings' own text: Chromium 156 repeats the text of
 * a heading that starts a page in its bookmark ("ForewordForeword"). Then what PDF/UA asks
 * beyond Chromium's tagging (`accessibility.ts`); `targets` gives links their descriptions.
 */
export async function finishPdf(pdf: Uint8Array, metadata: DocumentMetadata, headings: readonly string[], targets?: LinkTargets): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false })
  retitleOutline(document, headings)
  stabiliseStructureIds(document)
  document.setTitle(metadata.title, { showInWindowTitleBar: true })
  document.setAuthor(metadata.author)
  document.setSubject(metadata.subject)
  // pdf-lib joins the list with spaces, running keywords of several words together; a comma separates them as in the DOCX and HTML.
  document.setKeywords([metadata.keywords.join(', ')])
  document.setCreator('rso-outcome-pipeline')
  document.setProducer('Chromium (Puppeteer) and pdf-lib')
  document.setLanguage(metadata.language)
  document.setCreationDate(metadata.date)
  document.setModificationDate(metadata.date)
  makeAccessible(document, targets)
  return document.save({ useObjectStreams: false })
}

/** Replaces bookmark titles, in reading order, when there is one bookmark per heading. */
function retitleOutline(document: PDFDocument, headings: readonly string[]): void {
  const items: PDFDict[] = []
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(item)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
  if (items.length !== headings.length) return
  items.forEach((item, index) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[index] ?? '')))
}

/**
 * Chromium names the structure elements of a tagged PDF after its DOM node counter
 * ("node00001351"), which depends on what the browser printed before. Renumbering them by
 * rank keeps their order (and so the ID tree's sorting) and makes the bytes repeatable.
 */
function stabiliseStructureIds(document: PDFDocument): void {
  const pattern = /^node(\d+)$/
  const found = new Set<string>()
  const visit = (object: PDFObject | undefined, replace?: Map<string, string>): PDFObject | undefined => {
    if (object instanceof PDFString || object instanceof PDFHexString) {
      const text = object.decodeText()
      if (!pattern.test(text)) return undefined
      if (!replace) found.add(text)
      const next = replace?.get(text)
      return next === undefined ? undefined : PDFString.of(next)
    }
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const next = visit(value, replace)
        if (next) object.set(key, next)
      }
    } else if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) {
        const next = visit(object.get(index), replace)
        if (next) object.set(index, next)
      }
    }
    return undefined
  }
  const objects = document.context.enumerateIndirectObjects().map(([, object]) => object)
  for (const object of objects) visit(object)
  const ranked = [...found].sort((a, b) => Number(pattern.exec(a)?.[1]) - Number(pattern.exec(b)?.[1]))
  const width = String(ranked.length).length + 1
  const replace = new Map(ranked.map((id, index) => [id, `node${String(index + 1).padStart(Math.max(8, width), '0')}`]))
  for (const object of objects) visit(object, replace)
}
