/**
 * Widths of label text, read from the brand's own TrueType files, so that label placement
 * avoids collisions with the glyphs the reader will actually see (no font library is a
 * dependency; the advance widths in `hmtx` are all placement needs).
 */
import type { Brand } from '../../brand/brand.ts'

export interface TextMeasure {
  /** Width of `text` at `size` user units, in the given weight. */
  width(text: string, size: number, weight?: number, italic?: boolean): number
}

interface FontWidths {
  unitsPerEm: number
  advance(codePoint: number): number
}

function readFont(data: Uint8Array): FontWidths {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const tables = new Map<string, number>()
  const numTables = view.getUint16(4)
  for (let index = 0; index < numTables; index++) {
    const record = 12 + index * 16
    const tag = String.fromCharCode(...data.subarray(record, record + 4))
    tables.set(tag, view.getUint32(record + 8))
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag)
    if (offset === undefined) throw new Error(`Internal error: font has no "${tag}" table`)
    return offset
  }
  const unitsPerEm = view.getUint16(table('head') + 18)
  const numberOfHMetrics = view.getUint16(table('hhea') + 34)
  const hmtx = table('hmtx')
  const advanceOfGlyph = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1))

  // cmap: the Unicode BMP subtable in format 4 (every font the brand ships has one).
  const cmap = table('cmap')
  let subtable: number | undefined
  for (let index = 0; index < view.getUint16(cmap + 2); index++) {
    const record = cmap + 4 + index * 8
    const platform = view.getUint16(record)
    const encoding = view.getUint16(record + 2)
    const offset = cmap + view.getUint32(record + 4)
    if (view.getUint16(offset) === 4 && (platform === 3 && encoding === 1 || platform === 0)) subtable = offset
  }
  if (subtable === undefined) throw new Error('Internal error: font has no format 4 cmap')
  const segments = view.getUint16(subtable + 6) / 2
  const ends = subtable + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  const glyphOf = (codePoint: number): number => {
    for (let segment = 0; segment < segments; segment++) {
      if (codePoint > view.getUint16(ends + segment * 2)) continue
      const start = view.getUint16(starts + segment * 2)
      if (codePoint < start) return 0
      const delta = view.getInt16(deltas + segment * 2)
      const rangeOffset = view.getUint16(rangeOffsets + segment * 2)
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff
      const glyph = view.getUint16(rangeOffsets + segment * 2 + rangeOffset + (codePoint - start) * 2)
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff
    }
    return 0
  }
  const cache = new Map<number, number>()
  return {
    unitsPerEm,
    advance(codePoint) {
      let width = cache.get(codePoint)
      if (width === undefined) {
        width = codePoint > 0xffff ? unitsPerEm / 2 : advanceOfGlyph(glyphOf(codePoint))
        cache.set(codePoint, width)
      }
      return width
    },
  }
}

const measures = new WeakMap<Brand, TextMeasure>()

export function textMeasure(brand: Brand): TextMeasure {
  const known = measures.get(brand)
  if (known) return known
  const fonts = brand.fonts.map((face) => ({ face, widths: readFont(face.data) }))
  const pick = (weight: number, italic: boolean) => {
    const style = italic ? 'italic' : 'normal'
    const candidates = fonts.some((font) => font.face.style === style) ? fonts.filter((font) => font.face.style === style) : fonts
    return [...candidates].sort((a, b) => Math.abs(a.face.weight - weight) - Math.abs(b.face.weight - weight))[0]
  }
  const measure: TextMeasure = {
    width(text, size, weight = 400, italic = false) {
      const font = pick(weight, italic)
      if (!font) throw new Error('Internal error: the brand has no fonts')
      let units = 0
      for (const character of text) units += font.widths.advance(character.codePointAt(0) ?? 32)
      return (units / font.widths.unitsPerEm) * size
    },
  }
  measures.set(brand, measure)
  return measure
}
