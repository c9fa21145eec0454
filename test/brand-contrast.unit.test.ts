/**
 * Every text colour of `styles/brand.json` on every background it is used on, in the CSS
 * (`styles/document.css`, the page margins of `render-html.ts`) and the DOCX styles
 * (`render/docx/styles.ts`), meets WCAG 2.2 contrast (1.4.3): 4.5:1, or 3:1 for large text
 * (18 pt, or 14 pt bold). A brand edit that breaks a pair fails here, naming it.
 */
import { describe, expect, it } from 'vitest'
import { loadBrand } from '../src/brand/brand.ts'

interface Pair {
  text: string
  background: string
  /** Where the pair is used. */
  where: string
  /** Only ever set large (18 pt, or 14 pt bold): 3:1 is enough. */
  large?: boolean
}

const pairs: Pair[] = [
  { text: 'text', background: 'white', where: 'body text' },
  { text: 'primary', background: 'white', where: 'headings, lead paragraph, table first column, contents' },
  { text: 'accent', background: 'white', where: 'links, Heading 3, theme subtitles' },
  { text: 'muted', background: 'white', where: 'captions, route facts, running heads and page numbers, signatory roles' },
  { text: 'missing', background: 'white', where: 'the DRAFT running head' },
  { text: 'missing', background: 'missingBackground', where: 'a value marked missing (mark.missing)' },
  { text: 'white', background: 'primary', where: 'cover, back cover, table header cells' },
  { text: 'accentLight', background: 'primary', where: 'cover eyebrow, the rules of the covers' },
  { text: 'white', background: 'primaryDark', where: "the cover's foot: event, dates, place" },
  { text: 'missing', background: 'white', where: "the draft mark on the cover's white label" },
  { text: 'text', background: 'accentLight', where: 'figure callout' },
  { text: 'primaryDark', background: 'accentLight', where: 'figure callout (DOCX)' },
  { text: 'text', background: 'surface', where: 'proposition' },
  { text: 'primary', background: 'surface', where: 'proposition, bold country names' },
  { text: 'muted', background: 'surface', where: 'proposition, "Raised by"' },
  { text: 'text', background: 'white', where: 'map labels on their white boxes' },
]

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16) / 255)
  const [r, g, b] = channels.map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

describe('brand colours', () => {
  it('meet 4.5:1 (3:1 for large text) in every text and background pair the documents use', async () => {
    const { colors } = (await loadBrand()).tokens
    const failures: string[] = []
    for (const pair of pairs) {
      const [text, background] = [colors[pair.text], colors[pair.background]]
      if (!text || !background) {
        failures.push(`${pair.text} on ${pair.background}: no such colour in styles/brand.json`)
        continue
      }
      const ratio = contrast(text, background)
      const needed = pair.large ? 3 : 4.5
      if (ratio < needed) failures.push(`${pair.text} (${text}) on ${pair.background} (${background}), ${pair.where}: ${ratio.toFixed(2)}:1, needs ${needed}:1`)
    }
    expect(failures).toEqual([])
  })

  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2)
    expect(contrast('#FFFFFF', '#FFFFFF')).toBe(1)
  })
})
