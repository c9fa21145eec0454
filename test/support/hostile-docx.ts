/**
 * Reviewed DOCX files made in the test, without a build: the paragraphs of a document as
 * the current content gives them (assembled in memory), written as WordprocessingML with
 * the review record, and zips crafted byte by byte, so that a test can declare sizes,
 * CRCs and entry counts that lie. Everything here is invented for the tests.
 */
import { deflateRawSync, crc32 } from 'node:zlib'
import { strToU8, zipSync } from 'fflate'
import { assembleDocuments } from '../../src/assemble/index.ts'
import { createEvent } from '../../src/content/event.ts'
import { loadContent } from '../../src/content/load.ts'
import { paragraphHash, reviewProperties } from '../../src/render/docx/review-record.ts'
import { sourceParagraphs } from '../../src/review/source-text.ts'

export const wordNamespace = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

export const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A run of text, `w:` by default. */
export const run = (text: string, prefix = 'w') => `<${prefix}:r><${prefix}:t xml:space="preserve">${escapeXml(text)}</${prefix}:t></${prefix}:r>`
export const inserted = (text: string, author = 'Reviewer A', prefix = 'w') =>
  `<${prefix}:ins ${prefix}:id="1" ${prefix}:author="${escapeXml(author)}" ${prefix}:date="2026-11-30T10:00:00Z">${run(text, prefix)}</${prefix}:ins>`

export function documentXml(paragraphs: readonly string[], prefix = 'w', declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'): string {
  const p = (inner: string) => `<${prefix}:p>${inner}</${prefix}:p>`
  return `${declaration}<${prefix}:document xmlns:${prefix}="${wordNamespace}"><${prefix}:body>${paragraphs.map(p).join('')}</${prefix}:body></${prefix}:document>`
}

export function customXml(properties: Record<string, string>): string {
  const entries = Object.entries(properties)
    .map(([name, value], index) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${index + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${entries}</Properties>`
}

export interface TinyReport {
  id: string
  /** The report's paragraphs as the review compares them. */
  texts: string[]
  /** Which document, and the hashes of its paragraphs. */
  properties: Record<string, string>
}

/** The report of the content in `sourceDir`, as the review will compare a DOCX with it. */
export async function tinyReport(sourceDir: string): Promise<TinyReport> {
  const content = await loadContent(sourceDir)
  const [document] = await assembleDocuments(createEvent(content), { mode: 'draft', report: true, briefs: [] })
  if (!document) throw new Error('the tiny event gives no report')
  const texts = sourceParagraphs(document, content).map((paragraph) => paragraph.text)
  const hashes = texts.map(paragraphHash)
  const properties: Record<string, string> = { [reviewProperties.document]: document.outputPath, [reviewProperties.kind]: 'report' }
  for (let start = 0, part = 1; start < hashes.length; start += 20, part++) properties[`${reviewProperties.paragraphs}.${part}`] = hashes.slice(start, start + 20).join(' ')
  return { id: document.outputPath, texts, properties }
}

/** A DOCX package of these parts (strings as UTF-8). */
export function docx(parts: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, typeof value === 'string' ? strToU8(value) : value])))
}

/** The report with each paragraph as one run, but where `edit` gives the inner XML of paragraph `index`. */
export function reviewedReport(report: TinyReport, edit: (text: string, index: number) => string | undefined = () => undefined, extra: string[] = []): Uint8Array {
  const paragraphs = report.texts.map((text, index) => edit(text, index) ?? run(text))
  return docx({ 'word/document.xml': documentXml([...paragraphs, ...extra]), 'docProps/custom.xml': customXml(report.properties) })
}

export interface CraftedEntry {
  name: string
  /** The bytes stored (deflated already when `method` is 8). */
  data: Uint8Array
  method?: 0 | 8
  /** What the directory declares; the real values unless given. */
  size?: number
  crc?: number
  /** Declares sizes and offset through a zip64 extra field. */
  zip64?: boolean
  /** Points the directory record at another entry's local header (by index). */
  sameDataAs?: number
}

/** A deflated entry of `text`, with its true size and CRC unless overridden. */
export function deflated(name: string, content: string | Uint8Array, declared: Partial<Pick<CraftedEntry, 'size' | 'crc' | 'zip64'>> = {}): CraftedEntry {
  const bytes = typeof content === 'string' ? strToU8(content) : content
  return { name, data: deflateRawSync(bytes), method: 8, size: declared.size ?? bytes.length, crc: declared.crc ?? crc32(bytes), zip64: declared.zip64 }
}

/** A zip package written byte by byte, its directory saying what `entries` declare. */
export function craftZip(entries: readonly CraftedEntry[], options: { declaredCount?: number } = {}): Uint8Array {
  const chunks: Uint8Array[] = []
  let offset = 0
  const offsets: number[] = []
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes)
    offset += bytes.length
  }
  for (const entry of entries) {
    offsets.push(offset)
    if (entry.sameDataAs !== undefined) continue
    const name = strToU8(entry.name)
    const header = new DataView(new ArrayBuffer(30))
    header.setUint32(0, 0x04034b50, true)
    header.setUint16(4, 20, true)
    header.setUint16(8, entry.method ?? 8, true)
    header.setUint32(14, entry.crc ?? 0, true)
    header.setUint32(18, entry.data.length, true)
    header.setUint32(22, Math.min(entry.size ?? entry.data.length, 0xffffffff), true)
    header.setUint16(26, name.length, true)
    push(new Uint8Array(header.buffer))
    push(name)
    push(entry.data)
  }
  const directoryOffset = offset
  entries.forEach((entry, index) => {
    const name = strToU8(entry.name)
    const extra = entry.zip64 ? new DataView(new ArrayBuffer(4 + 24)) : undefined
    if (extra) {
      extra.setUint16(0, 0x0001, true)
      extra.setUint16(2, 24, true)
      extra.setBigUint64(4, BigInt(entry.size ?? entry.data.length), true)
      extra.setBigUint64(12, BigInt(entry.data.length), true)
      extra.setBigUint64(20, BigInt(offsets[entry.sameDataAs ?? index] as number), true)
    }
    const record = new DataView(new ArrayBuffer(46))
    record.setUint32(0, 0x02014b50, true)
    record.setUint16(4, 20, true)
    record.setUint16(6, 20, true)
    record.setUint16(10, entry.method ?? 8, true)
    record.setUint32(16, entry.crc ?? 0, true)
    const source = entry.sameDataAs !== undefined ? (entries[entry.sameDataAs] as CraftedEntry) : entry
    record.setUint32(20, entry.zip64 ? 0xffffffff : source.data.length, true)
    record.setUint32(24, entry.zip64 ? 0xffffffff : (entry.size ?? entry.data.length), true)
    record.setUint16(28, name.length, true)
    record.setUint16(30, extra ? extra.byteLength : 0, true)
    record.setUint32(42, entry.zip64 ? 0xffffffff : (offsets[entry.sameDataAs ?? index] as number), true)
    push(new Uint8Array(record.buffer))
    push(name)
    if (extra) push(new Uint8Array(extra.buffer))
  })
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  const count = Math.min(options.declaredCount ?? entries.length, 0xffff)
  end.setUint16(8, count, true)
  end.setUint16(10, count, true)
  end.setUint32(12, offset - directoryOffset, true)
  end.setUint32(16, directoryOffset, true)
  push(new Uint8Array(end.buffer))
  const bytes = new Uint8Array(offset)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return bytes
}
