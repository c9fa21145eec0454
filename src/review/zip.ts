/**
 * Reads named parts of a zip package that came from outside (a reviewed DOCX), within
 * fixed limits. Only the central directory and the parts asked for are read, by position:
 * a package of 60,000 entries, or one whose other entries are huge, costs no more than its
 * directory. Each part is inflated with a ceiling on its output (its declared size, which
 * must itself be under the limit), so a bomb stops at the first chunk past it, and its
 * size and CRC-32 must be what the directory says. Zip64 sizes are read (and are then far
 * over the limits); encrypted parts, other compression methods and a part named twice are
 * refused.
 *
 * Node's own zlib does the inflating: `maxOutputLength` ends the stream as soon as it is
 * passed, and `crc32` checks the result. fflate's `unzipSync` (used to write packages)
 * inflates every entry to whatever size it declares and checks neither size nor CRC.
 */
import { crc32, inflateRawSync } from 'node:zlib'

export const zipLimits = {
  /** Entries in the package's directory (a DOCX of the report has about 30). */
  entries: 10_000,
  /** The directory itself. */
  directoryBytes: 4 * 1024 * 1024,
  /** One part, inflated (the report's document.xml is about 1 MB). */
  partBytes: 32 * 1024 * 1024,
  /** All the parts read, inflated. */
  totalBytes: 64 * 1024 * 1024,
} as const

/** Reads `length` bytes at `position` (fewer only at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Uint8Array>

export class ZipRefused extends Error {
  /** Which limit, when the package is refused for its size rather than its form. */
  readonly limit: keyof typeof zipLimits | undefined
  constructor(message: string, limit?: keyof typeof zipLimits) {
    super(message)
    this.name = 'ZipRefused'
    this.limit = limit
  }
}

interface Entry {
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** A 64-bit little-endian value, refused when it is beyond what a Number holds exactly. */
function uint64(data: DataView, offset: number): number {
  const value = data.getBigUint64(offset, true)
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value)
}

/** The directory of a package of `fileSize` bytes: every entry's name, sizes and place. */
async function readDirectory(readAt: ReadAt, fileSize: number): Promise<Entry[]> {
  const tailLength = Math.min(fileSize, 22 + 0xffff)
  const tail = await readAt(fileSize - tailLength, tailLength)
  const tailView = view(tail)
  let end = -1
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tailView.getUint32(at, true) === 0x06054b50 && at + 22 + tailView.getUint16(at + 20, true) <= tail.length) {
      end = at
      break
    }
  }
  if (end < 0) throw new ZipRefused('it does not open as a zip package')
  let count = tailView.getUint16(end + 10, true)
  let directorySize = tailView.getUint32(end + 12, true)
  let directoryOffset = tailView.getUint32(end + 16, true)
  if (tailView.getUint16(end + 4, true) !== 0 || tailView.getUint16(end + 6, true) !== 0) throw new ZipRefused('it is a zip package split over several files')
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // Zip64: the locator sits right before the end record and points at the zip64 end record.
    const locator = end - 20
    if (locator < 0 || tailView.getUint32(locator, true) !== 0x07064b50) throw new ZipRefused('it does not open as a zip package (its zip64 record is missing)')
    const recordOffset = uint64(tailView, locator + 8)
    if (!(recordOffset + 56 <= fileSize)) throw new ZipRefused('it does not open as a zip package (its zip64 record is outside the file)')
    const record = view(await readAt(recordOffset, 56))
    if (record.byteLength < 56 || record.getUint32(0, true) !== 0x06064b50) throw new ZipRefused('it does not open as a zip package (its zip64 record is damaged)')
    count = uint64(record, 32)
    directorySize = uint64(record, 40)
    directoryOffset = uint64(record, 48)
  }
  if (count > zipLimits.entries) throw new ZipRefused(`its zip directory lists ${count} entries; a reviewed DOCX may have at most ${zipLimits.entries}`, 'entries')
  if (directorySize > zipLimits.directoryBytes) throw new ZipRefused(`its zip directory is ${mib(directorySize)}; a reviewed DOCX's may be at most ${mib(zipLimits.directoryBytes)}`, 'directoryBytes')
  if (!(directoryOffset + directorySize <= fileSize)) throw new ZipRefused('it does not open as a zip package (its directory lies outside the file)')

  const directory = await readAt(directoryOffset, directorySize)
  const data = view(directory)
  const entries: Entry[] = []
  const decoder = new TextDecoder('utf-8', { fatal: false })
  let at = 0
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || data.getUint32(at, true) !== 0x02014b50) throw new ZipRefused('it does not open as a zip package (its directory is damaged)')
    const nameLength = data.getUint16(at + 28, true)
    const extraLength = data.getUint16(at + 30, true)
    const commentLength = data.getUint16(at + 32, true)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > directory.length) throw new ZipRefused('it does not open as a zip package (its directory is damaged)')
    const entry: Entry = {
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      flags: data.getUint16(at + 8, true),
      method: data.getUint16(at + 10, true),
      crc: data.getUint32(at + 16, true),
      compressedSize: data.getUint32(at + 20, true),
      size: data.getUint32(at + 24, true),
      localOffset: data.getUint32(at + 42, true),
    }
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) readZip64Extra(entry, data, at + 46 + nameLength, extraLength)
    entries.push(entry)
    at = next
  }
  return entries
}

