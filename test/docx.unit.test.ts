/**
 * The DOCX edition as Word reads it: the package is unzipped and small XML fragments are
 * checked (styles on headings, numbering, fields, properties). LibreOffice's reading of the
 * shipped DOCX is in readers.outputs.test.ts.
 */
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadBrand, type Brand } from '../src/brand/brand.ts'
import { characterSet } from '../src/brand/woff.ts'
import { loadContent, type Content } from '../src/content/load.ts'
import type { PublishedDocument } from '../src/assemble/model.ts'
import { renderDocx } from '../src/render/docx/index.ts'
import { plain } from './support/pdf.ts'
import { reportOf } from './support/assemble.ts'

const date = new Date('2025-03-14T09:30:00Z')

let content: Content
let brand: Brand
let report: PublishedDocument
let bytes: Uint8Array
let parts: Record<string, string>

/** The XML parts of a DOCX, by path. */
function unzipXml(docx: Uint8Array): Record<string, string> {
  const entries = unzipSync(docx)
  return Object.fromEntries(Object.entries(entries).filter(([name]) => /\.(xml|rels)$/.test(name)).map(([name, data]) => [name, strFromU8(data)]))
}

/** Each `<w:p>` of a part with its style and its text. */
function paragraphs(xml: string): { style: string | undefined; text: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((match) => {
    const body = match[1] ?? ''
    return {
      style: /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1],
      text: [...body.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((text) => decodeXml(text[1] ?? '')).join(''),
    }
  })
}

function decodeXml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
}

/** All the text of the body, one space between paragraphs. */
function bodyText(xml: string): string {
  return paragraphs(xml)
    .map((paragraph) => paragraph.text)
    .join(' ')
    .replace(/\s+/g, ' ')
}

const part = (name: string) => {
  const xml = parts[name]
  if (xml === undefined) throw new Error(`no ${name} in the DOCX`)
  return xml
}
const headersAndFooters = () => Object.entries(parts).filter(([name]) => /^word\/(header|footer)\d*\.xml$/.test(name))

beforeAll(async () => {
  content = await loadContent('source')
  brand = await loadBrand()
  const assembled = await reportOf(content, 'draft')
  report = { ...assembled, metadata: { ...assembled.metadata, date } }
  bytes = await renderDocx(report, brand)
  parts = unzipXml(bytes)
})

