/**
 * The brand's colour over a whole page, as the PDF's covers have it: Word's page colour
 * is one for the whole document, so a cover gets a picture of the colour behind its text,
 * anchored to the page's corner and marked decorative (screen readers skip it).
 */
import { HorizontalPositionRelativeFrom, ImageRun, TextWrappingType, VerticalPositionRelativeFrom } from 'docx'
import type { Brand } from '../../brand/brand.ts'
import { rasteriseSvg } from './raster.ts'

/** A4 in pixels at 96 per inch. */
const page = { width: Math.round((210 / 25.4) * 96), height: Math.round((297 / 25.4) * 96) }

/** A drawing id of its own: the body's drawings count from 1 (create-state.ts). */
export function pageColour(brand: Brand, colour: string, drawingId: number): ImageRun {
  const value = brand.tokens.colors[colour]
  if (!value) throw new Error(`Internal error: no colour "${colour}" in styles/brand.json`)
  const svg = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="${value}"/></svg>`)
  return new ImageRun({
    type: 'png',
    data: rasteriseSvg(svg, brand).png,
    transformation: page,
    decorative: true,
    altText: { id: String(drawingId), name: `Page colour ${drawingId}` },
    floating: {
      horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, offset: 0 },
      verticalPosition: { relative: VerticalPositionRelativeFrom.PAGE, offset: 0 },
      behindDocument: true,
      allowOverlap: true,
      wrap: { type: TextWrappingType.NONE },
    },
  })
}
