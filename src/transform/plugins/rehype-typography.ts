/**
 * Typographic polish, as a printer's reader would make it, on the sanitised tree: so it
 * reaches the Markdown's text and the strings a directive or a brief made from the JSON
 * data alike, in every format. Only punctuation and break opportunities change, never a
 * word:
 *
 * - straight quotes and apostrophes become typographic ones (retext-smartypants, run over
 *   a whole block at once so a quote that opens before a bold word closes after it);
 * - a hyphen between two numbers ("20-45", "2024-2026") becomes an en dash;
 * - a no-break space holds a day to its month, a month to its year, a number to its unit;
 * - words get soft hyphens (U+00AD) from the event's language's patterns (`hyphen`):
 *   Chromium on Linux has no hyphenation dictionaries, so `hyphens: auto` does nothing in
 *   the print, and Word and LibreOffice hyphenate only where a document asks. The HTML
 *   edition removes them again (`render/html`), so that its text copies and searches clean.
 *
 * Code, addresses and headings keep their characters; a language without patterns gets
 * no soft hyphens.
 */
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import { unified } from 'unified'
import retextLatin from 'retext-latin'
import retextSmartypants from 'retext-smartypants'
import retextStringify from 'retext-stringify'

export interface TypographyOptions {
  /** BCP 47 tag of the event's language (forum.json `language`): picks the quotes and the hyphenation patterns. */
  language: string
  /** Insert soft hyphens (default: true). */
  hyphenate?: boolean
  /** Remembers each word's hyphenation; one per processor, so a build hyphenates a word once. */
  cache?: Map<string, string>
}

export const softHyphen = '\u00ad'
const noBreakSpace = '\u00a0'

/** Elements whose text is not prose: its characters stay as written. */
const literal = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'var'])
/** Blocks whose text is one run for the quotes: a quote opened in one is closed in it. */
const blocks = new Set(['p', 'li', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'caption', 'blockquote', 'div', 'section', 'aside', 'figure', 'table', 'tr', 'thead', 'tbody', 'ul', 'ol', 'dl'])
/** Headings are set without hyphens: a broken word in a heading reads badly. */
const unhyphenated = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Text that is an address, not prose: a web address, an e-mail address, a path. */
const addressLike = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|\S@\S|\/\S+\/)/i

/** Quotes by language; a language not listed takes the English ones. */
const quotesByLanguage: Record<string, { open: { double: string; single: string }; close: { double: string; single: string } }> = {
  de: { open: { double: '„', single: '‚' }, close: { double: '“', single: '‘' } },
  fr: { open: { double: '«', single: '‹' }, close: { double: '»', single: '›' } },
  es: { open: { double: '«', single: '“' }, close: { double: '»', single: '”' } },
  it: { open: { double: '«', single: '“' }, close: { double: '»', single: '”' } },
  ru: { open: { double: '«', single: '„' }, close: { double: '»', single: '“' } },
}

export function rehypeTypography(options: TypographyOptions) {
  const language = options.language.toLowerCase()
  const quotes = quotesByLanguage[language.split('-')[0] ?? ''] ?? { open: { double: '“', single: '‘' }, close: { double: '”', single: '’' } }
  const smartypants = unified()
    .use(retextLatin)
    .use(retextSmartypants, { quotes: true, backticks: false, dashes: false, ellipses: false, openingQuotes: quotes.open, closingQuotes: quotes.close })
    .use(retextStringify)
  const hyphenator = options.hyphenate === false ? undefined : hyphenatorFor(language)
  const cache = options.cache ?? new Map<string, string>()
  const nonBreaking = nonBreakingRules(options.language)

  const educateQuotes = (text: string): string => {
    if (!/['"]/.test(text)) return text
    const result = String(smartypants.processSync(text))
    // Quotes are one character for one: anything else means the library did more than asked.
    return result.length === text.length ? result : text
  }

  const hyphenateWord = (word: string): string => {
    let known = cache.get(word)
    if (known === undefined) {
      known = hyphenator ? hyphenator(word) : word
      cache.set(word, known)
    }
    return known
  }

  return (tree: Root) => {
    for (const run of textRuns(tree)) {
      // The run's text as one string, addresses and code masked so they neither change nor
      // confuse the quotes around them.
      const joined = run.map((entry) => (entry.skip ? 'x'.repeat(entry.node.value.length) : entry.node.value)).join('')
      const educated = educateQuotes(joined)
      let offset = 0
      for (const entry of run) {
        const length = entry.node.value.length
        if (!entry.skip) {
          let value = educated.slice(offset, offset + length)
          value = numberRanges(value)
          value = nonBreaking(value)
          if (hyphenator && entry.hyphenate) value = value.replace(/[\p{L}\p{M}]{7,}/gu, (word) => (/\p{Lu}{2}/u.test(word) ? word : hyphenateWord(word)))
          entry.node.value = value
        }
        offset += length
      }
    }
  }
}

/**
 * The same polish for a text that is not in a section's tree (a cover's title and theme,
 * its dates, the running head, the back cover): a function setting one text as a paragraph
 * of it is set, without soft hyphens, as a heading is. One per language; call it for every
 * text of a document.
 */
export function textTypographer(language: string): (text: string) => string {
  const transform = rehypeTypography({ language, hyphenate: false })
  return (text) => {
    const node: Text = { type: 'text', value: text }
    transform({ type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [node] }] })
    return node.value
  }
}

