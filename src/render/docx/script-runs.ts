/**
 * Text in a script other than the document's, as Word and LibreOffice find its face: a
 * Bengali or Khmer name in a Thai report, a Japanese one in an English brief. The styles
 * name one complex-script face (the document's own script's), so every other script's
 * letters would look for that face, lack the glyphs, and show blank where the reader has
 * no font of its own for them.
 *
 * Each run of text is cut where the script changes, and a run in another script names the
 * brand's face for it (the fallback the PDF and HTML use for the same characters) in its
 * slot: `w:cs` with `<w:cs/>` (and `<w:rtl/>` for Arabic and Thaana letters) for a complex
 * script, as Word marks a run it typed in one; `w:eastAsia` with `w:hint="eastAsia"` for
 * Chinese characters and kana. The content does not say which language such a name is in
 * (the Arabic script writes Arabic, Persian and Urdu alike), so no `w:lang` is claimed for
 * it. The faces the runs name are then embedded (`embedded-fonts.ts`), each cut down to the
 * characters it writes.
 *
 * Done on the package's XML, as `right-to-left.ts` is, so every handler's runs are reached
 * alike; a part with no character outside the body face's reach is passed over untouched.
 */
import { orderedFallbacks, type Brand } from '../../brand/brand.ts'
import { characterSet } from '../../brand/woff.ts'
import { escapeXml } from '../../text/xml.ts'
import { rightToLeftLetters } from './right-to-left.ts'

export interface ScriptFace {
  family: string
  slot: 'cs' | 'eastAsia'
}

/** The families the runs of a package named, with the characters each writes there. */
export type ScriptsUsed = Map<string, Set<number>>

/**
 * Characters the body face may lack (past Latin, Greek and Cyrillic, the general
 * punctuation and the symbols the body has): a part with none of them needs no look.
 */
const mayNeedAnotherFace = /[\u0530-\u1cff\u2e80-\ua6ff\ua700-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe30-\ufe4f\ufe70-\ufefc\uff00-\uffef]|[\ud800-\udbff]/

/** Spaces, punctuation, digits, combining marks, joiners: they go with the letters around them. */
const neutral = /[\p{Script=Common}\p{Script=Inherited}]/u
/** Marks and joiners: they belong to the letter before them. */
const attached = /[\p{Script=Inherited}\p{M}\u200c\u200d]/u

/** Which face writes each character, for documents of one language: the body's, or a script's. */
export class ScriptFaces {
  readonly #body: ReadonlySet<number>
  readonly #own: string | undefined
  readonly #ownInSlices: boolean
  readonly #families: ReadonlyArray<ScriptFace & { characters: (code: number) => boolean }>
  readonly #known = new Map<number, ScriptFace | undefined>()

