/**
 * PNG of a map for formats that cannot hold SVG (the DOCX), rasterised with resvg using
 * only the brand's font files, so the picture matches the vector map and no system font
 * leaks in.
 */
import { Resvg } from '@resvg/resvg-js'
import type { Brand } from '../brand/brand.ts'
import type { RouteMap } from './types.ts'

/** 2400 px across a 170 mm text width is about 360 dpi: print resolution. */
export const printWidth = 2400

export function rasteriseMap(map: RouteMap, brand: Brand, widthPx: number = printWidth): Uint8Array {
  const resvg = new Resvg(map.svg, {
    fitTo: { mode: 'width', value: widthPx },
    background: brand.tokens.colors.white ?? '#FFFFFF',
    font: {
      fontFiles: brand.fonts.map((font) => font.absolutePath),
      loadSystemFonts: false,
      defaultFontFamily: brand.tokens.fonts.body.family,
    },
  })
  return new Uint8Array(resvg.render().asPng())
}
