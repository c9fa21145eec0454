/**
 * The page of every section, from the brand's page tokens: A4, its margins in twips, and
 * the grid inside them. Word has one text column, so the margin column of print becomes
 * part of the right margin: body text runs the PDF's text column, maps reach across the
 * margin column (a negative right indent), and route facts stand in it as framed notes.
 * In a language written from right to left the page is the mirror of that, as in print:
 * the margin column is part of the left margin (`forDirection`).
 */
import { convertMillimetersToTwip, FrameAnchorType, FrameWrap, type IFrameOptions, type ISectionPropertiesOptions } from 'docx'
import { lengthInMillimetres, type Brand } from '../../brand/brand.ts'

export interface PageSetup {
  /** Size and margins, as every section's `properties` take them. */
  properties: Pick<ISectionPropertiesOptions, 'page'>
  /** The covers' page: no margin column, so a long title runs the width of the page's margins as in print. */
  coverProperties: Pick<ISectionPropertiesOptions, 'page'>
  /** The text column's width in pixels at 96 per inch: no picture in the text is wider. */
  maxImageWidth: number
  /** The width of text and margin columns together, in pixels at 96 per inch: a map's. */
  wideImageWidth: number
}

const a4 = { width: 11906, height: 16838, widthMillimetres: 210 }
/** Pixels (at 96 per inch) per millimetre, for the widest an image may be. */
const pixelsPerMillimetre = 96 / 25.4

export function pageSetup(brand: Brand): PageSetup {
  const { page } = brand.tokens
  const beside = lengthInMillimetres(page.gutter) + lengthInMillimetres(page.marginColumn)
  const margin = {
    top: convertMillimetersToTwip(lengthInMillimetres(page.marginTop)),
    bottom: convertMillimetersToTwip(lengthInMillimetres(page.marginBottom)),
    left: convertMillimetersToTwip(lengthInMillimetres(page.marginInside)),
    right: convertMillimetersToTwip(lengthInMillimetres(page.marginOutside) + beside),
    header: convertMillimetersToTwip(10),
    footer: convertMillimetersToTwip(10),
  }
  const textColumn = lengthInMillimetres(page.textColumn)
  return {
    properties: { page: { size: { width: a4.width, height: a4.height }, margin } },
    coverProperties: { page: { size: { width: a4.width, height: a4.height }, margin: { ...margin, right: convertMillimetersToTwip(lengthInMillimetres(page.marginOutside)) } } },
    maxImageWidth: Math.floor(textColumn * pixelsPerMillimetre),
    wideImageWidth: Math.floor((textColumn + beside) * pixelsPerMillimetre),
  }
}

/**
 * The page for a document's direction. Right to left, the margins swap sides; nothing else
 * needs to: in a right-to-left (`w:bidi`) paragraph Word and LibreOffice read a paragraph's
 * indents from its start, the right, so a map's negative end indent reaches left across the
 * margin column, and a frame's horizontal place from the margin's right edge, so a route's
 * facts stand in the margin column on the left.
 */
export function forDirection(setup: PageSetup, direction: 'ltr' | 'rtl'): PageSetup {
  if (direction === 'ltr') return setup
  const mirror = (properties: PageSetup['properties']): PageSetup['properties'] => {
    const margin = properties.page?.margin
    return margin ? { ...properties, page: { ...properties.page, margin: { ...margin, left: margin.right, right: margin.left } } } : properties
  }
  return { ...setup, properties: mirror(setup.properties), coverProperties: mirror(setup.coverProperties) }
}

/** How far a wide block reaches past the text column's right edge, in twips (a negative right indent). */
export function wideIndent(brand: Brand): number {
  const { page } = brand.tokens
  return -convertMillimetersToTwip(lengthInMillimetres(page.gutter) + lengthInMillimetres(page.marginColumn))
}

/** A note in the margin column, level with the paragraph that follows it. */
export function marginNoteFrame(brand: Brand): IFrameOptions {
  const { page } = brand.tokens
  return {
    type: 'absolute',
    position: { x: convertMillimetersToTwip(lengthInMillimetres(page.textColumn) + lengthInMillimetres(page.gutter)), y: 0 },
    width: convertMillimetersToTwip(lengthInMillimetres(page.marginColumn)),
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.TEXT },
    wrap: FrameWrap.AROUND,
  }
}
