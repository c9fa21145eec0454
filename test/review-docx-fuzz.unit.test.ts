/**
 * Fuzzes the DOCX reader of `review`, beside the collection fuzz test: generated document
 * parts (well-formed paragraphs and tracked changes under any prefix, mixed with unclosed
 * comments, CDATA, DTDs, entities, bad character references, control characters, stray
 * tags, UTF-16) and mutated packages (bytes flipped, cut short, spliced), all invented.
 * Every case must end with a read document or a `ToolError` of `review`'s own (exit code
 * 2), never another kind of throw.
 *
 * A bounded number of cases runs by default; `RSO_FUZZ_RUNS=2000 npx vitest run
 * test/review-docx-fuzz.unit.test.ts` runs more (`RSO_FUZZ_SEED` replays a failure).
 */
import fc from 'fast-check'
import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ToolError } from '../src/errors/catalogue.ts'
import { paragraphText } from '../src/review/changes.ts'
import { readReviewedDocx } from '../src/review/read-docx.ts'
import { customXml, docx, escapeXml, wordNamespace } from './support/hostile-docx.ts'

const runs = Number(process.env.RSO_FUZZ_RUNS ?? 60)
const seed = process.env.RSO_FUZZ_SEED === undefined ? undefined : Number(process.env.RSO_FUZZ_SEED)
const properties = customXml({ 'rso-docs.document': 'report/invented', 'rso-docs.kind': 'report' })

const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Invented words.', ':participants', '# Heading', '&copy;', '\u001B[2J', '\u202Eevil', 'a\u0000b'))
/** A fragment of a paragraph's content, in the prefix `p`. */
const fragment = (p: string) =>
  fc.oneof(
    text.map((value) => `<${p}:r><${p}:t xml:space="preserve">${escapeXml(value)}</${p}:t></${p}:r>`),
    text.map((value) => `<${p}:ins ${p}:author="${escapeXml(value)}"><${p}:r><${p}:t>${escapeXml(value)}</${p}:t></${p}:r></${p}:ins>`),
    text.map((value) => `<${p}:del ${p}:author="A"><${p}:r><${p}:delText>${escapeXml(value)}</${p}:delText></${p}:r></${p}:del>`),
    fc.constantFrom(
      '<!--',
      '-->',
      '<![CDATA[x]]>',
      '&#x110000;',
      '&#0;',
      '&lol;',
      '<!DOCTYPE x [<!ENTITY lol "lol">]>',
      `<${p}:t>`,
      `</${p}:p>`,
      `<${p}:p>`,
      `<${p}:tab/>`,
      '<?pi x?>',
      '<x:y>',
      '\u0001',
      `<${p}:commentRangeStart ${p}:id="1"/>`,
    ),
  )

const documentPart = fc
  .tuple(fc.constantFrom('w', 'ns0', 'a'), fc.boolean(), fc.boolean())
  .chain(([p, utf16, declared]) =>
    fc.array(fc.array(fragment(p), { maxLength: 6 }), { maxLength: 8 }).map((paragraphs) => {
      const declaration = declared ? `<?xml version="1.0" encoding="${utf16 ? 'UTF-16' : 'UTF-8'}"?>` : ''
      const xml = `${declaration}<${p}:document xmlns:${p}="${wordNamespace}"><${p}:body>${paragraphs.map((inner) => `<${p}:p>${inner.join('')}</${p}:p>`).join('')}</${p}:body></${p}:document>`
      return utf16 ? utf16le(xml) : strToU8(xml)
    }),
  )

function utf16le(value: string): Uint8Array {
  const bytes = new Uint8Array(2 + value.length * 2)
  bytes.set([0xff, 0xfe])
  for (let index = 0; index < value.length; index++) {
    bytes[2 + index * 2] = value.charCodeAt(index) & 0xff
    bytes[3 + index * 2] = value.charCodeAt(index) >> 8
  }
  return bytes
}

/** A package's bytes, changed: some flipped, cut short, or a run of them copied elsewhere. */
const mutation = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => (bytes: Uint8Array) => {
    const copy = bytes.slice()
    for (const [at, value] of flips) copy[at % copy.length] = value
    return copy
  }),
  fc.nat().map((cut) => (bytes: Uint8Array) => bytes.slice(0, cut % bytes.length)),
  fc.tuple(fc.nat(), fc.nat(), fc.nat(64)).map(([from, to, length]) => (bytes: Uint8Array) => {
    const copy = bytes.slice()
    copy.set(bytes.subarray(from % bytes.length, (from % bytes.length) + length).subarray(0, Math.max(0, copy.length - (to % copy.length))), to % copy.length)
    return copy
  }),
)

async function readsOrRefuses(bytes: Uint8Array): Promise<void> {
  try {
    const read = await readReviewedDocx(bytes, 'fuzzed.docx')
    for (const paragraph of read.paragraphs) paragraphText(paragraph)
  } catch (error) {
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(ToolError)
    expect((error as ToolError).exitCode).toBe(2)
  }
}

describe('the DOCX reader of review, fuzzed', () => {
  it('reads or refuses every generated document part', async () => {
    await fc.assert(
      fc.asyncProperty(documentPart, (part) => readsOrRefuses(docx({ 'word/document.xml': part, 'docProps/custom.xml': properties }))),
      { numRuns: runs, seed },
    )
  })

  it('reads or refuses every mutated package', async () => {
    await fc.assert(
      fc.asyncProperty(documentPart, mutation, (part, mutate) => readsOrRefuses(mutate(docx({ 'word/document.xml': part, 'docProps/custom.xml': properties })))),
      { numRuns: runs, seed },
    )
  })
})
