/**
 * The fonts a package embeds, each cut down to the characters the document shows and
 * obfuscated again with a key made from its own bytes.
 *
 * docx obfuscates each font with a random key (ECMA-376 part 1, 17.8.1: the first 32 bytes
 * XORed with the key's bytes in reverse order), which would change the bytes of every
 * build. Each font is read back with docx's key, subset (`subsetted` on its `w:embed…`
 * element, and `w:saveSubsetFonts` in the settings, as Word writes a document whose fonts
 * it subset), and obfuscated with a key derived from the subset's bytes.
 */
import { createHash } from 'node:crypto'
import { charactersOf } from '../../brand/subset.ts'
import { escapeXml } from '../../text/xml.ts'

/** Cuts a font down to some characters (the kit's, which remembers what it cut). */
export type Subsetter = (font: Uint8Array, characters: ReadonlySet<number>) => Promise<Uint8Array>

/** Parts whose text a reader shows, in the fonts of the document. */
const shownParts = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments|numbering)\.xml$/

/**
 * The characters to keep: every character of the parts a reader shows (tags and attribute
 * names are ASCII, which is kept anyway) in upper and lower case too (a style may set
 * all capitals, as the cover's eyebrow does), and all of printable ASCII, so the page numbers
 * Word writes as it opens the document, and what an editor types in plain English, have
 * their glyphs.
 */
export function shownCharacters(texts: ReadonlyMap<string, string>): Set<number> {
  const characters = new Set<number>()
  for (let code = 0x20; code < 0x7f; code++) characters.add(code)
  for (const [name, xml] of texts) {
    if (!shownParts.test(name)) continue
    const text = xml.replace(/&#x([0-9a-f]+);|&#(\d+);/gi, (_whole, hex?: string, decimal?: string) => String.fromCodePoint(hex ? parseInt(hex, 16) : Number(decimal)))
    charactersOf(`${text}${text.toUpperCase()}${text.toLowerCase()}`, characters)
  }
  return characters
}

/** A face to embed beside those docx wrote: TrueType, regular and bold. */
export interface AddedFont {
  name: string
  regular: Uint8Array
  bold?: Uint8Array
}

/** The key the added fonts are written with before `embedFontsSubset` keys each by its own bytes. */
const provisionalKey = '00000000-0000-0000-0000-000000000000'

/**
 * Adds fonts to the package's font table (`word/fontTable.xml`, its relationships and the
 * font parts), as docx writes those it was given; returns the parts added. A font the table
 * already names is left as it is.
 */
export function addEmbeddedFonts(binaries: Map<string, Uint8Array>, texts: Map<string, string>, fonts: readonly AddedFont[]): string[] {
  const table = texts.get('word/fontTable.xml')
  if (!table) return []
  const relationships = texts.get('word/_rels/fontTable.xml.rels') ?? '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
  const added: string[] = []
  let entries = ''
  let links = ''
  for (const font of fonts) {
    if (table.includes(`w:name="${escapeXml(font.name)}"`)) continue
    const embeds = ([['Regular', font.regular], ['Bold', font.bold]] as const).flatMap(([face, data]) => {
      if (!data) return []
      let number = 1
      while (binaries.has(`word/fonts/font${number}.odttf`)) number++
      const path = `word/fonts/font${number}.odttf`
      binaries.set(path, xorWithKey(data, provisionalKey))
      added.push(path)
      const id = `rIdScript${number}`
      links += `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" Target="fonts/font${number}.odttf"/>`
      return [`<w:embed${face} r:id="${id}" w:fontKey="{${provisionalKey}}"/>`]
    })
    entries += `<w:font w:name="${escapeXml(font.name)}"><w:family w:val="auto"/><w:pitch w:val="variable"/>${embeds.join('')}</w:font>`
  }
  if (!entries) return added
  texts.set('word/fontTable.xml', table.replace('</w:fonts>', `${entries}</w:fonts>`))
  if (!links) return added
  if (!texts.has('word/_rels/fontTable.xml.rels')) added.push('word/_rels/fontTable.xml.rels')
  texts.set('word/_rels/fontTable.xml.rels', relationships.replace('</Relationships>', `${links}</Relationships>`))
  const types = texts.get('[Content_Types].xml')
  if (types && !/Extension="odttf"/.test(types)) {
    texts.set('[Content_Types].xml', types.replace('</Types>', '<Default ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont" Extension="odttf"/></Types>'))
  }
  return added
}

/**
 * `only`: the characters to keep of some fonts, by name (a script's face keeps those of
 * its script's runs); the others keep every character the document shows.
 */
export async function embedFontsSubset(binaries: Map<string, Uint8Array>, texts: Map<string, string>, subset: Subsetter, only?: ReadonlyMap<string, ReadonlySet<number>>): Promise<void> {
  const table = texts.get('word/fontTable.xml')
  const relationships = texts.get('word/_rels/fontTable.xml.rels')
  if (!table || !relationships) return
  const characters = shownCharacters(texts)
  const targets = new Map([...relationships.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="([^"]+)"/g)].map((match) => [match[1] ?? match[4], match[2] ?? match[3]]))
  const nameOf = new Map<string, string>()
  for (const [, name = '', faces = ''] of table.matchAll(/<w:font w:name="([^"]*)">([\s\S]*?)<\/w:font>/g)) {
    for (const [, id = ''] of faces.matchAll(/<w:embed\w+ r:id="([^"]+)"/g)) nameOf.set(id, unescapeName(name))
  }
  const embeds = [...table.matchAll(/<w:embed\w+ r:id="([^"]+)" w:fontKey="\{([0-9A-Fa-f-]{36})\}"/g)]
  const newKeys = new Map<string, string>()
  await Promise.all(
    embeds.map(async ([, id = '', oldKey = '']) => {
      const path = `word/${targets.get(id) ?? ''}`
      const font = binaries.get(path)
      if (!font) return
      const plain = await subset(xorWithKey(font, oldKey), only?.get(nameOf.get(id) ?? '') ?? characters)
      const newKey = guidFrom(createHash('sha1').update(plain).digest())
      binaries.set(path, xorWithKey(plain, newKey))
      newKeys.set(id, newKey)
    }),
  )
  texts.set(
    'word/fontTable.xml',
    table.replace(/(<w:embed\w+ r:id="([^"]+)" w:fontKey=")\{[0-9A-Fa-f-]{36}\}"/g, (whole, before: string, id: string) => {
      const key = newKeys.get(id)
      return key ? `${before}{${key}}" w:subsetted="1"` : whole
    }),
  )
  const settings = texts.get('word/settings.xml')
  if (settings && newKeys.size > 0 && !settings.includes('<w:saveSubsetFonts')) texts.set('word/settings.xml', settings.replace('<w:embedTrueTypeFonts/>', '<w:embedTrueTypeFonts/><w:saveSubsetFonts/>'))
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

function unescapeName(name: string): string {
  return name.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}
