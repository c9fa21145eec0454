/**
 * `@font-face` rules with the fonts inlined, so the browser loads nothing. Given the text a
 * page shows, only the faces it needs are inlined: a body or code subset that has some of
 * its characters, a fallback that has one that the faces before it lack (the symbols subset
 * alone is 380 KB, and a page without a check mark need not carry it). Each face is then
 * cut down to the characters of the page it has (`subset.ts`), so Chromium parses tens of
 * kilobytes of font for every page it prints instead of most of a megabyte, and the HTML
 * edition is that much smaller. Each rule keeps its face's `unicode-range`, so Chromium picks
 * a face for a character exactly as it would from the whole subsets.
 */
import { orderedFallbacks, type Brand, type WebFontFace } from './brand.ts'
import { charactersOf, subsetTrueType } from './subset.ts'

/** Remembers cut faces between pages (the session's cache); none: every face is cut again. */
export type SubsetMemory = <T>(key: string, make: () => T) => T

/**
 * Characters a page can show that its markup need not spell: printable ASCII (generated
 * numbers, counters), list bullets and the punctuation of quotes, hyphenation and ellipses.
 */
const alwaysKept = charactersOf(
  `${Array.from({ length: 0x5f }, (_, index) => String.fromCharCode(0x20 + index)).join('')}\u00a0\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u25aa\u25e6`,
)

export async function cssFontFaces(brand: Brand, text?: string, remember?: SubsetMemory, language?: string): Promise<string> {
  const shown = text === undefined ? undefined : withCases(text)
  if (shown === undefined) return fontFaceRules(brand, undefined, undefined, language)
  // The faces are chosen by what the page shows; each is cut with the characters kept anyway too.
  const kept = new Set([...shown, ...alwaysKept])
  // A document's HTML edition and each of its prints show the same characters: the rules
  // (each face cut and in base64) are made once for them.
  const key = `rules:${brand.digest}:${language ?? ''}:${[...shown].sort((a, b) => a - b).join(',')}`
  const make = () => fontFaceRules(brand, drawn(shown), kept, language, remember)
  return remember ? remember(key, make) : make()
}

/**
 * The characters of `text` and their upper and lower case: the stylesheet upper-cases some
 * headings (`text-transform`). Cased character by character (what casing the whole text
 * gives, and a few hundred characters rather than the markup's hundreds of kilobytes), but
 * for a text with a capital sigma, whose lower case depends on where in a word it is.
 */
function withCases(text: string): Set<number> {
  const own = charactersOf(text)
  const shown = new Set(own)
  // A capital sigma lower-cases to a final sigma at a word's end only.
  const sigma = own.has(0x03a3)
  for (const point of own) {
    const character = String.fromCodePoint(point)
    charactersOf(character.toUpperCase(), shown)
    if (!sigma) charactersOf(character.toLowerCase(), shown)
  }
  if (sigma) charactersOf(text.toLowerCase(), shown)
  return shown
}

async function fontFaceRules(brand: Brand, used: ReadonlySet<number> | undefined, kept: ReadonlySet<number> | undefined, language: string | undefined, remember?: SubsetMemory): Promise<string> {
  const faces = facesFor(brand, used, language)
  const rules = await Promise.all(
    faces.map(async (font) => {
      const data = kept === undefined ? font.trueType : await cutFace(font, kept, remember)
      return `@font-face { font-family: '${font.family}'; font-weight: ${font.weight}; font-style: ${font.style}; font-display: block; src: url(data:font/ttf;base64,${Buffer.from(data).toString('base64')}) format('truetype');${font.unicodeRange ? ` unicode-range: ${font.unicodeRange};` : ''} }`
    }),
  )
  return rules.join('\n')
}

/**
 * The characters that draw a glyph of their own. Controls (the markup's line breaks) and
 * format characters (the typographic pass's soft hyphens, zero-width joiners) are missing from
 * the code face or from every face but some script fallback's, and would otherwise pull that
 * script's font into every page; a script that needs its joiners has its letters on the page.
 */
function drawn(characters: ReadonlySet<number>): Set<number> {
  return new Set([...characters].filter((point) => !/^[\p{Cc}\p{Cf}]$/u.test(String.fromCodePoint(point))))
}

/** The faces a page with the characters `used` needs (every face when not known). */
function facesFor(brand: Brand, used: ReadonlySet<number> | undefined, language: string | undefined): WebFontFace[] {
  const { body, code } = brand.tokens.fonts
  const fallbacks = orderedFallbacks(brand.tokens, language)
  const coveredBy = (family: string) => familyCharacters(brand, family)
  const primary = [coveredBy(body.family), coveredBy(code.family)]
  const before: Array<ReadonlySet<number>> = []
  const needed = new Set<string>([body.family, code.family])
  for (const fallback of fallbacks) {
    const own = coveredBy(fallback.family)
    const missing = used === undefined || [...used].some((point) => primary.some((set) => !set.has(point)) && !before.some((set) => set.has(point)) && own.has(point))
    if (missing) needed.add(fallback.family)
    before.push(own)
  }
  return brand.webFonts.filter((font) => needed.has(font.family) && (used === undefined || [...used].some((point) => font.characters.has(point))))
}

/** The characters of each family's faces together, by brand: made once, asked for every page. */
const coverage = new WeakMap<Brand, Map<string, ReadonlySet<number>>>()

function familyCharacters(brand: Brand, family: string): ReadonlySet<number> {
  let families = coverage.get(brand)
  if (!families) coverage.set(brand, (families = new Map()))
  let characters = families.get(family)
  if (!characters) {
    const result = new Set<number>()
    for (const font of brand.webFonts) if (font.family === family) for (const point of font.characters) result.add(point)
    families.set(family, (characters = result))
  }
  return characters
}

function cutFace(font: WebFontFace, used: ReadonlySet<number>, remember: SubsetMemory | undefined): Promise<Uint8Array> {
  const characters = [...used].filter((point) => font.characters.has(point)).sort((a, b) => a - b)
  const cut = () => subsetTrueType(font.trueType, characters)
  return remember ? remember(`${font.woff}:${characters.join(',')}`, cut) : cut()
}
