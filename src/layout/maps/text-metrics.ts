/**
 * Widths of label text, read from the brand's own font files with fontkit, so that label
 * placement avoids collisions with the glyphs the reader will actually see. Latin text is
 * measured by the body faces' glyph advances, without kerning, as the SVG's text is set.
 * A character the body faces lack (Thai, Arabic, Bengali, ...) is drawn by the first
 * family of the labels' font stack that has it, as Chromium and resvg fall back: it is
 * measured in that face, shaped, since Arabic letters join and Thai marks take no width.
 */
import * as fontkit from 'fontkit'
import { fontFamilies, type Brand, type WebFontFace } from '../../brand/brand.ts'
import { harfBuzzWidth } from './shaped-labels.ts'

export interface TextMeasure {
  /** Width of `text` at `size` user units, in the given weight. */
  width(text: string, size: number, weight?: number, italic?: boolean): number
  /** The font's ascent and descent, in ems: the box a browser gives a line of its text. */
  extent(weight?: number, italic?: boolean): { ascent: number; descent: number }
}

interface Nearest<Face> {
  face: Face
  weight: number
  style: 'normal' | 'italic'
}

/** The candidate nearest in weight, of the style when there is one in it. */
function nearest<Face extends Nearest<unknown>>(candidates: readonly Face[], weight: number, italic: boolean): Face | undefined {
  const style = italic ? 'italic' : 'normal'
  const pool = candidates.some((candidate) => candidate.style === style) ? candidates.filter((candidate) => candidate.style === style) : candidates
  return [...pool].sort((a, b) => Math.abs(a.weight - weight) - Math.abs(b.weight - weight))[0]
}

/** A measure for the brand's faces, with the fallbacks in the order a map in `language` names them; the session keeps one per brand and language. */
export function textMeasure(brand: Brand, language?: string): TextMeasure {
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
    return { face, weight: face.weight, style: face.style, font, unitsPerEm: font.unitsPerEm, advance, ascent: font.ascent / font.unitsPerEm, descent: Math.abs(font.descent) / font.unitsPerEm }
  })

  // The fallback families' faces in the stack's order; each read only when a label first needs it.
  const order = fontFamilies(brand.tokens, language).body.slice(1)
  const fallbacks = brand.webFonts
    .filter((face) => order.includes(face.family))
    .sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family))
    .map((face) => ({ face, weight: face.weight, style: face.style }))
  const opened = new Map<WebFontFace, { font: fontkit.Font; widths: Map<string, number> }>()
  const open = (face: WebFontFace) => {
    let entry = opened.get(face)
    if (!entry) opened.set(face, (entry = { font: fontkit.create(Buffer.from(face.trueType)) as fontkit.Font, widths: new Map() }))
    return entry
  }
  /** The fallback face that draws `codePoint`: the first family that has it, in the nearest weight. */
  const fallbackFor = (codePoint: number, weight: number, italic: boolean): WebFontFace | undefined => {
    const family = fallbacks.find((candidate) => candidate.face.characters.has(codePoint))?.face.family
    return family === undefined ? undefined : nearest(fallbacks.filter((candidate) => candidate.face.family === family && candidate.face.characters.has(codePoint)), weight, italic)?.face
  }
  /** A run's shaped width in ems. */
  const shapedWidth = (face: WebFontFace, run: string): number => {
    const { font, widths } = open(face)
    let width = widths.get(run)
    if (width === undefined) {
      try {
        width = font.layout(run).advanceWidth / font.unitsPerEm
      } catch {
        width = harfBuzzWidth(face.trueType, run)
      }
      widths.set(run, width)
    }
    return width
  }

  return {
    width(text, size, weight = 400, italic = false) {
      const body = nearest(fonts, weight, italic)
      if (!body) throw new Error('Internal error: the brand has no fonts')
      let ems = 0
      // Consecutive characters drawn by the same fallback face are shaped together.
      let run = ''
      let runFace: WebFontFace | undefined
      const endRun = () => {
        if (runFace && run) ems += shapedWidth(runFace, run)
        run = ''
        runFace = undefined
      }
      for (const character of text) {
        const codePoint = character.codePointAt(0) ?? 32
        const face = body.font.hasGlyphForCodePoint(codePoint) ? undefined : fallbackFor(codePoint, weight, italic)
        if (!face) {
          endRun()
          ems += body.advance(codePoint) / body.unitsPerEm
          continue
        }
        if (face !== runFace) endRun()
        runFace = face
        run += character
      }
      endRun()
      return ems * size
    },
    extent(weight = 400, italic = false) {
      const font = nearest(fonts, weight, italic)
      if (!font) throw new Error('Internal error: the brand has no fonts')
      return { ascent: font.ascent, descent: font.descent }
    },
  }
}