describe('structure an editor works with', () => {
  it('gives every section title the Heading 1 style, in order, and sub-headings Heading 2', () => {
    const document = paragraphs(part('word/document.xml'))
    const headings = document.filter((paragraph) => paragraph.style === 'Heading1').map((paragraph) => paragraph.text)
    expect(headings).toEqual(report.sections.filter((section) => section.toc).map((section) => section.title))
    const subheadings = document.filter((paragraph) => paragraph.style === 'Heading2').map((paragraph) => paragraph.text)
    expect(subheadings).toContain('Forced Criminality')
    expect(subheadings).toContain(`1. ${content.themes[0]?.title}`)
  })

  it('defines Title and Heading styles with outline levels, from the brand tokens', () => {
    const styles = part('word/styles.xml')
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? ''
    expect(style('Title')).toContain(`<w:sz w:val="${brand.tokens.sizes.title! * 2}"/>`)
    expect(style('Heading1')).toContain('<w:outlineLvl w:val="0"/>')
    expect(style('Heading2')).toContain('<w:outlineLvl w:val="1"/>')
    expect(style('Heading3')).toContain('<w:outlineLvl w:val="2"/>')
    expect(style('Heading1')).toContain(`w:val="${brand.tokens.colors.primary!.slice(1).toUpperCase()}"`)
    for (const id of ['Proposition', 'Callout', 'Caption', 'ListParagraph', 'Quote']) expect(style(id), id).not.toBe('')
    expect(styles).toContain(`w:ascii="${brand.tokens.fonts.body.family}"`)
  })

  it('writes lists as Word numbering', () => {
    const document = part('word/document.xml')
    expect(document).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/)
    const numbering = part('word/numbering.xml')
    expect(numbering).toContain('<w:abstractNum ')
    expect(numbering).toMatch(/<w:num w:numId="\d+"/)
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>')
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>')
  })

  it('writes the glossary as a table with a repeating header row', () => {
    const document = part('word/document.xml')
    expect(document).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/)
    const glossary = content.glossary[0]
    expect(document).toMatch(new RegExp(`<w:tc>[\\s\\S]*?${glossary?.term}[\\s\\S]*?</w:tc>`))
  })

  it('has a table of contents field with its entries already written, and page fields in the footer', () => {
    const document = part('word/document.xml')
    const instructions = [...document.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((match) => decodeXml(match[1] ?? '').trim())
    expect(instructions).toContain('TOC \\h \\o "1-2"')
    const entries = paragraphs(document).filter((paragraph) => paragraph.style === 'TOC1').map((paragraph) => paragraph.text)
    expect(entries.length).toBe(report.sections.length)
    expect(entries[0]).toContain(report.sections[0]?.title)
    expect(part('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/)
    const footers = headersAndFooters()
      .filter(([name]) => name.includes('footer'))
      .map(([, xml]) => xml)
      .join('')
    const footerInstructions = [...footers.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((match) => match[1]?.trim())
    expect(footerInstructions).toEqual(expect.arrayContaining(['PAGE', 'NUMPAGES']))
    expect(footers).toContain('>Page <')
  })

  it('puts the cover in its own section without running header, and the running header after it', () => {
    const document = part('word/document.xml')
    const sections = document.split('<w:sectPr')
    expect(sections.length).toBeGreaterThanOrEqual(3)
    const headers = headersAndFooters().filter(([name]) => name.includes('header'))
    expect(headers.some(([, xml]) => xml.includes(report.runningHeader))).toBe(true)
    expect(headers.some(([, xml]) => !xml.includes(report.runningHeader))).toBe(true)
  })

  it('keeps signatures as pictures with their alternative text', () => {
    const document = part('word/document.xml')
    // A name's text read across the soft hyphens the typographic pass gave it.
    const text = document.replace(/<\/w:t><w:softHyphen\/><w:t(?:\s[^>]*)?>/g, '')
    for (const signatory of content.forum.signatories) expect(text).toContain(`${signatory.name}`)
    expect(document).toMatch(/<wp:docPr id="\d+" name="[^"]*" descr="[^"]+signature[^"]*"/)
    // SVG with the PNG fallback the format requires.
    expect(document).toContain('<asvg:svgBlip')
    expect(Object.keys(unzipSync(bytes)).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true)
  })

  it('makes links hyperlinks', () => {
    const relationships = part('word/_rels/document.xml.rels')
    expect(relationships).toMatch(/Type="[^"]+\/hyperlink" Target="https:\/\/www\.rso\.baliprocess\.net" TargetMode="External"/)
    expect(part('word/document.xml')).toContain('<w:hyperlink ')
  })
})

describe('properties', () => {
  it('sets title, subject, creator, keywords, description, language and the document date', () => {
    const core = part('docProps/core.xml')
    const { metadata } = report
    const escape = (value: string) => value.replace(/&/g, '&amp;')
    expect(core).toContain(`<dc:title>${escape(metadata.title)}</dc:title>`)
    expect(core).toContain(`<dc:subject>${escape(metadata.subject)}</dc:subject>`)
    expect(core).toContain(`<dc:creator>${escape(metadata.author)}</dc:creator>`)
    expect(core).toContain(`<cp:keywords>${escape(metadata.keywords.join(', '))}</cp:keywords>`)
    expect(core).toContain('<dc:description>')
    expect(core).toContain(`<dc:language>${metadata.language}</dc:language>`)
    expect(core).toMatch(/<dcterms:created [^>]*>2025-03-14T09:30:00Z<\/dcterms:created>/)
    expect(core).toMatch(/<dcterms:modified [^>]*>2025-03-14T09:30:00Z<\/dcterms:modified>/)
    expect(part('word/styles.xml')).toContain(`<w:lang w:val="${metadata.language}"/>`)
  })

  it('embeds the brand fonts', () => {
    expect(part('word/fontTable.xml')).toMatch(new RegExp(`<w:font w:name="${brand.tokens.fonts.body.family}">[\\s\\S]*<w:embedRegular `))
    expect(Object.keys(unzipSync(bytes)).filter((name) => name.startsWith('word/fonts/')).length).toBeGreaterThanOrEqual(1)
  })

  it('embeds each face cut down to the characters the document shows, marked as subset, and stores it unzipped', () => {
    const table = part('word/fontTable.xml')
    const targets = new Map([...part('word/_rels/fontTable.xml.rels').matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map(([, id, target]) => [id, `word/${target}`]))
    const embeds = [...table.matchAll(/<w:embed(Regular|Bold|Italic|BoldItalic) r:id="([^"]+)" w:fontKey="\{([0-9A-F-]{36})\}"( w:subsetted="1")?\/>/g)]
    expect(embeds.map(([, face]) => face)).toEqual(['Regular', 'Bold', 'Italic', 'BoldItalic'])
    expect(part('word/settings.xml')).toContain('<w:embedTrueTypeFonts/><w:saveSubsetFonts/>')
    const methods = new Map<string, number>()
    const entries = unzipSync(bytes, { filter: (entry) => (methods.set(entry.name, entry.compression), true) })
    // Every character of the document's text that the whole face has, upper-cased too (the cover's eyebrow is all capitals).
    const text = [...part('word/document.xml').matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map(([, value = '']) => decodeXml(value)).join('')
    const shown = [...new Set(`${text}${text.toUpperCase()}`)].map((character) => character.codePointAt(0) as number)
    const wholeFaces = { Regular: [400, 'normal'], Bold: [700, 'normal'], Italic: [400, 'italic'], BoldItalic: [700, 'italic'] } as const
    for (const [, face = '', id = '', key = '', subsetted] of embeds) {
      expect(subsetted, face).toBe(' w:subsetted="1"')
      const path = targets.get(id) as string
      expect(methods.get(path), `${path} is stored, not deflated`).toBe(0)
      // ECMA-376 part 1, 17.8.1: the first 32 bytes XORed with the key's bytes in reverse order.
      const keyBytes = Buffer.from(key.replace(/-/g, ''), 'hex').reverse()
      const font = new Uint8Array(entries[path] as Uint8Array)
      for (let index = 0; index < 32; index++) font[index] = (font[index] as number) ^ (keyBytes[index % 16] as number)
      const [weight, style] = wholeFaces[face as keyof typeof wholeFaces]
      const whole = brand.fonts.find((candidate) => candidate.weight === weight && candidate.style === style)?.data as Uint8Array
      expect(font.byteLength, face).toBeLessThan(whole.byteLength / 5)
      const wholeCharacters = characterSet(whole)
      const kept = characterSet(font)
      expect(shown.filter((point) => wholeCharacters.has(point) && !kept.has(point)).map((point) => String.fromCodePoint(point)), face).toEqual([])
      for (let code = 0x21; code < 0x7f; code++) expect(kept.has(code), `${face} keeps ${String.fromCharCode(code)}`).toBe(true)
    }
    for (const [name, method] of methods) if (/\.(png|jpe?g)$/.test(name)) expect(method, name).toBe(0)
  })
})

describe('content', () => {
  it('has every proposition, participating country and glossary entry', () => {
    const text = bodyText(part('word/document.xml'))
    for (const theme of content.themes) {
      for (const proposition of theme.propositions) expect(text, proposition.id).toContain(plain(proposition.text))
    }
    const participants = content.countries.filter((country) => country.participant)
    expect(participants.length).toBeGreaterThan(0)
    for (const country of participants) expect(text).toContain(country.listedAs ?? country.name)
    for (const entry of content.glossary) {
      expect(text).toContain(entry.term)
      expect(text).toContain(entry.definition)
    }
  })

  it('keeps the back cover last', () => {
    const text = bodyText(part('word/document.xml'))
    expect(text.lastIndexOf(content.contact!.organisation)).toBeGreaterThan(text.lastIndexOf(content.glossary.at(-1)?.definition ?? ''))
    expect(text).toContain(content.contact!.email!)
  })

  it('prints the contact lines and the organisations as the reference does', () => {
    const lines = paragraphs(part('word/document.xml')).map((paragraph) => paragraph.text)
    if (!content.contact) throw new Error('source/ has a contact.json')
    expect(lines).toContain(`Tel. ${content.contact.telephone}`)
    expect(lines).toContain(`Fax. ${content.contact.fax}`)
    expect(lines).toContain(content.contact.email)
    const text = bodyText(part('word/document.xml'))
    // The reference has no comma after "(UNHCR)"; organisations.json records it with `followedBy`.
    expect(text).toContain('the United Nations Refugee Agency (UNHCR) the United Nations Office on Drugs and Crime (UNODC), and the United State Institute of Peace (USIP).')
  })

  it('drops characters XML cannot carry', async () => {
    const [first, ...rest] = report.sections
    if (!first) throw new Error('no sections')
    const dirty = { type: 'element' as const, tagName: 'p', properties: {}, children: [{ type: 'text' as const, value: 'Bell\u0001 and\u000B tab\u0008 stop\u001F.' }] }
    const document: PublishedDocument = {
      ...report,
      metadata: { ...report.metadata, title: `Title\u0002 with control` },
      sections: [{ ...first, tree: { ...first.tree, children: [...first.tree.children, dirty] } }, ...rest],
    }
    const dirtyParts = unzipXml(await renderDocx(document, brand))
    for (const [name, xml] of Object.entries(dirtyParts)) expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    expect(bodyText(dirtyParts['word/document.xml'] ?? '')).toContain('Bell and tab stop.')
    expect(dirtyParts['docProps/core.xml']).toContain('<dc:title>Title with control</dc:title>')
  })
})

describe('draft and final', () => {
  it('marks a draft with DRAFT and a final not at all', async () => {
    const draftMarks = headersAndFooters()
      .map(([, xml]) => xml)
      .join('')
    expect(draftMarks).toContain('DRAFT')
    expect(draftMarks).toContain('PowerPlusWaterMarkObject')
    const final = unzipXml(await renderDocx({ ...report, draft: false }, brand))
    for (const [name, xml] of Object.entries(final)) {
      expect(xml, name).not.toContain('DRAFT')
      expect(xml, name).not.toContain('PowerPlusWaterMarkObject')
    }
  })

  it('gives the same bytes for the same document', async () => {
    const again = await renderDocx(report, brand)
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0)
  })
})

// LibreOffice opens the shipped report DOCX, which this file's checks describe too, in
// readers.outputs.test.ts: its pages, its cover, its sections in order. Converting is the
// slow part, so it is done once, there.
