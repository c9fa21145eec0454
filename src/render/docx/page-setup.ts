/**
 * The page of every section, from the brand's page tokens: A4, its margins in twips, and
 * the widest a picture may be in the text column.
 */
import { convertMillimetersToTwip, type ISectionPropertiesOptions } from 'docx'
import type { Brand } from '../../brand/brand.ts'

export interface PageSetup {
  /** Size and margins, as every section's `properties` take them. */
  properties: Pick<ISectionPropertiesOptions, 'page'>
  /** The text column's width in pixels at 96 per inch: no picture is wider. */
  maxImageWidth: number
}

const a4 = { width: 11906, height: 16838, widthMillimetres: 210 }
/** Pixels (at 96 per inch) per millimetre, for the widest an image may be. */
const pixelsPerMillimetre = 96 / 25.4

function millimetres(value: string): number {
  const match = /^(\d+(?:\.\d+)?)mm$/.exec(value)
  if (!match) throw new Error(`Internal error: page margin "${value}" in styles/brand.json is not in millimetres`)
  return Number(match[1])
}

export function pageSetup(brand: Brand): PageSetup {
  const { page } = brand.tokens
  const margin = {
    top: convertMillimetersToTwip(millimetres(page.marginTop)),
    bottom: convertMillimetersToTwip(millimetres(page.marginBottom)),
    left: convertMillimetersToTwip(millimetres(page.marginInside)),
    right: convertMillimetersToTwip(millimetres(page.marginOutside)),
    header: convertMillimetersToTwip(10),
    footer: convertMillimetersToTwip(10),
  }
  const textWidthMillimetres = a4.widthMillimetres - millimetres(page.marginInside) - millimetres(page.marginOutside)
  return {
    properties: { page: { size: { width: a4.width, height: a4.height }, margin } },
    maxImageWidth: Math.floor(textWidthMillimetres * pixelsPerMillimetre),
  }
}
