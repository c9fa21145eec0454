/**
 * SVG to PNG for the fallback that DOCX requires beside every SVG picture (Word 2013,
 * LibreOffice before 7 and most phone viewers show only the fallback). Fonts come from
 * the brand alone, so the same SVG gives the same pixels on every machine.
 *
 * The size comes from parsing the SVG, and the PNG is drawn only when it is read: a map
 * brings its own print-resolution PNG (see `src/layout/maps/raster.ts`), so drawing one here too
 * would be thrown away.
 */
import { Resvg } from '@resvg/resvg-js'
import type { Brand } from '../../brand/brand.ts'

export interface Raster {
  /** Drawn on first read. */
  readonly png: Uint8Array
  /** The SVG's own size in CSS pixels, which the picture is laid out at. */
  readonly width: number
  readonly height: number
}

/** Rendered at twice the size, so the fallback stays sharp when printed. */
const scale = 2

export function rasteriseSvg(svg: Uint8Array, brand: Brand): Raster {
  // The size does not depend on fonts, so the parse that gives it loads none.
  const size = new Resvg(Buffer.from(svg), { font: { loadSystemFonts: false } })
  let png: Uint8Array | undefined
  return {
    width: size.width,
    height: size.height,
    get png() {
      png ??= draw(svg, brand)
      return png
    },
  }
}

function draw(svg: Uint8Array, brand: Brand): Uint8Array {
  const options = {
    fitTo: { mode: 'zoom' as const, value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: brand.fontFolder.trueTypeFiles,
      defaultFontFamily: brand.tokens.fonts.body.family,
    },
  }
  return new Uint8Array(new Resvg(Buffer.from(svg), options).render().asPng())
}
