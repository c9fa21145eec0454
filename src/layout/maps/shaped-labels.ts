/**
 * A map's text in the scripts resvg sets wrong, drawn as outlines that HarfBuzz shaped,
 * for the PNG alone. resvg (through @resvg/resvg-js 2.6) leaves the letters of Bengali,
 * Tamil, Sinhala, Myanmar and Khmer in the order they are typed: a vowel sign written
 * before its consonant stands after it, and conjuncts pile up. Chromium (the PDF, the
 * HTML) shapes them right; so does HarfBuzz, which the fonts' subsetter already ships.
 *
 * Each such `<text>` becomes a group of glyph outlines at the same place, in the face the
 * SVG's font stack gives each character (the first family that has it, as resvg and
 * Chromium fall back), at the nearest weight, anchored as the text was. Other text
 * (Latin, Thai, Arabic, which resvg sets right, right-to-left text above all) stays text.
 */
import * as hb from 'harfbuzzjs'
import { fontFamilies, type Brand, type WebFontFace } from '../../brand/brand.ts'

/** Letters whose shaping reorders or stacks glyphs: the Indic blocks, Myanmar, Khmer (and their extensions). */
const reordering = /[\u0900-\u0dff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]/u

/** Right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko and the presentation forms. */
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Spaces and punctuation: they go with the face of the letters before them, where it has them. */
const neutral = /\p{Script=Common}/u
/** Marks and joiners: they go with the letters before them, whatever face has them. */
const attached = /\p{Script=Inherited}/u

interface Face {
  font: hb.Font
  unitsPerEm: number
}

export interface LabelShaper {
  /** `svg` with its text in those scripts as outlines; the same `svg` when it has none. */
  outline(svg: string): string
}

/** The shaper of `brand`'s faces (each opened when a label first needs it); a session keeps one per brand. */
export function labelShaper(brand: Brand): LabelShaper {
  const body = brand.tokens.fonts.body.family
  const opened = new Map<Uint8Array | string, Face>()
  const open = (key: Uint8Array | string, bytes: () => Uint8Array): Face => {
    let face = opened.get(key)
    if (!face) {
      const data = bytes()
      const hbFace = new hb.Face(new hb.Blob(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer))
      opened.set(key, (face = { font: new hb.Font(hbFace), unitsPerEm: hbFace.upem }))
    }
    return face
  }
  const nearest = <Candidate extends { weight: number }>(candidates: readonly Candidate[], weight: number) => [...candidates].sort((a, b) => Math.abs(a.weight - weight) - Math.abs(b.weight - weight) || b.weight - a.weight)[0]
  /** The face that draws `code` at `weight`: the first family of the stack that has it. */
  const faceFor = (order: readonly string[], code: number, weight: number): Face | undefined => {
    for (const family of order) {
      if (family === body) {
        const candidates = brand.fonts.filter((font) => font.style === 'normal')
        const font = nearest(candidates, weight)
        if (font && open(font.data, () => font.data).font.nominalGlyph(code) !== undefined) return open(font.data, () => font.data)
        continue
      }
      const candidates = brand.webFonts.filter((font: WebFontFace) => font.family === family && font.style === 'normal' && font.characters.has(code))
      const font = nearest(candidates, weight)
      if (font) return open(font.woff, () => font.trueType)
    }
    return undefined
  }

  const outlineText = (attributes: string, content: string, order: readonly string[], rootSize: number): string | undefined => {
    const text = content.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (whole, hex?: string, decimal?: string, name?: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : (entities[name ?? ''] ?? whole),
    )
    // Right-to-left text, which resvg sets right, and text placed by a transform of its own stay text.
    if (!reordering.test(text) || rightToLeft.test(text) || /\stransform=/.test(attributes)) return undefined
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1]
    const size = Number(attribute('font-size') ?? rootSize)
    const weight = Number(attribute('font-weight') ?? 400) || 400
    // Runs of one face.
    const runs: Array<{ face: Face | undefined; text: string }> = []
    for (const character of text) {
      const last = runs.at(-1)
      const code = character.codePointAt(0) as number
      const keeps = last?.face && (attached.test(character) || (neutral.test(character) && last.face.font.nominalGlyph(code) !== undefined))
      const face = keeps ? last.face : faceFor(order, code, weight)
      if (last && last.face === face) last.text += character
      else runs.push({ face, text: character })
    }
    // A character no shipped face has: resvg draws what it can, as before.
    if (runs.some((run) => !run.face)) return undefined
    const glyphs: string[] = []
    // The pen, in user units (each face has its own units per em).
    let pen = 0
    for (const run of runs) {
      const { font, unitsPerEm } = run.face as Face
      const scale = size / unitsPerEm
      const buffer = new hb.Buffer()
      buffer.addText(run.text)
      buffer.guessSegmentProperties()
      hb.shape(font, buffer)
      const positions = buffer.getGlyphPositions()
      for (const [index, info] of buffer.getGlyphInfos().entries()) {
        const position = positions[index] as { xAdvance: number; xOffset: number; yOffset: number }
        const d = font.glyphToPath(info.codepoint)
        if (d) glyphs.push(`<path transform="translate(${round(pen + position.xOffset * scale)} ${round(-position.yOffset * scale)}) scale(${round(scale, 6)} ${round(-scale, 6)})" d="${d}"/>`)
        pen += position.xAdvance * scale
      }
    }
    const anchor = attribute('text-anchor') ?? 'start'
    const shift = anchor === 'middle' ? -pen / 2 : anchor === 'end' ? -pen : 0
    // What paints the text (fill, opacity, data- attributes) stays on the group; where and in what face it stood goes into the outlines.
    const kept = attributes.replace(/\s(?:x|y|text-anchor|font-size|font-weight|font-style|font-family)="[^"]*"/g, '')
    return `<g${kept} transform="translate(${round(Number(attribute('x') ?? 0) + shift)} ${round(Number(attribute('y') ?? 0))})">${glyphs.join('')}</g>`
  }

  return {
    outline(svg) {
      if (!reordering.test(svg)) return svg
      const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
      const rootSize = Number(/\sfont-size="([\d.]+)"/.exec(root)?.[1] ?? 16)
      // The families in the order the map names them (its language's first), as resvg falls back.
      const stack = (/\sfont-family="([^"]*)"/.exec(root)?.[1] ?? '').replace(/&#39;|&apos;|'/g, '').split(',').map((family) => family.trim()).filter(Boolean)
      const order = stack.length > 0 ? stack : fontFamilies(brand.tokens).body
      return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (whole, attributes: string, content: string) => outlineText(attributes, content, order, rootSize) ?? whole)
    },
  }
}

/**
 * The advance of `text` shaped by HarfBuzz in `font` (TrueType), in ems: for text fontkit
 * cannot shape (its GPOS reading fails on Noto Sans Khmer's ភ្នំពេញ, Phnom Penh).
 */
export function harfBuzzWidth(font: Uint8Array, text: string): number {
  const face = new hb.Face(new hb.Blob(font.buffer.slice(font.byteOffset, font.byteOffset + font.byteLength) as ArrayBuffer))
  const shaper = new hb.Font(face)
  const buffer = new hb.Buffer()
  buffer.addText(text)
  buffer.guessSegmentProperties()
  hb.shape(shaper, buffer)
  return buffer.getGlyphPositions().reduce((sum, position) => sum + position.xAdvance, 0) / face.upem
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits
