/**
 * The built-in words tables (src/content/words/<language>.json): each has every key of the
 * English defaults, parses, uses only the values the default offers, and only the plural
 * forms its language has (Indonesian and Thai have only "other": a table that writes
 * `one {…}` would print it for no number). Also what the words do with a language: lists,
 * capitals at the start of a sentence, file names from names in other scripts, and the
 * marks a right-to-left DOCX gets, and the faces its runs in other scripts name.
 */
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { builtinLanguages, builtinTable, createWords, defaultWords, textDirection, type WordKey } from '../src/content/words.ts'
import type { Content } from '../src/content/model.ts'
import { codeAndSlug } from '../src/text/slug.ts'
import { mirrorRightToLeft } from '../src/render/docx/right-to-left.ts'
import { markScriptRuns, ScriptFaces, type ScriptsUsed } from '../src/render/docx/script-runs.ts'
import { wordsSheet } from '../src/content/words-sheet.ts'
import { pageCss, pageNumberText } from '../src/layout/page.ts'
import { loadBrand } from '../src/brand/brand.ts'
import type { PublishedDocument } from '../src/assemble/model.ts'

interface Element {
  type: number
  value?: string
  options?: Record<string, { value: Element[] }>
}

/** Values a message uses, and the plural selectors it writes (`one`, `other`, `=1`). */
function shape(message: string, language: string): { values: Set<string>; selectors: Set<string> } {
  const values = new Set<string>()
  const selectors = new Set<string>()
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if ([1, 2, 5, 6].includes(element.type) && element.value) values.add(element.value)
      if (element.type === 6) for (const key of Object.keys(element.options ?? {})) selectors.add(key)
      for (const option of Object.values(element.options ?? {})) walk(option.value)
    }
  }
  walk(new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).getAst() as unknown as Element[])
  return { values, selectors }
}

const languages = builtinLanguages()

describe('built-in words tables', () => {
  it('has a table for the languages of the invented fixtures', () => {
    expect(languages).toEqual(expect.arrayContaining(['ar', 'id', 'th']))
  })

  for (const language of languages) {
    it(`${language}: every key, as messages with the default's values and ${language}'s plural forms`, () => {
      const table = builtinTable(language)
      expect(table?.language).toBe(language)
      expect(Object.keys(table?.words ?? {}).sort()).toEqual(Object.keys(defaultWords).sort())
      const categories = new Set<string>(new Intl.PluralRules(language).resolvedOptions().pluralCategories)
      for (const [key, message] of Object.entries(table?.words ?? {})) {
        const english = shape(defaultWords[key as WordKey], 'en')
        // A number value also comes written out as `{nameText}`; `{event}` is always there.
        const offered = new Set([...english.values, ...[...english.values].map((value) => `${value}Text`), 'event'])
        const { values, selectors } = shape(message as string, language)
        for (const value of values) expect(offered.has(value), `${language} ${key}: {${value}} is not a value of this word`).toBe(true)
        for (const selector of selectors) expect(selector.startsWith('=') || categories.has(selector), `${language} ${key}: "${selector}" is not a plural form of ${language}`).toBe(true)
      }
    })
  }
})

function wordsFor(language: string, words?: Record<string, string>) {
  return createWords({ forum: { language, words } } as unknown as Content)
}

