/**
 * One TrueType font from slices of the same font: Noto Sans JP ships in a hundred slices
 * (each a few hundred characters), and a Word package can embed only one font under a
 * name, so the DOCX embeds the slices its text needs joined into one.
 *
 * The slices are cut from one font, so they share its metrics, names and hinting: those
 * tables come from the first. Glyph outlines, advances and the character map are
 * gathered from all (a composite glyph's parts renumbered); the layout tables (GSUB, GPOS,
 * vertical metrics), which refer to each slice's own glyph numbers, are left out, which
 * costs CJK text nothing in horizontal lines: its glyphs take no contextual forms there.
 */

interface Parsed {
  tables: Map<string, Uint8Array>
  glyphCount: number
  glyph: (id: number) => Uint8Array
  advance: (id: number) => { width: number; bearing: number }
  characters: Map<number, number>
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

function parse(font: Uint8Array): Parsed {
  const data = view(font)
  const tables = new Map<string, Uint8Array>()
  for (let index = 0; index < data.getUint16(4); index++) {
    const record = 12 + index * 16
    const tag = String.fromCharCode(...font.subarray(record, record + 4))
    tables.set(tag, font.subarray(data.getUint32(record + 8), data.getUint32(record + 8) + data.getUint32(record + 12)))
  }
  const table = (tag: string) => {
    const found = tables.get(tag)
    if (!found) throw new Error(`Internal error: a font slice has no ${tag} table`)
    return found
  }
  const head = view(table('head'))
  const glyphCount = view(table('maxp')).getUint16(4)
  const loca = view(table('loca'))
  const long = head.getInt16(50) === 1
  const offset = (id: number) => (long ? loca.getUint32(id * 4) : loca.getUint16(id * 2) * 2)
  const glyf = table('glyf')
  const metrics = view(table('hmtx'))
  const longMetrics = view(table('hhea')).getUint16(34)
  return {
    tables,
    glyphCount,
    glyph: (id) => glyf.subarray(offset(id), offset(id + 1)),
    advance: (id) =>
      id < longMetrics
        ? { width: metrics.getUint16(id * 4), bearing: metrics.getInt16(id * 4 + 2) }
        : { width: metrics.getUint16((longMetrics - 1) * 4), bearing: metrics.getInt16(longMetrics * 4 + (id - longMetrics) * 2) },
    characters: characterMap(table('cmap')),
  }
}

/** The Unicode character map (format 4 or 12 of the Windows or Unicode platform): character to glyph. */
function characterMap(cmap: Uint8Array): Map<number, number> {
  const data = view(cmap)
  const result = new Map<number, number>()
  const subtables = Array.from({ length: data.getUint16(2) }, (_, index) => ({ platform: data.getUint16(4 + index * 8), encoding: data.getUint16(6 + index * 8), offset: data.getUint32(8 + index * 8) }))
  const unicode = subtables.filter((subtable) => subtable.platform === 0 || (subtable.platform === 3 && (subtable.encoding === 1 || subtable.encoding === 10)))
  const chosen = unicode.find((subtable) => data.getUint16(subtable.offset) === 12) ?? unicode.find((subtable) => data.getUint16(subtable.offset) === 4)
  if (!chosen) return result
  const table = chosen.offset
  if (data.getUint16(table) === 12) {
    for (let group = 0; group < data.getUint32(table + 12); group++) {
      const start = data.getUint32(table + 16 + group * 12)
      const end = data.getUint32(table + 20 + group * 12)
      const glyph = data.getUint32(table + 24 + group * 12)
      for (let code = start; code <= end; code++) result.set(code, glyph + code - start)
    }
    return result
  }
  const segments = data.getUint16(table + 6) / 2
  const ends = table + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  for (let segment = 0; segment < segments; segment++) {
    const start = data.getUint16(starts + segment * 2)
    const end = data.getUint16(ends + segment * 2)
    const delta = data.getUint16(deltas + segment * 2)
    const rangeOffset = data.getUint16(rangeOffsets + segment * 2)
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph = rangeOffset === 0 ? (code + delta) & 0xffff : data.getUint16(rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2)
      if (rangeOffset !== 0 && glyph !== 0) glyph = (glyph + delta) & 0xffff
      if (glyph !== 0) result.set(code, glyph)
    }
  }
  return result
}

