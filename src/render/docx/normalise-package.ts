/**
 * Makes the package docx writes reproducible, and zips it once: the same document gives the
 * same bytes. docx stamps `dcterms:created` and `dcterms:modified` with the clock, names
 * some relationships and shapes with random ids, counts bookmarks process-wide, and
 * obfuscates fonts with random keys. Here the dates become the document's own date, the ids
 * are renamed in order of appearance, the fonts are subset and keyed by their bytes
 * (`embedded-fonts.ts`), and the zip is written with a fixed time (`zip.ts`). It also adds
 * `dc:language`, which docx has no option for, and the record `rso-docs review` reads.
 */
import { strToU8 } from 'fflate'
import type { PackageFiles } from './compile.ts'
import { centreWatermarksOnPage } from './page-furniture.ts'
import { mirrorRightToLeft } from './right-to-left.ts'
import { addEmbeddedFonts, embedFontsSubset, shownCharacters, type AddedFont, type Subsetter } from './embedded-fonts.ts'
import { markScriptRuns, type ScriptFaces, type ScriptsUsed } from './script-runs.ts'
import { writeReviewRecord, type ReviewFacts } from './review-record.ts'
import { zipPackage } from './zip.ts'
import { escapeXml } from '../../text/xml.ts'

export interface PackageFacts {
  date: Date
  language: string
  /** The language is written from right to left: paragraphs, tables and runs are marked so. */
  rightToLeft?: boolean
  /** Which document this is, recorded for `rso-docs review` with its paragraphs (see `review-record.ts`). */
  review?: ReviewFacts
  /** Which face writes each character, and the files of a face: runs in other scripts than the document's name and embed theirs (`script-runs.ts`). */
  scripts?: { faces: ScriptFaces; files: (family: string, characters: ReadonlySet<number>) => Promise<Partial<Omit<AddedFont, 'name'>>> }
}


/** Parts whose text a reader shows, in the fonts the runs name. */
const shownParts = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/

/** docx's random ids: nanoid's 21 characters, lower-cased, after a fixed prefix. */
const randomIds = /\b(rId|PowerPlusWaterMarkObject)([a-z0-9_-]{21})(?=")/g

export async function normalisePackage(files: PackageFiles, facts: PackageFacts, subset: Subsetter): Promise<Uint8Array> {
  const texts = new Map<string, string>()
  const binaries = new Map<string, Uint8Array>()
  for (const [name, data] of files) {
    if (typeof data === 'string') texts.set(name, data)
    else binaries.set(name, data)
  }

  // Renamed in order of appearance over the whole package, as a relationship's id is
  // shared between a part and its .rels.
  const renamed = new Map<string, string>()
  const rename = (_whole: string, prefix: string, id: string) => {
    const key = prefix + id
    if (!renamed.has(key)) renamed.set(key, `${prefix}${prefix === 'rId' ? 'L' : ''}${renamed.size + 1}`)
    return renamed.get(key) as string
  }

  const scriptsUsed: ScriptsUsed = new Map()
  const timestamp = facts.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  for (const [name, original] of texts) {
    let xml = renumberBookmarks(original.replace(randomIds, rename))
    if (name === 'docProps/core.xml') {
      xml = xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${timestamp}$3`)
      if (!xml.includes('<dc:language>')) xml = xml.replace('</cp:coreProperties>', `<dc:language>${escapeXml(facts.language)}</dc:language></cp:coreProperties>`)
    }
    if (/^word\/header\d*\.xml$/.test(name)) xml = centreWatermarksOnPage(xml)
    if (facts.scripts && shownParts.test(name)) xml = markScriptRuns(xml, facts.scripts.faces, scriptsUsed)
    if (facts.rightToLeft && /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) xml = mirrorRightToLeft(xml)
    texts.set(name, xml)
  }
  const added: string[] = []
  const own = facts.scripts?.faces.ownCharacters(() => shownCharacters(texts))
  if (own) scriptsUsed.set(own.family, own.characters)
  if (facts.scripts && scriptsUsed.size > 0) {
    const { files: filesOf } = facts.scripts
    // By name, whatever order the runs named them in.
    const named = [...scriptsUsed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const fonts = (await Promise.all(named.map(async ([name, characters]) => ({ name, ...(await filesOf(name, characters)) })))).flatMap(({ name, regular, bold }) => (regular ? [{ name, regular, ...(bold ? { bold } : {}) }] : []))
    added.push(...addEmbeddedFonts(binaries, texts, fonts))
  }
  await embedFontsSubset(binaries, texts, subset, scriptsUsed)
  if (facts.review) writeReviewRecord(texts, facts.review)
  // In docx's order of files (the added fonts after them), each with its final content.
  return zipPackage([...files.keys(), ...added.filter((name) => !files.has(name))].map((name) => [name, texts.has(name) ? strToU8(texts.get(name) as string) : (binaries.get(name) as Uint8Array)] as const), facts.date)
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