describe('the words of a language', () => {
  it('picks the table by the language\'s tag, with the event\'s own words over it', () => {
    expect(wordsFor('id-ID').say('contents.title')).toBe('Daftar isi')
    expect(wordsFor('id', { 'contents.title': 'Isi' }).say('contents.title')).toBe('Isi')
    expect(wordsFor('en-GB').say('contents.title')).toBe('Contents')
  })

  it('joins lists by CLDR, or by the table where it corrects CLDR (Thai: a space each side of "และ")', () => {
    expect(wordsFor('id').list(['A', 'B', 'C'])).toBe('A, B, dan C')
    expect(wordsFor('th').list(['(IOM)', 'B'])).toBe('(IOM) และ B')
    expect(wordsFor('ar').list(['أ', 'ب', 'ج'])).toBe('أ، ب وج')
  })

  it('starts a sentence with a capital whatever value comes first', () => {
    expect(wordsFor('en-GB').say('brief.country.no-items', { country: 'the Philippines' })).toBe('The Philippines raised no recommendation item of its own.')
    // A phrase that goes inside another keeps its letter.
    expect(wordsFor('en-GB').say('map.alt.from', { places: 'A' })).toBe('from A')
  })

  it('says which languages are written from right to left', () => {
    expect(['ar', 'fa', 'ur', 'dv'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl'])
    expect(textDirection('th')).toBe('ltr')
  })

  it('gives the translator each value and the language\'s plural forms', () => {
    const row = wordsSheet('id').rows.find((entry) => entry.key === 'brief.raised.intro')
    expect(row?.note).toContain('plural forms in id: other (no "one"')
    expect(row?.translation).toContain('butir rekomendasi')
  })
})

describe('page numbers', () => {
  it('are written in the digits CLDR gives the language (Western for "ar", Arabic-Indic for "ar-EG")', () => {
    expect(['en', 'ar', 'ar-EG', 'fa', 'bn', 'dz', 'th'].map((language) => pageNumberText(language, 12))).toEqual(['12', '12', '١٢', '۱۲', '১২', '༡༢', '12'])
  })

  it('are counted in print in the same digits', async () => {
    const brand = await loadBrand()
    const css = (language: string) => {
      const document = { metadata: { language, direction: textDirection(language) }, words: { draftMark: 'x', pageNumber: [{ field: 'page' }, ' / ', { field: 'pages' }] }, runningHeader: 'x', draft: false }
      return pageCss(document as unknown as PublishedDocument, brand)
    }
    expect(css('ar-EG')).toContain('counter(page, arabic-indic) " / " counter(pages, arabic-indic)')
    expect(css('fa')).toContain('counter(page, persian)')
    expect(css('ar')).toContain('counter(page, decimal)')
  })
})

describe('file names from names in other scripts', () => {
  it('transliterates Latin, Greek and Cyrillic, and gives the code alone for the rest', () => {
    expect(codeAndSlug('TUR', 'Türkiye')).toBe('TUR-turkiye')
    expect(codeAndSlug('MNG', 'Монгол Улс')).toBe('MNG-mongol-uls')
    expect(codeAndSlug('THA', 'ไทย')).toBe('THA')
    expect(codeAndSlug('ARE', 'الإمارات العربية المتحدة')).toBe('ARE')
  })
})

describe('a right-to-left DOCX', () => {
  it('marks paragraphs w:bidi and runs of right-to-left letters w:rtl, in the schema\'s order', () => {
    const xml = '<w:body><w:p><w:pPr><w:pStyle w:val="A"/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/><w:lang w:val="ar"/></w:rPr><w:t>مرحبا</w:t></w:r><w:r><w:t>2031</w:t></w:r></w:p><w:p><w:r><w:t>نص</w:t></w:r></w:p></w:body>'
    expect(mirrorRightToLeft(xml)).toBe(
      '<w:body><w:p><w:pPr><w:pStyle w:val="A"/><w:bidi/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/><w:rtl/><w:lang w:val="ar"/></w:rPr><w:t>مرحبا</w:t></w:r><w:r><w:t>2031</w:t></w:r></w:p><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>نص</w:t></w:r></w:p></w:body>',
    )
  })
})

describe('runs in other scripts than the document\'s, in the DOCX', () => {
  it('are cut where the script changes and name the brand\'s face for theirs, in its slot', async () => {
    const brand = await loadBrand()
    const faces = new ScriptFaces(brand, 'th', 'Noto Sans Thai')
    const used: ScriptsUsed = new Map()
    const xml = '<w:p><w:r><w:rPr><w:rStyle w:val="S"/><w:b/><w:lang w:val="th"/></w:rPr><w:t xml:space="preserve">ไทย, Bangladesh (বাংলাদেশ) &amp; ශ්‍රී ලංකාව; مصر 日本</w:t></w:r><w:r><w:t>Australia</w:t></w:r></w:p>'
    const runs = [...markScriptRuns(xml, faces, used).matchAll(/<w:r>(?:<w:rPr>(.*?)<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map(([, properties, text]) => [text, properties])
    expect(runs).toEqual([
      // The document's own script and Latin keep the styles' faces; the punctuation around another script goes with them.
      ['ไทย, Bangladesh (', '<w:rStyle w:val="S"/><w:b/><w:lang w:val="th"/>'],
      ['বাংলাদেশ', '<w:rStyle w:val="S"/><w:rFonts w:cs="Noto Sans Bengali"/><w:b/><w:cs/><w:lang w:val="th"/>'],
      [') &amp; ', '<w:rStyle w:val="S"/><w:b/><w:lang w:val="th"/>'],
      // A space between two words of one script, and the joiner, stay in its run.
      ['ශ්‍රී ලංකාව', '<w:rStyle w:val="S"/><w:rFonts w:cs="Noto Sans Sinhala"/><w:b/><w:cs/><w:lang w:val="th"/>'],
      ['; ', '<w:rStyle w:val="S"/><w:b/><w:lang w:val="th"/>'],
      ['مصر', '<w:rStyle w:val="S"/><w:rFonts w:cs="Noto Naskh Arabic"/><w:b/><w:rtl/><w:cs/><w:lang w:val="th"/>'],
      [' ', '<w:rStyle w:val="S"/><w:b/><w:lang w:val="th"/>'],
      ['日本', '<w:rStyle w:val="S"/><w:rFonts w:eastAsia="Noto Sans JP" w:hint="eastAsia"/><w:b/><w:lang w:val="th"/>'],
      ['Australia', undefined],
    ])
    expect([...used.keys()].sort()).toEqual(['Noto Naskh Arabic', 'Noto Sans Bengali', 'Noto Sans JP', 'Noto Sans Sinhala'])
    // A part in Latin and the document's script alone is left as it is, byte for byte.
    const own = '<w:p><w:r><w:t>ไทย Thailand</w:t></w:r></w:p>'
    expect(markScriptRuns(own, faces, new Map())).toBe(own)
  })
})