/** A composite glyph with its parts' glyph numbers passed through `renumber` (a simple glyph as it is). */
function renumbered(glyph: Uint8Array, renumber: (id: number) => number): Uint8Array {
  if (glyph.length < 10 || view(glyph).getInt16(0) >= 0) return glyph
  const copy = new Uint8Array(glyph)
  const data = view(copy)
  let at = 10
  for (;;) {
    const flags = data.getUint16(at)
    data.setUint16(at + 2, renumber(data.getUint16(at + 2)))
    at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0)
    if (!(flags & 0x0020)) return copy
  }
}

/** The slices (TrueType, cut from one font) as one font with every glyph and character of each. */
export function mergeTrueTypeSlices(slices: readonly Uint8Array[]): Uint8Array {
  const [first, ...rest] = slices
  if (!first) throw new Error('Internal error: no font slices to merge')
  if (rest.length === 0) return first
  const fonts = slices.map(parse)
  const base = fonts[0] as Parsed
  // Every glyph of the first slice (its .notdef first), then each other slice's but its .notdef.
  const glyphs: Uint8Array[] = []
  const advances: Array<{ width: number; bearing: number }> = []
  const characters = new Map<number, number>()
  for (const [index, font] of fonts.entries()) {
    const start = glyphs.length
    const renumber = (id: number) => (index === 0 ? id : id === 0 ? 0 : start + id - 1)
    for (let id = index === 0 ? 0 : 1; id < font.glyphCount; id++) {
      glyphs.push(renumbered(font.glyph(id), renumber))
      advances.push(font.advance(id))
    }
    for (const [code, id] of font.characters) if (!characters.has(code) && id !== 0) characters.set(code, renumber(id))
  }

  const padded = (length: number) => (length + 3) & ~3
  const glyf = new Uint8Array(glyphs.reduce((sum, glyph) => sum + padded(glyph.length), 0))
  const loca = new Uint8Array((glyphs.length + 1) * 4)
  let at = 0
  for (const [id, glyph] of glyphs.entries()) {
    view(loca).setUint32(id * 4, at)
    glyf.set(glyph, at)
    at += padded(glyph.length)
  }
  view(loca).setUint32(glyphs.length * 4, at)
  const hmtx = new Uint8Array(advances.length * 4)
  for (const [id, { width, bearing }] of advances.entries()) {
    view(hmtx).setUint16(id * 4, width)
    view(hmtx).setInt16(id * 4 + 2, bearing)
  }

  const copyOf = (tag: string) => new Uint8Array(base.tables.get(tag) as Uint8Array)
  const each = (tag: string, offset: number, read: 'getInt16' | 'getUint16') => fonts.map((font) => view(font.tables.get(tag) as Uint8Array)[read](offset))
  const head = copyOf('head')
  view(head).setUint32(8, 0)
  view(head).setInt16(50, 1)
  view(head).setInt16(36, Math.min(...each('head', 36, 'getInt16')))
  view(head).setInt16(38, Math.min(...each('head', 38, 'getInt16')))
  view(head).setInt16(40, Math.max(...each('head', 40, 'getInt16')))
  view(head).setInt16(42, Math.max(...each('head', 42, 'getInt16')))
  const hhea = copyOf('hhea')
  view(hhea).setUint16(10, Math.max(...advances.map((advance) => advance.width)))
  view(hhea).setInt16(12, Math.min(...each('hhea', 12, 'getInt16')))
  view(hhea).setInt16(14, Math.min(...each('hhea', 14, 'getInt16')))
  view(hhea).setInt16(16, Math.max(...each('hhea', 16, 'getInt16')))
  view(hhea).setUint16(34, advances.length)
  const maxp = copyOf('maxp')
  view(maxp).setUint16(4, glyphs.length)
  // Version 1.0: the limits a rasteriser allocates by, each the largest of the slices'.
  if (maxp.length >= 32) for (let offset = 6; offset < 32; offset += 2) view(maxp).setUint16(offset, Math.max(...each('maxp', offset, 'getUint16')))
  const post = copyOf('post').slice(0, 32)
  view(post).setUint32(0, 0x00030000)

  const tables = new Map<string, Uint8Array>([['cmap', characterTable(characters)], ['glyf', glyf], ['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', loca], ['maxp', maxp], ['post', post]])
  for (const tag of ['OS/2', 'name', 'gasp', 'cvt ', 'fpgm', 'prep']) if (base.tables.has(tag)) tables.set(tag, copyOf(tag))
  return assemble(tables)
}