/** The zip64 extra field holds, in this order, each of the three values the record marks 0xFFFFFFFF. */
function readZip64Extra(entry: Entry, data: DataView, start: number, length: number): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = data.getUint16(at, true)
    const size = data.getUint16(at + 2, true)
    if (id === 0x0001) {
      let field = at + 4
      const take = () => {
        if (field + 8 > at + 4 + size) throw new ZipRefused('it does not open as a zip package (a zip64 field is damaged)')
        const value = uint64(data, field)
        field += 8
        return value
      }
      if (entry.size === 0xffffffff) entry.size = take()
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take()
      if (entry.localOffset === 0xffffffff) entry.localOffset = take()
      return
    }
    at += 4 + size
  }
  throw new ZipRefused('it does not open as a zip package (a zip64 entry has no zip64 field)')
}

/**
 * The parts `wanted` picks (by name, compared without case as the package format does),
 * inflated and checked. Parts not picked are never read.
 */
export async function readZipParts(readAt: ReadAt, fileSize: number, wanted: (name: string) => boolean): Promise<Map<string, Uint8Array>> {
  const entries = (await readDirectory(readAt, fileSize)).filter((entry) => wanted(entry.name.toLowerCase()))
  const seen = new Set<string>()
  let total = 0
  for (const entry of entries) {
    const key = entry.name.toLowerCase()
    if (seen.has(key)) throw new ZipRefused(`it holds two parts named ${entry.name}`)
    seen.add(key)
    if (entry.size > zipLimits.partBytes) throw new ZipRefused(`its part ${entry.name} inflates to ${mib(entry.size)}; one part may be at most ${mib(zipLimits.partBytes)}`, 'partBytes')
    total += entry.size
    if (total > zipLimits.totalBytes) throw new ZipRefused(`the parts review reads inflate to more than ${mib(zipLimits.totalBytes)}, the most they may`, 'totalBytes')
  }
  const parts = new Map<string, Uint8Array>()
  for (const entry of entries) parts.set(entry.name.toLowerCase(), await readPart(readAt, fileSize, entry))
  return parts
}

async function readPart(readAt: ReadAt, fileSize: number, entry: Entry): Promise<Uint8Array> {
  if (entry.flags & 0x1) throw new ZipRefused(`its part ${entry.name} is encrypted`)
  if (entry.method !== 0 && entry.method !== 8) throw new ZipRefused(`its part ${entry.name} is compressed in a way a DOCX never is (method ${entry.method})`)
  // A deflated stream is never much longer than its output; a longer one is not what it says.
  if (entry.compressedSize > entry.size + 1024 + Math.ceil(entry.size / 100)) throw new ZipRefused(`its part ${entry.name} is damaged: ${entry.compressedSize} bytes compressed for ${entry.size} inflated`)
  if (!(entry.localOffset + 30 <= fileSize)) throw new ZipRefused(`its part ${entry.name} lies outside the file`)
  const header = view(await readAt(entry.localOffset, 30))
  if (header.byteLength < 30 || header.getUint32(0, true) !== 0x04034b50) throw new ZipRefused(`its part ${entry.name} is damaged (no local header)`)
  const start = entry.localOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true)
  if (!(start + entry.compressedSize <= fileSize)) throw new ZipRefused(`its part ${entry.name} lies outside the file`)
  const compressed = await readAt(start, entry.compressedSize)
  let inflated: Uint8Array
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipRefused(`its part ${entry.name} is damaged: stored, but its two sizes differ`)
    inflated = compressed
  } else {
    try {
      // One byte over the declared size is enough to know it lies.
      inflated = inflateRawSync(compressed, { maxOutputLength: entry.size + 1 })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new ZipRefused(`its part ${entry.name} inflates to more than the ${entry.size} bytes it declares`)
      throw new ZipRefused(`its part ${entry.name} is damaged: it does not inflate (${(error as Error).message})`)
    }
  }
  if (inflated.length !== entry.size) throw new ZipRefused(`its part ${entry.name} inflates to ${inflated.length} bytes, not the ${entry.size} it declares`)
  if (crc32(inflated) >>> 0 !== entry.crc >>> 0) throw new ZipRefused(`its part ${entry.name} is damaged: its CRC-32 is not the one its directory gives`)
  return inflated
}

/** Reads from bytes in memory, as from a file. */
export function readFromBytes(bytes: Uint8Array): ReadAt {
  return async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length))
}
