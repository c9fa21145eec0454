/**
 * Map labels are placed by their measured widths: a label in a script the body face lacks
 * (Thai, Arabic) is measured in the face that draws it, shaped, not by the body face's
 * missing-glyph box. Each width is checked against the ink resvg draws for the same text
 * with the shipped fonts (the DOCX's map picture), which is a little narrower than the
 * advance (side bearings) and never much wider or narrower.
 */
import { Resvg } from '@resvg/resvg-js'
import { beforeAll, describe, expect, it } from 'vitest'
import { fontFamilies, fontStack, loadBrand, type Brand } from '../src/brand/brand.ts'
import { textMeasure } from '../src/layout/maps/text-metrics.ts'
import { escapeXml } from '../src/text/xml.ts'

let brand: Brand

beforeAll(async () => {
  brand = await loadBrand()
})

/** The width of the ink resvg draws for `text` at 100 units, in the labels' font stack for `language`. */
function inkWidth(text: string, language: string): number {
  const family = escapeXml(fontStack(fontFamilies(brand.tokens, language).body, 'sans-serif'))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="300"><text x="10" y="150" font-size="100" font-family="${family}">${escapeXml(text)}</text></svg>`
  const box = new Resvg(svg, { font: { fontFiles: brand.fontFolder.trueTypeFiles, loadSystemFonts: false, defaultFontFamily: brand.tokens.fonts.body.family } }).getBBox()
  if (!box) throw new Error(`resvg drew nothing for ${text}`)
  return box.width
}

describe('the width of a map label', () => {
  it.each([
    ['en', 'Kupang'],
    ['th', 'กรุงเทพมหานคร'],
    ['th', 'เชียงใหม่'],
    ['ar', 'باكستان'],
    ['ar', 'الإمارات العربية المتحدة'],
  ])('%s "%s" is the width the shipped face draws', (language, text) => {
    const measured = (textMeasure as any)(brand, language).width(text, 100)
    const ink = inkWidth(text, language)
    expect(measured).toBeGreaterThan(ink * 0.98)
    expect(measured).toBeLessThan(ink * 1.08)
  })

  it('gives a Thai tone mark no width of its own', () => {
    const measure = (textMeasure as any)(brand, "th")
    expect(measure.width('ก่า', 10)).toBeCloseTo(measure.width('กา', 10), 6)
  })
})
