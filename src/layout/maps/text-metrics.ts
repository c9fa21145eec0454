/**
 * Widths of label text, read from the brand's own font files with fontkit, so that label
 * placement avoids collisions with the glyphs the reader will actually see. Widths are
 * the glyphs' advances, without kerning, as the SVG's text is set.
 */
import * as fontkit from 'fontkit'
import type { Brand } from '../../brand/brand.ts'

export interface TextMeasure {
  /** Width of `text` at `size` user units, in the given weight. */
  width(text: string, size: number, weight?: number, italic?: boolean): number
  /** The font's ascent and descent, in ems: the box a browser gives a line of its text. */
  extent(weight?: number, italic?: boolean): { ascent: number; descent: number }
}

/** A measure for the brand's faces; the session keeps one per brand. */
export function textMeasure(brand: Brand): TextMeasure {
  const fonts = brand.fonts.map((face) => {
    const font = fontkit.create(Buffer.from(face.data)) as fontkit.Font
    const advances = new Map<number, number>()
    const advance = (codePoint: number): number => {
      let width = advances.get(codePoint)
      if (width === undefined) {
        // Outside the Basic Multilingual Plane the fonts have no glyphs; a fallback font would draw it about half an em wide.
        width = codePoint > 0xffff ? font.unitsPerEm / 2 : font.glyphForCodePoint(codePoint).advanceWidth
        advances.set(codePoint, width)
      }
      return width
    }
    return { face, unitsPerEm: font.unitsPerEm, advance, ascent: font.ascent / font.unitsPerEm, descent: Math.abs(font.descent) / font.unitsPerEm }
  })
  const pick = (weight: number, italic: boolean) => {
    const style = italic ? 'italic' : 'normal'
    const candidates = fonts.some((font) => font.face.style === style) ? fonts.filter((font) => font.face.style === style) : fonts
    return [...candidates].sort((a, b) => Math.abs(a.face.weight - weight) - Math.abs(b.face.weight - weight))[0]
  }
  return {
    width(text, size, weight = 400, italic = false) {
      const font = pick(weight, italic)
      if (!font) throw new Error('Internal error: the brand has no fonts')
      let units = 0
      for (const character of text) units += font.advance(character.codePointAt(0) ?? 32)
      return (units / font.unitsPerEm) * size
    },
    extent(weight = 400, italic = false) {
      const font = pick(weight, italic)
      if (!font) throw new Error('Internal error: the brand has no fonts')
      return { ascent: font.ascent, descent: font.descent }
    },
  }
}
