/**
 * What every DOCX of one brand shares, made once and kept with whoever renders the
 * packages: the page setup, the Word styles (per language), the numbering definitions, the
 * faces to embed, and the subsets of those faces already cut. The DOCX worker keeps one kit
 * for the brand it was last given (`worker.ts`); on the main thread the session remembers
 * it (`docxKitOf`). Either way it lives as long as the session that rendered with it.
 */
import { createHash } from 'node:crypto'
import type { INumberingOptions, IPropertiesOptions, IStylesOptions } from 'docx'
import { LRUCache } from 'lru-cache'
import { readFile } from 'node:fs/promises'
import { resolveFont, scriptFamily, type Brand, type WebFontFace } from '../../brand/brand.ts'
import { subsetTrueType } from '../../brand/subset.ts'
import type { Session } from '../../session/session.ts'
import { docxNumbering } from './numbering.ts'
import { pageSetup, type PageSetup } from './page-setup.ts'
import { ScriptFaces } from './script-runs.ts'
import { docxStyles } from './styles.ts'

type FontOptions = NonNullable<IPropertiesOptions['fonts']>[number]

/**
 * Subsets a kit keeps: four faces for each distinct set of characters. Briefs share most of
 * their characters, so a build of 30 documents cuts a few dozen; past this bound the least
 * recently used goes, which costs a few milliseconds to cut again, never a wrong font.
 */
const subsetsKept = 128

export class DocxKit {
  readonly brand: Brand
  readonly page: PageSetup
  readonly numbering: INumberingOptions
  /** The body family's regular, bold, italic and bold italic faces, as Word embeds them. */
  readonly fonts: FontOptions[]
  readonly #styles = new Map<string, IStylesOptions>()
  readonly #fonts = new Map<string, FontOptions[]>()
  readonly #scriptFaces = new Map<string, ScriptFaces>()
  readonly #subsets = new LRUCache<string, Promise<Uint8Array>>({ max: subsetsKept })
  readonly #wholeFonts = new Map<string, Promise<Uint8Array | undefined>>()

  constructor(brand: Brand) {
    this.brand = brand
    this.page = pageSetup(brand)
    this.numbering = docxNumbering(brand)
    this.fonts = embeddedFaces(brand)
  }

  /**
   * The faces a document in `language` embeds: the body family's, and the regular and bold
   * of the family that writes its script (Thai, Arabic, ...), so that a reader without that
   * font sees the words. A font in many slices (CJK) is left to the package, which embeds
   * it cut from the whole font for the characters its text needs (`scriptFontFiles`).
   */
  fontsFor(language: string): FontOptions[] {
    let fonts = this.#fonts.get(language)
    if (!fonts) {
      const script = scriptFamily(this.brand.tokens, language)
      const faces = script ? this.brand.webFonts.filter((font) => font.family === script.family && font.style === 'normal' && !font.lazy) : []
      const face = (weight: number) => {
        const font = faces.find((candidate) => candidate.weight === weight)
        return font ? Buffer.from(font.trueType) : undefined
      }
      const regular = face(400)
      fonts = script && regular ? [...this.fonts, { name: script.family, data: regular, bold: face(700) }] : this.fonts
      this.#fonts.set(language, fonts)
    }
    return fonts
  }

  /** Which face writes each character in a document in `language` (see `script-runs.ts`). */
  scriptFaces(language: string): ScriptFaces {
    let faces = this.#scriptFaces.get(language)
    if (!faces) this.#scriptFaces.set(language, (faces = new ScriptFaces(this.brand, language, scriptFamily(this.brand.tokens, language)?.family)))
    return faces
  }

  /**
   * The regular and bold of `family` to embed for `characters` (TrueType): of a family
   * shipped in slices (a CJK font's hundred), the whole font the brand names beside them
   * (a Word package embeds one font under a name), cut to those characters.
   */
  readonly scriptFontFiles = async (family: string, characters: ReadonlySet<number>): Promise<{ regular?: Uint8Array; bold?: Uint8Array }> => {
    const face = async (weight: number): Promise<Uint8Array | undefined> => {
      const faces = this.brand.webFonts.filter((font) => font.family === family && font.weight === weight && font.style === 'normal')
      if (faces.some((font) => font.lazy)) {
        if (![...characters].some((character) => faces.some((font) => font.characters.has(character)))) return undefined
        const whole = await this.#wholeFont(family, weight)
        return whole ? this.subset(whole, characters) : undefined
      }
      // A family in one file per weight (or in script subsets): the one that holds most of the characters.
      let best: WebFontFace | undefined
      let most = 0
      for (const font of faces) {
        let count = 0
        for (const character of characters) if (font.characters.has(character)) count++
        if (count > most) [best, most] = [font, count]
      }
      return best?.trueType
    }
    const [regular, bold] = await Promise.all([face(400), face(700)])
    return { ...(regular ? { regular } : {}), ...(bold ? { bold } : {}) }
  }

  /** The whole font of a family shipped in slices, as the brand names its file (read once a kit). */
  #wholeFont(family: string, weight: number): Promise<Uint8Array | undefined> {
    const key = `${family}:${weight}`
    let font = this.#wholeFonts.get(key)
    if (!font) {
      const file = [this.brand.tokens.fonts.code, ...this.brand.tokens.fonts.fallbacks].find((candidate) => candidate.family === family)?.faces.find((candidate) => candidate.weight === weight && candidate.style === 'normal')?.file
      font = file ? readFile(resolveFont(file)).then((bytes) => new Uint8Array(bytes)) : Promise.resolve(undefined)
      this.#wholeFonts.set(key, font)
    }
    return font
  }

  /** The Word styles in `language` (one per language the documents are in). */
  styles(language: string): IStylesOptions {
    let styles = this.#styles.get(language)
    if (!styles) this.#styles.set(language, (styles = docxStyles(this.brand, language)))
    return styles
  }

  /** `font` cut down to `characters`, remembered by the font's bytes and the characters. */
  readonly subset = (font: Uint8Array, characters: ReadonlySet<number>): Promise<Uint8Array> => {
    const key = `${createHash('sha1').update(font).digest('hex')}:${[...characters].sort((a, b) => a - b).join(',')}`
    let subset = this.#subsets.get(key)
    if (!subset) {
      subset = subsetTrueType(font, characters)
      this.#subsets.set(key, subset)
      subset.catch(() => this.#subsets.delete(key))
    }
    return subset
  }
}

/** The session's kit for `brand` (for DOCX rendered on the main thread). */
export function docxKitOf(session: Session, brand: Brand): DocxKit {
  return session.remember('docx-kit', brand.digest, () => new DocxKit(brand))
}

function embeddedFaces(brand: Brand): FontOptions[] {
  const face = (weight: number, style: 'normal' | 'italic') => {
    const font = brand.fonts.find((candidate) => candidate.weight === weight && candidate.style === style)
    return font ? Buffer.from(font.data) : undefined
  }
  const regular = face(400, 'normal')
  if (!regular) return []
  return [{ name: brand.tokens.fonts.body.family, data: regular, bold: face(700, 'normal'), italic: face(400, 'italic'), boldItalic: face(700, 'italic') }]
}
