/**
 * Line styles of routes: each a colour of the brand's qualitative route palette
 * (`map.routes` in styles/brand.json, ColorBrewer Dark2) and a dash pattern of its own, so
 * routes stay apart for a reader who cannot tell the colours apart and on a greyscale
 * printer.
 */
import type { Brand } from '../../brand/brand.ts'

export interface LineStyle {
  color: string
  /** SVG dash array, or none for a solid line. */
  dash?: string
  cap: 'round' | 'butt'
}

/** Eight dash patterns that stay apart at the map's line width; solid first. */
const dashes: Array<Pick<LineStyle, 'dash' | 'cap'>> = [
  { cap: 'butt' },
  { dash: '12 5', cap: 'butt' },
  { dash: '0.1 5.5', cap: 'round' },
  { dash: '10 4 2 4', cap: 'butt' },
  { dash: '5 4', cap: 'butt' },
  { dash: '18 4 3 4 3 4', cap: 'butt' },
  { dash: '2 3', cap: 'butt' },
  { dash: '22 6', cap: 'butt' },
]

/** The most routes a map tells apart; past that, it groups them by the report's headings. */
export const MAX_STYLES = 8

export function lineStyles(brand: Brand): LineStyle[] {
  const palette = brand.tokens.map.routes
  return Array.from({ length: Math.min(MAX_STYLES, palette.length, dashes.length) }, (_, index) => ({ color: palette[index]!, ...dashes[index]! }))
}

/** The style of the category at `index`, cycling only if a map ever has more categories than styles. */
export const styleAt = (styles: LineStyle[], index: number): LineStyle => styles[index % styles.length]!
