/**
 * The float and fit pass's measures (src/render/pdf/page-fill.ts, page-flow.ts), on PDFs
 * written here with pdf-lib in the form Chromium prints (a flipped page matrix, one text
 * object a line, tagged text in marked content, furniture outside it): invented pages.
 */
import { PDFArray, PDFDocument, PDFName, PDFNumber } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { headingPlaces, pageFills } from '../src/render/pdf/page-fill.ts'
import { flowFailures, type FlowHeading } from '../src/render/pdf/page-flow.ts'

const millimetre = 72 / 25.4
const geometry = { marginTop: 22 * millimetre, marginBottom: 20 * millimetre }
const area = 297 * millimetre - geometry.marginTop - geometry.marginBottom

/** A line of text at `fromTop` points below the page's top edge, as Chromium draws it (CSS pixels, y downwards). */
const line = (fromTop: number, tagged: boolean, size = 10.5) => {
  const show = `BT\n/F1 ${(size / 0.75).toFixed(4)} Tf\n1 0 0 -1 100 ${(fromTop / 0.75).toFixed(4)} Tm\n<0004> Tj\n6.08 0 Td <002A> Tj\nET\n`
  return tagged ? `/P <</MCID 0 >>BDC\n${show}EMC\n` : show
}

async function pdfOf(pages: string[][]): Promise<PDFDocument> {
  const document = await PDFDocument.create()
  for (const lines of pages) {
    const page = document.addPage([595.28, 841.89])
    // Chromium's page matrix: CSS pixels with y running down the page.
    const stream = document.context.stream(`.75 0 0 -.75 0 841.89 cm\nq\n${lines.join('')}Q\n`)
    page.node.set(PDFName.of('Contents'), document.context.register(stream))
  }
  return document
}

describe('page fill', () => {
  it('reads how far down the tagged text reaches, and tells body pages by their page number', async () => {
    const top = geometry.marginTop
    const document = await pdfOf([
      // A cover: text, but no page number under the bottom margin.
      [line(top + 100, true), line(top + 600, true)],
      // A page with its running head (untagged, above the top margin), text to a quarter of the area, and a page number.
      [line(top - 20, false), line(top + 20, true), line(top + area / 4, true), line(297 * millimetre - 30, false)],
      // The draft mark is turned text and untagged: it does not fill a page.
      [line(top + 12, true), `q\n0.7 -0.7 0.7 0.7 100 500 cm\n${line(400, false, 90)}Q\n`, line(297 * millimetre - 30, false)],
    ])
    const fills = pageFills(document, geometry)
    expect(fills.map((page) => page.furnished)).toEqual([false, true, true])
    expect(fills[1]?.fill).toBeCloseTo((area / 4 + 0.3 * 10.5) / area, 3)
    expect(fills[2]?.fill).toBeLessThan(0.03)
  })

  it('places each bookmark on its page, as a fraction of the area from its top', async () => {
    const document = await pdfOf([[line(100, true)], [line(100, true)]])
    const [, second] = document.getPages()
    const item = document.context.obj({ Title: 'Routes', Dest: [second!.ref, PDFName.of('XYZ'), 0, 841.89 - geometry.marginTop - area / 2, 0] })
    const itemRef = document.context.register(item)
    const outlines = document.context.register(document.context.obj({ Type: 'Outlines', First: itemRef, Last: itemRef, Count: 1 }))
    document.catalog.set(PDFName.of('Outlines'), outlines)
    const places = headingPlaces(document, geometry)
    expect(places).toHaveLength(1)
    expect(places[0]?.page).toBe(2)
    expect(places[0]?.top).toBeCloseTo(0.5, 3)
    expect(item.lookup(PDFName.of('Dest'), PDFArray).lookup(3, PDFNumber).asNumber()).toBeGreaterThan(0)
  })
})

describe('flow failures', () => {
  const page = (number: number, fill: number, furnished = true) => ({ number, fill, furnished })
  const chapter = (number: number, top = 0): FlowHeading => ({ page: number, top, chapter: true })
  const heading = (number: number, top = 0): FlowHeading => ({ page: number, top, chapter: false })

  it('finds runt pages, and half-empty pages whose part goes on, but not covers or chapter ends', () => {
    const pages = [page(1, 1, false), page(2, 0.9), page(3, 0.4), page(4, 0.8), page(5, 0.3), page(6, 0.7), page(7, 0.1), page(8, 1, false)]
    // p. 4 goes on with the part of p. 3; p. 6 opens a chapter, so p. 5 ends one; p. 8 is the back cover.
    const failures = flowFailures(pages, [chapter(2), heading(4, 0), chapter(6), chapter(7, 0.5)])
    expect(failures.map(({ page: number, kind }) => `${number} ${kind}`)).toEqual(['3 gap', '7 runt'])
    expect(failures[0]?.short).toBeCloseTo(0.15, 5)
    expect(failures[1]?.short).toBeCloseTo(0.15, 5)
  })

  it('counts a chapter as opening a page only when its title heads the page', () => {
    const pages = [page(1, 0.5), page(2, 0.9)]
    expect(flowFailures(pages, [chapter(2, 0.3)]).map((failure) => failure.kind)).toEqual(['gap'])
    expect(flowFailures(pages, [chapter(2, 0)])).toEqual([])
  })
})
