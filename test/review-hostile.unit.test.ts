/**
 * A reviewed DOCX is untrusted: the reader of `review` on hostile packages and parts made
 * here (invented, byte by byte where a zip must lie). Every bomb is refused by its
 * declared size or by the ceiling on inflating, never after inflating it; XML that is not
 * well-formed, or that declares entities, is refused with its place; any prefix and
 * UTF-16 are read; a huge paragraph costs its length.
 */
import { describe, expect, it } from 'vitest'
import { strToU8 } from 'fflate'
import { ToolError } from '../src/errors/catalogue.ts'
import { paragraphText } from '../src/review/changes.ts'
import { readReviewedDocx, reviewLimits } from '../src/review/read-docx.ts'
import { craftZip, customXml, deflated, docx, documentXml, inserted, run, type CraftedEntry } from './support/hostile-docx.ts'

const properties = customXml({ 'rso-docs.document': 'report/invented', 'rso-docs.kind': 'report' })
const customEntry = () => deflated('docProps/custom.xml', properties)
const plainDocument = documentXml([run('An invented paragraph.')])

async function refusal(bytes: Uint8Array): Promise<ToolError> {
  const error = await readReviewedDocx(bytes, 'hostile.docx').catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(ToolError)
  return error as ToolError
}

const zeros = (megabytes: number) => new Uint8Array(megabytes * 1024 * 1024)

describe('a hostile zip package', () => {
  it('refuses a part that declares more than the limit, without inflating it', async () => {
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', zeros(1), { size: 400 * 1024 * 1024 })]))
    expect(error.ruleId).toBe('review-too-large')
    expect(error.exitCode).toBe(2)
    expect(error.message).toBe('hostile.docx is refused: its part word/document.xml inflates to 400 MB; one part may be at most 32 MB')
  })

  it('refuses zip64 entries of gigabytes by their declared size', async () => {
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', plainDocument, { size: 6 * 1024 * 1024 * 1024, zip64: true })]))
    expect(error.message).toContain('inflates to 6144 MB')
  })

  it('stops inflating a part that lies about its size at the size it declares', async () => {
    // 40 MB of zeros (40 KB deflated), declared as 40,000 bytes: the ceiling stops it after a chunk, far below 40 MB.
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', zeros(40), { size: 40_000 })]))
    expect(error.ruleId).toBe('review-not-docx')
    expect(error.message).toBe('hostile.docx is not a DOCX file: its part word/document.xml inflates to more than the 40000 bytes it declares')
  })

  it('refuses a part whose CRC-32 is not the declared one', async () => {
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', plainDocument, { crc: 12345 })]))
    expect(error.message).toContain('its CRC-32 is not the one its directory gives')
  })

  it('refuses 60,000 entries by the count its directory declares', async () => {
    const junk: CraftedEntry[] = Array.from({ length: 60_000 }, (_, index) => ({ name: `junk/${index}.xml`, data: new Uint8Array(0), method: 0, crc: 0 }))
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', plainDocument), ...junk]))
    expect(error.message).toBe(`hostile.docx is refused: its zip directory lists 60002 entries; a reviewed DOCX may have at most ${reviewLimits.entries}`)
  })

  it('refuses directory records that share one stream, by the total they declare', async () => {
    const shared = deflated('word/header1.xml', zeros(20))
    const headers = [2, 3, 4].map((number): CraftedEntry => ({ ...shared, name: `word/header${number}.xml`, sameDataAs: 2 }))
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', plainDocument), shared, ...headers]))
    expect(error.message).toBe('hostile.docx is refused: the parts review reads inflate to more than 64 MB, the most they may')
  })

  it('refuses two parts of one name', async () => {
    const error = await refusal(craftZip([customEntry(), deflated('word/document.xml', plainDocument), deflated('Word/Document.xml', plainDocument)]))
    expect(error.message).toContain('it holds two parts named Word/Document.xml')
  })
})

describe('hostile XML', () => {
  const withDocument = (xml: string | Uint8Array) => docx({ 'word/document.xml': xml, 'docProps/custom.xml': properties })

  it('refuses 100,000 unclosed comments as not well-formed, in one pass', async () => {
    const error = await refusal(withDocument(documentXml([run('x')]).replace('<w:body>', `<w:body>${'<!--'.repeat(100_000)}`)))
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(/^hostile\.docx: word\/document\.xml is not well-formed XML: /)
  })

  it('refuses a character reference beyond Unicode, and a document type with entities', async () => {
    expect((await refusal(withDocument(documentXml([run('Q').replace('>Q<', '>&#x110000;<')])))).message).toMatch(/not well-formed XML: .*malformed character entity/)
    const laughs = documentXml([run('&lol;')]).replace('<w:document', '<!DOCTYPE w:document [<!ENTITY lol "lol">]><w:document')
    expect((await refusal(withDocument(laughs))).message).toMatch(/not well-formed XML: .*document type declaration/)
  })

  it('reads a tracked change under any prefix bound to the WordprocessingML namespace, and in UTF-16', async () => {
    const xml = documentXml([run('An invented ', 'ns0') + inserted('and tested ', 'Reviewer A', 'ns0') + run('paragraph.', 'ns0')], 'ns0')
    for (const bytes of [strToU8(xml), utf16(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'))]) {
      const read = await readReviewedDocx(withDocument(bytes), 'prefixed.docx')
      expect(paragraphText(read.paragraphs[0]!).changes).toEqual([{ at: 12, deleted: '', inserted: 'and tested ', authors: ['Reviewer A'], dates: ['2026-11-30T10:00:00Z'], tracked: true }])
    }
    // A declaration that says otherwise than the bytes is refused.
    expect((await refusal(withDocument(strToU8(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')))))).toHaveProperty('message', expect.stringContaining('declares the encoding utf-16'))
  })

  it('refuses a document whose body holds no paragraph of text', async () => {
    const error = await refusal(withDocument(documentXml([])))
    expect(error.ruleId).toBe('review-not-ours')
    expect(error.message).toContain('has no paragraph of text in its body')
  })

  it('reads a 2 MB tracked insertion in time linear in its length', async () => {
    const long = 'word '.repeat(400_000)
    const read = await readReviewedDocx(withDocument(documentXml([run('Before. ') + inserted(long)])), 'long.docx')
    const text = paragraphText(read.paragraphs[0]!)
    expect(text.changes[0]?.inserted.length).toBe(long.length)
  })

  it('refuses more paragraphs than the limit', async () => {
    const error = await refusal(withDocument(documentXml(Array.from({ length: 100_000 }, (_, index) => run(`Added ${index}.`)))))
    expect(error.message).toBe(`hostile.docx is refused: it has more than ${reviewLimits.paragraphs} paragraphs; a reviewed DOCX may have at most that many`)
  })
})

function utf16(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2)
  bytes[0] = 0xff
  bytes[1] = 0xfe
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    bytes[2 + index * 2] = code & 0xff
    bytes[3 + index * 2] = code >> 8
  }
  return bytes
}