  /** `own`: the family the styles already name for the document's script (its characters need nothing more). */
  constructor(brand: Brand, language: string, own: string | undefined) {
    const regular = brand.fonts.find((font) => font.weight === 400 && font.style === 'normal') ?? brand.fonts[0]
    this.#body = regular ? characterSet(regular.data) : new Set()
    this.#own = own
    this.#ownInSlices = brand.webFonts.some((font) => font.family === own && font.lazy)
    this.#families = orderedFallbacks(brand.tokens, language).map((fallback) => {
      const faces = brand.webFonts.filter((font) => font.family === fallback.family && font.weight === 400 && font.style === 'normal')
      return {
        family: fallback.family,
        slot: fallback.docx ?? 'none',
        characters: (code: number) => faces.some((face) => face.characters.has(code)),
      } as ScriptFace & { characters: (code: number) => boolean }
    })
  }

  /**
   * Of `characters` (those a package shows, asked for only here), the ones the document's
   * own script's face writes, when that face comes in slices (CJK), which the kit does not
   * embed: the styles name it, and the package embeds the whole font cut to them.
   */
  ownCharacters(characters: () => Iterable<number>): { family: string; characters: Set<number> } | undefined {
    const own = this.#families.find((family) => family.family === this.#own)
    if (!own || !this.#ownInSlices) return undefined
    const result = new Set<number>()
    for (const code of characters()) if (!this.#body.has(code) && own.characters(code)) result.add(code)
    return result.size > 0 ? { family: own.family, characters: result } : undefined
  }

  /** The script face that writes `code` in a run of its own, or none: the body's (or the document's script's, which the styles name). */
  faceOf(code: number): ScriptFace | undefined {
    if (this.#known.has(code)) return this.#known.get(code)
    let face: ScriptFace | undefined
    if (!this.#body.has(code)) {
      const family = this.#families.find((candidate) => candidate.characters(code))
      // A family with no DOCX slot (symbols) is left to the reader, as the styles leave it.
      if (family && (family.slot === 'cs' || family.slot === 'eastAsia') && family.family !== this.#own) face = { family: family.family, slot: family.slot }
    }
    this.#known.set(code, face)
    return face
  }

  /**
   * `text` cut where its face changes: each piece with the script face that writes it, or
   * none. Spaces and punctuation between two letters of one script stay in that script's
   * piece ("ශ්‍රී ලංකාව" is one run); elsewhere they go with the body's text, and a mark or a
   * joiner always goes with the letter before it.
   */
  pieces(text: string): Array<{ text: string; face: ScriptFace | undefined }> {
    const characters = [...text]
    const faces: Array<ScriptFace | undefined | null> = characters.map((character) => {
      const face = this.faceOf(character.codePointAt(0) as number)
      return face === undefined && neutral.test(character) ? null : face
    })
    // `null`: not yet decided (neutral).
    let previous: ScriptFace | undefined
    for (let index = 0; index < faces.length; index++) {
      const face = faces[index]
      if (face !== null) {
        previous = face
        continue
      }
      if (attached.test(characters[index] as string)) {
        faces[index] = previous
        continue
      }
      let next = index + 1
      while (next < faces.length && faces[next] === null) next++
      const following = faces[next]
      faces[index] = previous !== undefined && following?.family === previous.family ? previous : undefined
    }
    const result: Array<{ text: string; face: ScriptFace | undefined }> = []
    for (const [index, character] of characters.entries()) {
      const face = faces[index] ?? undefined
      const last = result.at(-1)
      if (last && last.face?.family === face?.family) last.text += character
      else result.push({ text: character, face })
    }
    return result
  }
}

/** Elements of `w:rPr` after `w:rtl` and after `w:cs` (ECMA-376 part 1, 17.3.2). */
const afterRtl = ['cs', 'em', 'lang', 'eastAsianLayout', 'specVanish', 'oMath', 'rPrChange']
const afterCs = afterRtl.slice(1)

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
function unescapeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (whole, hex?: string, decimal?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : (entities[name ?? ''] ?? whole),
  )
}

/** `element` into run properties `<w:rPr>…</w:rPr>` before the first of `later` (or at their end). */
function insertBefore(properties: string, element: string, later: readonly string[]): string {
  const name = /^<w:(\w+)/.exec(element)?.[1] ?? ''
  if (new RegExp(`<w:${name}[ />]`).test(properties)) return properties
  const children = /<w:(\w+)[ />]/g
  children.lastIndex = '<w:rPr>'.length
  for (let match = children.exec(properties); match; match = children.exec(properties)) {
    if (later.includes(match[1] as string)) return `${properties.slice(0, match.index)}${element}${properties.slice(match.index)}`
  }
  return properties.replace(/<\/w:rPr>$/, `${element}</w:rPr>`)
}

/** Run properties that name `face` in its slot. */
function withFace(properties: string | undefined, face: ScriptFace, whole: boolean, rightToLeft: boolean): string {
  let result = properties && properties !== '<w:rPr/>' ? properties : '<w:rPr></w:rPr>'
  const family = escapeXml(face.family)
  const slot = face.slot === 'cs' ? `w:cs="${family}"` : `w:eastAsia="${family}" w:hint="eastAsia"`
  const fonts = /<w:rFonts\b([^>]*?)\/>/.exec(result)
  if (fonts) {
    const kept = (fonts[1] ?? '').replace(face.slot === 'cs' ? /\s+w:cs="[^"]*"/ : /\s+w:(?:eastAsia|hint)="[^"]*"/g, '')
    result = result.replace(fonts[0], `<w:rFonts${kept} ${slot}/>`)
  } else {
    const style = /^<w:rPr><w:rStyle\b[^>]*\/>/.exec(result)?.[0] ?? '<w:rPr>'
    result = `${style}<w:rFonts ${slot}/>${result.slice(style.length)}`
  }
  // A run of the script alone is complex script throughout, as Word marks one it typed.
  if (whole && face.slot === 'cs') {
    if (rightToLeft) result = insertBefore(result, '<w:rtl/>', afterRtl)
    result = insertBefore(result, '<w:cs/>', afterCs)
  }
  return result
}

/** `xml` (a part a reader shows) with its runs in other scripts cut out and naming their faces; `used` gathers the faces named. */
export function markScriptRuns(xml: string, faces: ScriptFaces, used: ScriptsUsed): string {
  if (!mayNeedAnotherFace.test(xml)) return xml
  return xml.replace(/<w:r(?=[ >])([^>]*)>([\s\S]*?)<\/w:r>/g, (whole, attributes: string, inner: string) => {
    // A run that holds paragraphs (a text box) is passed over: its own runs are not matched whole here.
    if (!mayNeedAnotherFace.test(inner) || /<w:(?:p|r)[ >]/.test(inner)) return whole
    const properties = /^(?:<w:rPr>[\s\S]*?<\/w:rPr>|<w:rPr\/>)/.exec(inner)?.[0]
    const content = properties ? inner.slice(properties.length) : inner
    const single = /^<w:(t|delText)((?:\s[^>]*)?)>([^<]*)<\/w:\1>$/.exec(content)
    const gather = (piece: { text: string; face: ScriptFace | undefined }) => {
      if (!piece.face) return
      let characters = used.get(piece.face.family)
      if (!characters) used.set(piece.face.family, (characters = new Set()))
      for (const character of piece.text) characters.add(character.codePointAt(0) as number)
    }
    if (single) {
      const [, element = 't', , escaped = ''] = single
      const pieces = faces.pieces(unescapeXml(escaped))
      if (pieces.every((piece) => !piece.face)) return whole
      return pieces
        .map((piece) => {
          gather(piece)
          const own = piece.face ? withFace(properties, piece.face, true, rightToLeftLetters.test(piece.text)) : (properties ?? '')
          return `<w:r${attributes}>${own}<w:${element} xml:space="preserve">${escapeXml(piece.text)}</w:${element}></w:r>`
        })
        .join('')
    }
    // A run of text with tabs, breaks or fields: it is not cut, and names a face only when one script is all it holds besides the body's.
    const text = [...content.matchAll(/<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((match) => unescapeXml(match[1] ?? '')).join('')
    const pieces = faces.pieces(text).filter((piece) => piece.face)
    const families = new Set(pieces.map((piece) => piece.face?.family))
    if (families.size !== 1 || !pieces[0]?.face) return whole
    for (const piece of pieces) gather(piece)
    return `<w:r${attributes}>${withFace(properties, pieces[0].face, false, false)}${content}</w:r>`
  })
}
