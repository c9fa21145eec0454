/**
 * Map labels are placed by their measured widths: a label in a script the body face lacks
 * (Thai, Arabic) is measured in the face that draws it, shaped, not by the body face's
 * missing-glyph box. Each width is checked against the ink resvg draws for the same text
 * with the shipped fonts (the DOCX's map picture), which is a little narrower than the
 * advance (side bearings) and never much wider or narrower. A label in a script resvg sets
 * out of order (Bengali, Khmer, ...) goes into the PNG as HarfBuzz's outlines instead.
 */
import { Resvg } from '@resvg/resvg-js'
import { beforeAll, describe, expect, it } from 'vitest'
import * as hb from 'harfbuzzjs'
import { fontFamilies, fontStack, loadBrand, type Brand, type WebFontFace } from '../src/brand/brand.ts'
import { labelShaper } from '../src/layout/maps/shaped-labels.ts'
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

describe('a label in a script resvg sets out of order, in the map\'s PNG', () => {
  it('is measured where fontkit cannot shape it (Khmer ភ្នំពេញ, Phnom Penh), as HarfBuzz shapes it', () => {
    const measure = textMeasure(brand, 'km')
    const width = measure.width('ភ្នំពេញ', 100)
    expect(width).toBeGreaterThan(measure.width('ភ', 100) * 2)
  })

  it('is drawn as the outlines HarfBuzz shaped, its vowel sign before its consonant; Latin and Arabic stay text', () => {
    const family = escapeXml(fontStack(fontFamilies(brand.tokens, 'bn').body, 'sans-serif'))
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" font-family="${family}" font-size="20"><g fill="#123456"><text x="300" y="40" text-anchor="end" font-weight="600" data-label="x">কে দেশ</text><text x="10" y="80">Dhaka</text><text x="10" y="120">دبي</text></g></svg>`
    const outlined = labelShaper(brand).outline(svg)
    expect(outlined).toContain('<text x="10" y="80">Dhaka</text>')
    expect(outlined).toContain('<text x="10" y="120">دبي</text>')
    expect(outlined).not.toContain('কে')
    const group = /<g data-label="x" transform="translate\(([\d.]+) 40\)">(.*?)<\/g>/.exec(outlined)
    const paths = [...(group?.[2] ?? '').matchAll(/<path transform="translate\(([-\d.]+) [-\d.]+\)[^"]*" d="([^"]*)"\/>/g)].map((match) => ({ x: Number(match[1]), d: match[2] }))
    // ক then ে typed: the vowel sign (in the form the font gives it there) is drawn first, at the left, then ক (U+0995).
    const bengali = brand.webFonts.find((font) => font.family === 'Noto Sans Bengali' && font.weight === 700) as WebFontFace
    const face = new hb.Font(new hb.Face(new hb.Blob(bengali.trueType.slice().buffer)))
    const ka = face.glyphToPath(face.nominalGlyph(0x0995) as number)
    expect(paths[0]?.d).not.toBe(ka)
    expect(paths[1]?.d).toBe(ka)
    expect(paths[0]?.x).toBeLessThan(paths[1]?.x as number)
    // Anchored at its end: the outlines end at x = 300.
    expect(Number(group?.[1])).toBeLessThan(300 - 40)
  })
})
