/**
 * Line styles of route categories. Each differs from the others in dash pattern as well as
 * colour, so the legend still works on a greyscale printer.
 */
import type { Brand } from '../../brand/brand.ts'

export interface LineStyle {
  color: string
  /** SVG dash array, or none for a solid line. */
  dash?: string
  cap: 'round' | 'butt'
}

export function lineStyles(brand: Brand): LineStyle[] {
  const colors = brand.tokens.colors
  const color = (name: string) => {
    const value = colors[name]
    if (!value) throw new Error(`Internal error: no colour "${name}" in styles/brand.json`)
    return value
  }
  return [
    { color: color('primary'), cap: 'butt' },
    { color: color('accent'), dash: '12 5', cap: 'butt' },
    { color: color('primaryDark'), dash: '0.1 5', cap: 'round' },
    { color: color('muted'), dash: '10 4 2 4', cap: 'butt' },
    { color: color('accent'), dash: '4 4', cap: 'butt' },
    { color: color('primary'), dash: '16 3 3 3', cap: 'butt' },
  ]
}

/** The style of the category at `index`, cycling if a map ever has more categories than styles. */
export const styleAt = (styles: LineStyle[], index: number): LineStyle => styles[index % styles.length]!
