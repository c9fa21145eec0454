/**
 * The DOCX's float and fit pass (src/render/docx/page-flow.ts) on invented blocks laid out
 * by docx's `layoutDocument` on the brand's A4 page: paragraphs of one exact line stand in
 * for text and maps of known heights. The contents' page numbers read from the flow's layout
 * (src/render/docx/page-numbers.ts), on invented chapters.
 */
import { Document, FrameAnchorType, HeadingLevel, Paragraph, TableOfContents, convertMillimetersToTwip, type PageNumberEstimator } from 'docx'
import { estimatePageNumbers, layoutDocument } from 'docx/layout'
import { describe, expect, it } from 'vitest'
import type { BodyContent } from '../src/render/docx/body.ts'
import { compilePackage } from '../src/render/docx/compile.ts'
import { arranged, flowArrangement, type FlowUnit } from '../src/render/docx/page-flow.ts'
import { pageNumbersFrom } from '../src/render/docx/page-numbers.ts'
import type { Block } from '../src/render/docx/state.ts'

const millimetre = 96 / 25.4
const geometry = { marginTop: 22 * millimetre, marginBottom: 20 * millimetre, bodySection: 0 }
/** Points between the margins. */
const area = ((297 - 42) * 72) / 25.4

/** A paragraph `share` of the page tall, whose text is `text`. */
const tall = (text: string, share: number, keepNext = false) => new Paragraph({ text, keepNext, spacing: { before: 0, after: 0, line: Math.round(share * area * 20), lineRule: 'exact' } })
const heading = (text: string) => tall(text, 0.04, true)

const layOut = (blocks: BodyContent[]) =>
  layoutDocument(
    new Document({
      sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: convertMillimetersToTwip(22), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(20), right: convertMillimetersToTwip(20) } } }, children: blocks }],
    }),
    { guess: true },
  )

const fills = (blocks: Block[]) =>
  layOut(blocks).pages.map((page) => {
    const bottom = Math.max(...page.body.flatMap((block) => (block.type === 'paragraph' ? block.lines.map((line) => line.y + line.height) : [])))
    return (bottom - geometry.marginTop) / ((area * 96) / 72)
  })

