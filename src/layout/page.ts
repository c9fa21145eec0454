/** Page furniture in print: size, margins, the running header, the draft mark and page numbers. */
import { fontFamilies, fontStack, type Brand } from '../brand/brand.ts'
import type { PublishedDocument, WordParts } from '../assemble/model.ts'

/**
 * A CSS string literal; the running header is content, so it is escaped like any. `<` and
 * `>` are written as CSS escapes too: the stylesheet sits in a <style> element, which a
 * literal `</style>` would close, letting the rest of the text in as HTML.
 */
export function cssString(value: string): string {
  const escaped = value
    .replace(/[\n\r\f]/g, ' ')
    .replace(/[\\"<>&\u0000-\u001f\u007f]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `)
  return `"${escaped}"`
}

/**
 * Page numbers are written in the digits of the language's default numbering system, as
 * CLDR gives it through Intl (the digits its other numbers are written in): Western for
 * `ar` and `ur`, Arabic-Indic for `ar-EG`, Persian for `fa`, Bengali for `bn`, Tibetan for
 * `dz`. The CSS counter style of each system; a system CSS has none for is written Western.
 */
const counterStyles: Readonly<Record<string, string>> = {
  arab: 'arabic-indic',
  arabext: 'persian',
  beng: 'bengali',
  deva: 'devanagari',
  gujr: 'gujarati',
  guru: 'gurmukhi',
  khmr: 'khmer',
  knda: 'kannada',
  laoo: 'lao',
  mlym: 'malayalam',
  mong: 'mongolian',
  mymr: 'myanmar',
  orya: 'oriya',
  tamldec: 'tamil',
  telu: 'telugu',
  thai: 'thai',
  tibt: 'tibetan',
}

/** The language's default numbering system (CLDR's, through Intl), `latn` for a tag Intl does not take. */
export function numberingSystem(language: string): string {
  try {
    return new Intl.NumberFormat(language).resolvedOptions().numberingSystem
  } catch {
    return 'latn'
  }
}

/** A page number as the language writes its numbers, in the same digits as the printer's counters. */
export function pageNumberText(language: string, page: number): string {
  const system = numberingSystem(language)
  return new Intl.NumberFormat(language, { useGrouping: false, numberingSystem: counterStyles[system] ? system : 'latn' }).format(page)
}

/** A word with the printer's counters where its fields are: `"Page " counter(page) " of " counter(pages)`. */
function cssContent(parts: WordParts, language: string): string {
  const style = counterStyles[numberingSystem(language)] ?? 'decimal'
  const pieces = parts.map((part) => (typeof part === 'string' ? cssString(part) : `counter(${part.field === 'pages' ? 'pages' : 'page'}, ${style})`))
  return pieces.length > 0 ? pieces.join(' ') : 'none'
}

export function pageCss(document: PublishedDocument, brand: Brand): string {
  const { page, colors, sizes } = brand.tokens
  const { words } = document
  const marginBox = `font-family: ${fontStack(fontFamilies(brand.tokens, document.metadata.language).body, 'sans-serif')}; font-size: ${sizes.header}pt; color: ${colors.muted};`
  // Margin boxes are placed by the page's sides, not by the text's direction: mirrored by hand for a language written from right to left.
  const rtl = document.metadata.direction === 'rtl'
  const start = rtl ? 'right' : 'left'
  const end = rtl ? 'left' : 'right'
  const direction = `direction: ${document.metadata.direction};`
  return `@page {
  size: ${page.size};
  margin: ${page.marginTop} ${page.marginOutside} ${page.marginBottom} ${page.marginInside};
  @top-${start} { content: ${cssString(document.runningHeader)}; ${marginBox} ${direction} text-align: ${start}; vertical-align: bottom; padding-bottom: 5mm; }
  @top-${end} { content: ${document.draft ? cssString(words.draftMark) : 'none'}; ${marginBox} ${direction} text-align: ${end}; color: ${colors.missing}; font-weight: 700; vertical-align: bottom; padding-bottom: 5mm; }
  @bottom-${end} { content: ${cssContent(words.pageNumber, document.metadata.language)}; ${marginBox} ${direction} text-align: ${end}; vertical-align: top; padding-top: 5mm; }
}
@page full-bleed {
  margin: 0;
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
.is-draft .draft-watermark::before { content: ${cssString(words.draftMark)}; }`
}
