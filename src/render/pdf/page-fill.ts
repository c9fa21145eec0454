/**
 * How full each printed page is and where its headings landed, read from the PDF Chromium
 * printed, as a publication designer measures a page: how far down the area between the
 * margins the tagged text reaches. Page furniture (running head, page number, the draft
 * mark) is untagged in Chromium's print and does not count; a page with a page number
 * under its bottom margin is a page of the body, one without is a cover.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib'
import { operandNumbers, operators } from './content-stream.ts'
import { inflated } from './stream-bytes.ts'

export interface PageGeometry {
  /** Margins of the body's pages, in points. */
  marginTop: number
  marginBottom: number
}

export interface PageFill {
  /** 1-based. */
  number: number
  /** A page of the body, with a page number at its foot; covers have none. */
  furnished: boolean
  /** How far down the area between the margins the content reaches, 0–1. */
  fill: number
}

export interface HeadingPlace {
  /** 1-based page. */
  page: number
  /** The heading's top, as a fraction of the area between the margins from its top. */
  top: number
}

/** Each page's fill, in page order. */
export function pageFills(document: PDFDocument, geometry: PageGeometry): PageFill[] {
  return document.getPages().map((page, index) => {
    const height = page.getHeight()
    const top = height - geometry.marginTop
    const bottom = geometry.marginBottom
    let lowest = Number.POSITIVE_INFINITY
    let furnished = false
    for (const bytes of contentStreams(document, page.node.get(PDFName.of('Contents')))) {
      for (const glyphs of textRuns(bytes)) {
        if (glyphs.tagged && glyphs.y > bottom && glyphs.y < top) lowest = Math.min(lowest, glyphs.y - 0.3 * glyphs.size)
        else if (!glyphs.tagged && glyphs.y < bottom) furnished = true
      }
    }
    const fill = Number.isFinite(lowest) ? Math.min(1, Math.max(0, (top - lowest) / (top - bottom))) : 0
    return { number: index + 1, furnished, fill }
  })
}

/**
 * Where each bookmark (one per heading, in reading order: Chromium's outline) points:
 * its page and its top within the area between the margins.
 */
export function headingPlaces(document: PDFDocument, geometry: PageGeometry): HeadingPlace[] {
  const pages = document.getPages()
  const pageIndex = new Map(pages.map((page, index) => [page.ref.toString(), index]))
  const places: HeadingPlace[] = []
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const destination = item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray)
      const target = destination?.get(0)
      const index = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined
      const y = destination?.lookupMaybe(3, PDFNumber)?.asNumber()
      const page = index === undefined ? undefined : pages[index]
      if (page && index !== undefined && y !== undefined) {
        const area = page.getHeight() - geometry.marginTop - geometry.marginBottom
        places.push({ page: index + 1, top: (page.getHeight() - geometry.marginTop - y) / area })
      } else {
        places.push({ page: 0, top: 0 })
      }
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  walk(document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
  return places
}

function* contentStreams(document: PDFDocument, contents: PDFObject | undefined): Generator<Uint8Array> {
  const references = contents instanceof PDFArray ? contents.asArray() : [contents]
  for (const reference of references) {
    const stream = reference instanceof PDFRef ? document.context.lookup(reference) : reference
    if (stream instanceof PDFRawStream) yield inflated(stream)
  }
}

type Matrix = [number, number, number, number, number, number]
const identity: Matrix = [1, 0, 0, 1, 0, 0]

/** `first` then `second`. */
function multiply(first: Matrix, second: Matrix): Matrix {
  const [a, b, c, d, e, f] = first
  const [A, B, C, D, E, F] = second
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
}

/**
 * Each text-showing operator of a content stream, upright text only (the draft mark is
 * turned): its baseline and size on the page, and whether it is inside marked content
 * (tagged) or not (furniture).
 */
function* textRuns(bytes: Uint8Array): Generator<{ y: number; size: number; tagged: boolean }> {
  const numbersOf = (start: number, end: number) => operandNumbers(bytes, start, end)
  const stack: Matrix[] = []
  let ctm: Matrix = identity
  let line: Matrix = identity
  let text: Matrix = identity
  let fontSize = 0
  let depth = 0
  for (const operator of operators(bytes)) {
    switch (operator.name) {
      case 'q':
        stack.push(ctm)
        break
      case 'Q':
        ctm = stack.pop() ?? identity
        break
      case 'cm': {
        const m = numbersOf(operator.start, operator.end)
        if (m.length === 6) ctm = multiply(m as Matrix, ctm)
        break
      }
      case 'BT':
        line = identity
        text = identity
        break
      case 'Tm': {
        const m = numbersOf(operator.start, operator.end)
        if (m.length === 6) line = text = m as Matrix
        break
      }
      case 'Td':
      case 'TD': {
        const [x = 0, y = 0] = numbersOf(operator.start, operator.end)
        line = text = multiply([1, 0, 0, 1, x, y], line)
        break
      }
      case 'Tf': {
        const m = numbersOf(operator.start, operator.end)
        fontSize = m.at(-1) ?? 0
        break
      }
      case 'BDC':
      case 'BMC':
        depth++
        break
      case 'EMC':
        depth = Math.max(0, depth - 1)
        break
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        const [a, b, , d, , y] = multiply(text, ctm)
        if (Math.abs(b) > 0.01 * Math.abs(a)) break
        yield { y, size: Math.abs(fontSize * d), tagged: depth > 0 }
        break
      }
    }
  }
}