describe('the DOCX page flow', () => {
  it('moves a map that would leave half a page blank after the text that fills the page', () => {
    const mapHeading = heading('Smuggling routes')
    const map = tall('map', 0.75, false)
    const cards = [tall('First route', 0.15), tall('Second route', 0.15), tall('Third route', 0.15)]
    const units: FlowUnit[] = [
      { section: 0, kind: 'title', blocks: [heading('Where the country appears')], label: 'Where the country appears' },
      { section: 0, kind: 'other', blocks: [tall('Opening text', 0.4)], label: 'Opening text', keptWithPrevious: true },
      { section: 0, kind: 'map', blocks: [mapHeading, map], split: 1, label: 'Smuggling routes' },
      ...cards.map((card, index): FlowUnit => ({ section: 0, kind: 'other', blocks: [card], label: `route ${index}`, ...(index === 0 ? { keptWithPrevious: true } : {}) })),
      { section: 1, kind: 'title', blocks: [heading('The forum')], label: 'The forum' },
      { section: 1, kind: 'other', blocks: [tall('Closing text', 0.2)], label: 'Closing text', keptWithPrevious: true },
    ]
    const plain = units.flatMap((unit) => unit.blocks)
    // As made, the map and its heading go over and leave the first page under half full.
    expect(fills(plain)[0]).toBeLessThan(0.55)
    const flowed = arranged(units, flowArrangement(units, layOut, geometry))
    expect(flowed.indexOf(map)).toBe(flowed.indexOf(cards[2] as Block) + 1)
    expect(flowed.indexOf(mapHeading)).toBe(flowed.indexOf(cards[0] as Block) - 1)
    expect(new Set(flowed)).toEqual(new Set(plain))
    const after = fills(flowed)
    expect(after[0]).toBeGreaterThan(0.8)
    expect(Math.min(...after)).toBeGreaterThanOrEqual(0.25)
  })

  it('leaves blocks as they are when every page passes', () => {
    const units: FlowUnit[] = [
      { section: 0, kind: 'title', blocks: [heading('Opening')], label: 'Opening' },
      { section: 0, kind: 'other', blocks: [tall('Text', 0.5)], label: 'Text', keptWithPrevious: true },
      { section: 0, kind: 'title', blocks: [heading('Closing')], label: 'Closing' },
      { section: 0, kind: 'other', blocks: [tall('More', 0.3)], label: 'More', keptWithPrevious: true },
    ]
    expect(arranged(units, flowArrangement(units, layOut, geometry))).toEqual(units.flatMap((unit) => unit.blocks))
  })

  it('breaks the page earlier where a chapter\'s last lines would stand alone', () => {
    const late = tall('Last route', 0.15)
    const units: FlowUnit[] = [
      { section: 0, kind: 'title', blocks: [heading('Routes')], label: 'Routes' },
      { section: 0, kind: 'other', blocks: [tall('Map', 0.6)], label: 'Map', keptWithPrevious: true },
      { section: 0, kind: 'other', blocks: [late], label: 'Last route' },
      { section: 0, kind: 'other', blocks: [tall('Closing lines', 0.22)], label: 'Closing lines' },
    ]
    const plain = units.flatMap((unit) => unit.blocks)
    expect(fills(plain).at(-1)).toBeLessThan(0.25)
    const flowed = arranged(units, flowArrangement(units, layOut, geometry))
    const pages = layOut(flowed).pages
    expect(pages).toHaveLength(2)
    expect(Math.min(...fills(flowed))).toBeGreaterThanOrEqual(0.25)
    // The page breaks before the last route, which opens the second page with the closing lines.
    expect(pages[1]?.body.some((block) => block.type === 'paragraph' && block.lines.some((line) => line.text === 'Last route'))).toBe(true)
  })
})

describe('the contents numbered from the flow\'s layout', () => {
  const frame = { type: 'absolute', position: { x: 9000, y: 0 }, width: 2000, anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.TEXT } } as const
  /** An invented document: two chapters, a note framed in the margin before the second, the first's text in paragraphs `shares` of the page tall. */
  const chapters = (shares: number[], second = 'Second chapter') => {
    const note = new Paragraph({ text: 'A note in the margin', frame })
    const blocks = [
      new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'First chapter' }),
      ...shares.map((share, index) => tall(`Text ${index + 1} of the first chapter`, share)),
      note,
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: second }),
      tall('Text of the second chapter', 0.2),
    ]
    return { blocks, inFlow: blocks.filter((block) => block !== note) }
  }
  /** The contents' page numbers of the document written with two short paragraphs in its first chapter. */
  const numbers = (pageNumbers: PageNumberEstimator) => {
    const xml = String(compilePackage(new Document({ pageNumbers, sections: [{ children: chapters([0.1, 0.1]).blocks }] })).get('word/document.xml'))
    return [...xml.matchAll(/PAGEREF (_Toc\d+)[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((match) => match[2])
  }

  it('writes the pages of that layout, the framed notes left out as the layout left them', () => {
    // docx's own estimate of the document written puts both chapters on page 1; the layout given, of the same text taller, the second on page 2.
    expect(numbers(estimatePageNumbers)).toEqual(['1', '1'])
    expect(numbers(pageNumbersFrom(layOut(chapters([0.6, 0.6]).inFlow)))).toEqual(['1', '2'])
  })

  it('falls back on docx\'s own estimate where the layout is of other text', () => {
    expect(numbers(pageNumbersFrom(layOut(chapters([0.6, 0.6], 'Another chapter').inFlow)))).toEqual(['1', '1'])
  })
})
