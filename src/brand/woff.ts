/**
 * WOFF 1.0 to TrueType (W3C WOFF File Format 1.0). The fallback fonts ship only as web
 * fonts; resvg and fontconfig want TrueType files, and a WOFF is a TrueType font whose
 * tables are zlib-compressed one by one, so unpacking it gives back the font unchanged.
 */
import { inflateSync } from 'node:zlib'

interface Table {
  tag: number
  checksum: number
  data: Uint8Array
}

export function woffToTrueType(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength)
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646) throw new Error('Internal error: not a WOFF 1.0 font (no wOFF signature)')
  const flavor = view.getUint32(4)
  const count = view.getUint16(12)
  const tables: Table[] = []
  for (let index = 0; index < count; index++) {
    const entry = 44 + index * 20
    const tag = view.getUint32(entry)
    const offset = view.getUint32(entry + 4)
    const compressedLength = view.getUint32(entry + 8)
    const length = view.getUint32(entry + 12)
    const checksum = view.getUint32(entry + 16)
    const stored = woff.subarray(offset, offset + compressedLength)
    const data = compressedLength < length ? new Uint8Array(inflateSync(stored)) : stored
    if (data.byteLength !== length) throw new Error('Internal error: a WOFF table unpacked to the wrong length')
    tables.push({ tag, checksum, data })
  }
  // The sfnt table directory: sorted by tag, with the binary-search fields the spec asks for.
  tables.sort((a, b) => a.tag - b.tag)
  const power = 2 ** Math.floor(Math.log2(count))
  const headerLength = 12 + count * 16
  const total = tables.reduce((sum, table) => sum + align4(table.data.byteLength), headerLength)
  const output = new Uint8Array(total)
  const out = new DataView(output.buffer)
  out.setUint32(0, flavor)
  out.setUint16(4, count)
  out.setUint16(6, power * 16)
  out.setUint16(8, Math.log2(power))
  out.setUint16(10, count * 16 - power * 16)
  let offset = headerLength
  tables.forEach((table, index) => {
    const record = 12 + index * 16
    out.setUint32(record, table.tag)
    out.setUint32(record + 4, table.checksum)
    out.setUint32(record + 8, offset)
    out.setUint32(record + 12, table.data.byteLength)
    output.set(table.data, offset)
    offset += align4(table.data.byteLength)
  })
  return output
}

function align4(length: number): number {
  return (length + 3) & ~3
}

/** The characters a TrueType font maps to glyphs (its `cmap` table, formats 4 and 12). */
export function characterSet(trueType: Uint8Array): Set<number> {
  const view = new DataView(trueType.buffer, trueType.byteOffset, trueType.byteLength)
  const result = new Set<number>()
  let cmap = -1
  for (let index = 0; index < view.getUint16(4); index++) if (view.getUint32(12 + index * 16) === 0x636d6170) cmap = view.getUint32(12 + index * 16 + 8)
  if (cmap < 0) return result
  for (let index = 0; index < view.getUint16(cmap + 2); index++) {
    const table = cmap + view.getUint32(cmap + 4 + index * 8 + 4)
    const format = view.getUint16(table)
    if (format === 4) {
      const segments = view.getUint16(table + 6) / 2
      const ends = table + 14
      const starts = ends + segments * 2 + 2
      const deltas = starts + segments * 2
      const rangeOffsets = deltas + segments * 2
      for (let segment = 0; segment < segments; segment++) {
        const end = view.getUint16(ends + segment * 2)
        const start = view.getUint16(starts + segment * 2)
        const delta = view.getUint16(deltas + segment * 2)
        const rangeOffset = view.getUint16(rangeOffsets + segment * 2)
        for (let code = start; code <= end && code !== 0xffff; code++) {
          const glyph = rangeOffset === 0 ? (code + delta) & 0xffff : view.getUint16(rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2)
          if (glyph !== 0) result.add(code)
        }
      }
    } else if (format === 12) {
      for (let group = 0; group < view.getUint32(table + 12); group++) {
        const start = view.getUint32(table + 16 + group * 12)
        const end = view.getUint32(table + 16 + group * 12 + 4)
        for (let code = start; code <= end; code++) result.add(code)
      }
    }
  }
  return result
}