interface RunEntry {
  node: Text
  /** Code or an address: kept as written. */
  skip: boolean
  hyphenate: boolean
}

/** The tree's text nodes, grouped by the block they stand in. */
function textRuns(tree: Root): RunEntry[][] {
  const runs: RunEntry[][] = []
  const visit = (children: ReadonlyArray<RootContent | ElementContent>, run: RunEntry[], skip: boolean, hyphenate: boolean) => {
    for (const child of children) {
      if (child.type === 'text') {
        run.push({ node: child, skip: skip || addressLike.test(child.value), hyphenate })
      } else if (child.type === 'element') {
        const element = child as Element
        if (literal.has(element.tagName)) {
          // Masked in the run, so quotes around code still pair.
          visit(element.children, run, true, false)
          continue
        }
        const linkText = element.tagName === 'a' && typeof element.properties.href === 'string' && !element.properties.href.startsWith('#')
        const childSkip = skip || (linkText && looksLikeItsAddress(element))
        const childHyphenate = hyphenate && !unhyphenated.has(element.tagName)
        if (blocks.has(element.tagName)) {
          const inner: RunEntry[] = []
          runs.push(inner)
          visit(element.children, inner, childSkip, childHyphenate)
        } else {
          visit(element.children, run, childSkip, childHyphenate)
        }
      }
    }
  }
  const top: RunEntry[] = []
  runs.push(top)
  visit(tree.children, top, false, true)
  return runs.filter((run) => run.length > 0)
}

/** A link whose text is its own address (a bare URL or e-mail): the text is not prose. */
function looksLikeItsAddress(element: Element): boolean {
  const text = element.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
  const href = String(element.properties.href)
  return text.length > 0 && (href.includes(text) || text.includes(href.replace(/^mailto:/, '')) || addressLike.test(text))
}

/** An apostrophe inside a word ("Cox's", "l'Asie") is the typographic one in every language that writes one. */
export function typographicApostrophes(text: string): string {
  return text.replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
}

/** "20-45", "2024-2026": a hyphen between two numbers that stand alone is an en dash. */
function numberRanges(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}\-‐/.:,+])(\d{1,4})-(\d{1,4})(?![\p{L}\p{N}\-/.:]|[.,]\d)/gu, '$1–$2')
}

/** What must not break at a space: "12 March", "March 2025", "45 km", "20 per cent". */
function nonBreakingRules(language: string): (text: string) => string {
  let months: string[] = []
  try {
    const format = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' })
    months = Array.from({ length: 12 }, (_, month) => format.format(new Date(Date.UTC(2024, month, 15))))
  } catch {
    // An unknown language has no month names to hold; the units still apply.
    months = []
  }
  const month = months.map(escapeRegExp).join('|')
  const units = ['per cent', 'percent', '%', 'km', 'm', 'cm', 'mm', 'kg', 'g', 't', 'ha', 'km²', 'm²', '°C', 'pt']
  const unit = units.map(escapeRegExp).join('|')
  const afterDay = month ? new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2}) (${month})(?![\\p{L}])`, 'gu') : undefined
  const beforeYear = month ? new RegExp(`(?<![\\p{L}])(${month}) (\\d{1,4})(?![\\p{N}])`, 'gu') : undefined
  const beforeUnit = new RegExp(`(?<![\\p{L}])(\\d+(?:[.,]\\d+)?) (${unit})(?![\\p{L}\\p{N}])`, 'gu')
  return (text) => {
    if (!/\d/.test(text)) return text
    let value = text
    if (afterDay) value = value.replace(afterDay, `$1${noBreakSpace}$2`)
    if (beforeYear) value = value.replace(beforeYear, `$1${noBreakSpace}$2`)
    return value.replace(beforeUnit, `$1${noBreakSpace}$2`)
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The languages `hyphen` has patterns for: the names of its pattern files. */
let patternLanguages: Set<string> | undefined
const require = createRequire(import.meta.url)

/**
 * A function that puts soft hyphens into one word, from the patterns of `language` or of
 * its base language ("en-gb", then "en"); undefined where there are none. Words of seven
 * letters or more are broken, leaving three letters at least on each side of a break: the patterns
 * alone would split "Thai-l-and", and short breaks make a paragraph of hyphens.
 */
export function hyphenatorFor(language: string): ((word: string) => string) | undefined {
  patternLanguages ??= new Set(fs.readdirSync(path.join(path.dirname(require.resolve('hyphen/package.json')), 'patterns')).map((name) => name.replace(/\.js$/, '')))
  const tag = language.toLowerCase()
  const name = [tag, tag.split('-')[0] ?? ''].find((candidate) => patternLanguages?.has(candidate))
  if (!name) return undefined
  const { hyphenateSync } = require(`hyphen/${name}`) as { hyphenateSync: (text: string, options: { hyphenChar: string; minWordLength: number }) => string }
  return (word) => {
    const parts = hyphenateSync(word, { hyphenChar: softHyphen, minWordLength: 7 }).split(softHyphen)
    if (parts.length === 1) return word
    let result = parts[0] ?? ''
    let sinceBreak = result.length
    let position = result.length
    for (const part of parts.slice(1)) {
      const canBreak = sinceBreak >= 3 && word.length - position >= 3
      result += (canBreak ? softHyphen : '') + part
      sinceBreak = canBreak ? part.length : sinceBreak + part.length
      position += part.length
    }
    return result
  }
}