/** A `cmap` with a format 4 subtable for the Basic Multilingual Plane (3, 1) and a format 12 for all (3, 10). */
function characterTable(characters: Map<number, number>): Uint8Array {
  const codes = [...characters.keys()].sort((a, b) => a - b)
  // Runs of consecutive characters on consecutive glyphs.
  const runs: Array<{ start: number; end: number; glyph: number }> = []
  for (const code of codes) {
    const glyph = characters.get(code) as number
    const last = runs.at(-1)
    if (last && code === last.end + 1 && glyph === last.glyph + code - last.start) last.end = code
    else runs.push({ start: code, end: code, glyph })
  }
  const basic = runs.filter((run) => run.end < 0xffff)
  const segments = [...basic, { start: 0xffff, end: 0xffff, glyph: 0 }]
  const format4 = new Uint8Array(16 + segments.length * 8)
  const four = view(format4)
  const count = segments.length
  const power = 2 ** Math.floor(Math.log2(count))
  four.setUint16(0, 4)
  four.setUint16(2, format4.length)
  four.setUint16(6, count * 2)
  four.setUint16(8, power * 2)
  four.setUint16(10, Math.log2(power))
  four.setUint16(12, count * 2 - power * 2)
  for (const [index, segment] of segments.entries()) {
    four.setUint16(14 + index * 2, segment.end)
    four.setUint16(16 + count * 2 + index * 2, segment.start)
    four.setUint16(16 + count * 4 + index * 2, (segment.glyph - segment.start) & 0xffff)
    four.setUint16(16 + count * 6 + index * 2, 0)
  }
  const format12 = new Uint8Array(16 + runs.length * 12)
  const twelve = view(format12)
  twelve.setUint16(0, 12)
  twelve.setUint32(4, format12.length)
  twelve.setUint32(12, runs.length)
  for (const [index, run] of runs.entries()) {
    twelve.setUint32(16 + index * 12, run.start)
    twelve.setUint32(20 + index * 12, run.end)
    twelve.setUint32(24 + index * 12, run.glyph)
  }
  // A format 4 table past 64 KB cannot be written (8,000 runs of characters): the format 12 alone then.
  const subtables = format4.length < 0x10000 ? [[1, format4], [10, format12]] as const : [[10, format12]] as const
  const header = new Uint8Array(4 + subtables.length * 8)
  const records = view(header)
  records.setUint16(2, subtables.length)
  let at = header.length
  for (const [index, [encoding, table]] of subtables.entries()) {
    records.setUint16(4 + index * 8, 3)
    records.setUint16(6 + index * 8, encoding)
    records.setUint32(8 + index * 8, at)
    at += table.length
  }
  const result = new Uint8Array(at)
  result.set(header, 0)
  at = header.length
  for (const [, table] of subtables) {
    result.set(table, at)
    at += table.length
  }
  return result
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3)
  padded.set(bytes)
  const data = view(padded)
  let sum = 0
  for (let at = 0; at < padded.length; at += 4) sum = (sum + data.getUint32(at)) >>> 0
  return sum
}

/** The font file: the table directory (tags in order) and each table on a four-byte boundary, `head`'s checksum adjustment set. */
function assemble(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort()
  const directory = 12 + tags.length * 16
  const size = directory + tags.reduce((sum, tag) => sum + (((tables.get(tag) as Uint8Array).length + 3) & ~3), 0)
  const font = new Uint8Array(size)
  const data = view(font)
  const power = 2 ** Math.floor(Math.log2(tags.length))
  data.setUint32(0, 0x00010000)
  data.setUint16(4, tags.length)
  data.setUint16(6, power * 16)
  data.setUint16(8, Math.log2(power))
  data.setUint16(10, tags.length * 16 - power * 16)
  let at = directory
  let headAt = 0
  for (const [index, tag] of tags.entries()) {
    const table = tables.get(tag) as Uint8Array
    for (let letter = 0; letter < 4; letter++) data.setUint8(12 + index * 16 + letter, tag.charCodeAt(letter))
    data.setUint32(12 + index * 16 + 4, checksum(table))
    data.setUint32(12 + index * 16 + 8, at)
    data.setUint32(12 + index * 16 + 12, table.length)
    font.set(table, at)
    if (tag === 'head') headAt = at
    at += (table.length + 3) & ~3
  }
  data.setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0)
  return font
}
