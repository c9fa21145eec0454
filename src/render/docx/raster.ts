/**
 * SVG to PNG for the fallback that DOCX requires beside every SVG picture (Word 2013,
 * LibreOffice before 7 and most phone viewers show only the fallback). Fonts come from
 * the brand alone, so the same SVG gives the same pixels on every machine.
 */
import { Resvg } from '@resvg/resvg-js'
import type { Brand } from '../../brand/brand.ts'

export interface Raster {
  png: Uint8Array
  /** The SVG's own size in CSS pixels, which the picture is laid out at. */
  width: number
  height: number
}

/** Rendered at twice the size, so the fallback stays sharp when printed. */
const scale = 2

export function rasteriseSvg(svg: Uint8Array, brand: Brand): Raster {
  const options = {
    fitTo: { mode: 'zoom' as const, value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: brand.fonts.map((font) => font.absolutePath),
      defaultFontFamily: brand.tokens.fonts.body.family,
    },
  }
  const rendered = new Resvg(Buffer.from(svg), options).render()
  return { png: new Uint8Array(rendered.asPng()), width: rendered.width / scale, height: rendered.height / scale }
}
