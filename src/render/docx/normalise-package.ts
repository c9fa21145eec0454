/**
 * Makes the package docx writes reproducible: the same document gives the same bytes.
 * docx stamps `dcterms:created` and `dcterms:modified` with the clock, names some
 * relationships and shapes with random ids, counts bookmarks process-wide, and its zip
 * entries carry the time of writing. Here the dates become the document's own date, the
 * ids are renamed in order of appearance, and the zip is written again with a fixed time.
 * It also adds `dc:language`, which docx has no option for.
 */
import { createHash } from 'node:crypto'
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate'
import { writeReviewRecord } from './review-record.ts'

export interface PackageFacts {
  date: Date
  language: string
  /** Which document this is, recorded for `rso-docs review` with its paragraphs (see `review-record.ts`). */
  review?: { id: string; kind: string }
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** docx's random ids: nanoid's 21 characters, lower-cased, after a fixed prefix. */
const randomIds = /\b(rId|PowerPlusWaterMarkObject)([a-z0-9_-]{21})(?=")/g

export function normalisePackage(bytes: Uint8Array, facts: PackageFacts): Uint8Array {
  const entries = unzipSync(bytes)
  const names = Object.keys(entries)
  const texts = new Map<string, string>()
  for (const name of names) {
    if (/\.(xml|rels)$/.test(name)) texts.set(name, strFromU8(entries[name] as Uint8Array))
  }

  // Renamed in order of appearance over the whole package, as a relationship's id is
  // shared between a part and its .rels.
  const renamed = new Map<string, string>()
  const rename = (_whole: string, prefix: string, id: string) => {
    const key = prefix + id
    if (!renamed.has(key)) renamed.set(key, `${prefix}${prefix === 'rId' ? 'L' : ''}${renamed.size + 1}`)
    return renamed.get(key) as string
  }

  const timestamp = facts.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  for (const [name, original] of texts) {
    let xml = renumberBookmarks(original.replace(randomIds, rename))
    if (name === 'docProps/core.xml') {
      xml = xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${timestamp}$3`)
      if (!xml.includes('<dc:language>')) xml = xml.replace('</cp:coreProperties>', `<dc:language>${escapeXml(facts.language)}</dc:language></cp:coreProperties>`)
    }
    texts.set(name, xml)
  }
  rekeyEmbeddedFonts(entries, texts)
  if (facts.review) writeReviewRecord(texts, facts.review)
  for (const [name, xml] of texts) entries[name] = strToU8(xml)

  // The zip format stores a local time (from 1980 on); fflate reads the Date's local
  // fields, so build one whose local fields are the UTC ones: same bytes in every time zone.
  const date = new Date(Math.max(facts.date.getTime(), Date.UTC(1980, 0, 2)))
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds())
  // Images are compressed already: storing them saves deflating a megabyte of PNG for nothing.
  const stored = /\.(png|jpe?g)$/i
  return writeZip(names.map((name) => [name, entries[name] as Uint8Array]), mtime, (name) => (stored.test(name) ? 'store' : /\.odttf$/.test(name) ? 'deflate-once' : 'deflate'))
}

interface Deflated {
  chunks: Array<Uint8Array<ArrayBuffer>>
  crc: number
  size: number
  flag: number
}

/**
 * The embedded fonts are most of every package's bytes and the same in each (their keys come
 * from their bytes), so each is deflated once per process and its compressed bytes reused.
 */
const deflatedFonts = new Map<string, Deflated>()

type Packing = 'store' | 'deflate' | 'deflate-once'

/** Writes a zip with fflate's streaming `Zip`; entries marked 'deflate-once' reuse the compressed bytes of an earlier package. */
function writeZip(entries: Array<[string, Uint8Array]>, mtime: Date, packing: (name: string) => Packing): Uint8Array {
  const chunks: Uint8Array[] = []
  let failure: Error | undefined
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error
    else chunks.push(chunk)
  })
  for (const [name, data] of entries) {
    const how = packing(name)
    const key = how === 'deflate-once' ? `${name}\0${createHash('sha1').update(data).digest('hex')}` : ''
    const earlier = deflatedFonts.get(key)
    if (earlier) {
      const file: ZipInputFile = { filename: name, compression: 8, size: earlier.size, crc: earlier.crc, flag: earlier.flag, mtime }
      zip.add(file)
      earlier.chunks.forEach((chunk, index) => file.ondata!(null, chunk, index === earlier.chunks.length - 1))
      continue
    }
    const file = how === 'store' ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 })
    file.mtime = mtime
    zip.add(file)
    if (how === 'deflate-once') {
      const compressed: Array<Uint8Array<ArrayBuffer>> = []
      const forward = file.ondata!
      file.ondata = (error, chunk, final) => {
        if (!error) compressed.push(chunk.slice())
        forward(error, chunk, final)
      }
      file.push(data, true)
      deflatedFonts.set(key, { chunks: compressed, crc: file.crc, size: file.size, flag: (file as ZipDeflate).flag })
    } else {
      file.push(data, true)
    }
  }
  zip.end()
  if (failure) throw failure
  return Buffer.concat(chunks)
}

/**
 * Bookmark ids and the table of contents' `_Toc` bookmark names, which docx counts
 * process-wide, renumbered from 1 in order of appearance within each part.
 */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>()
  const tocNames = new Map<string, number>()
  return xml
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_whole, before: string, id: string, after: string) => {
      if (!ids.has(id)) ids.set(id, ids.size + 1)
      return `${before}${ids.get(id)}${after}`
    })
    .replace(/\b_Toc(\d+)\b/g, (_whole, number: string) => {
      if (!tocNames.has(number)) tocNames.set(number, tocNames.size + 1)
      return `_Toc${tocNames.get(number)}`
    })
}

/**
 * Embedded fonts are obfuscated with a random key (ECMA-376 part 1, 17.8.1: the first 32
 * bytes XORed with the key's bytes in reverse order). Each gets a key derived from its
 * bytes instead, and is obfuscated again with it.
 */
function rekeyEmbeddedFonts(entries: Record<string, Uint8Array>, texts: Map<string, string>): void {
  const table = texts.get('word/fontTable.xml')
  const relationships = texts.get('word/_rels/fontTable.xml.rels')
  if (!table || !relationships) return
  const targets = new Map([...relationships.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="([^"]+)"/g)].map((match) => [match[1] ?? match[4], match[2] ?? match[3]]))
  const rewritten = table.replace(/(<w:embed\w+ r:id="([^"]+)" w:fontKey=")\{([0-9A-Fa-f-]{36})\}(")/g, (whole, before: string, id: string, oldKey: string, after: string) => {
    const path = `word/${targets.get(id) ?? ''}`
    const font = entries[path]
    if (!font) return whole
    const plain = xorWithKey(font, oldKey)
    const newKey = guidFrom(createHash('sha1').update(plain).digest())
    entries[path] = xorWithKey(plain, newKey)
    return `${before}{${newKey}}${after}`
  })
  texts.set('word/fontTable.xml', rewritten)
}

function xorWithKey(font: Uint8Array, guid: string): Uint8Array {
  const key = Buffer.from(guid.replace(/-/g, ''), 'hex').reverse()
  const result = new Uint8Array(font)
  for (let index = 0; index < 32 && index < result.length; index++) result[index] = (result[index] as number) ^ (key[index % 16] as number)
  return result
}

function guidFrom(hash: Uint8Array): string {
  const hex = Buffer.from(hash.subarray(0, 16)).toString('hex').toUpperCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
