/**
 * The official report as a reader gets it: text extracted from the real PDF, its
 * bookmarks, properties, fonts and table of contents.
 */
import path from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { loadContent, type Content } from '../src/content/load.ts'
import { plain, readPdf, type PdfFacts } from './support/pdf.ts'
import { withoutHyphens } from './support/text.ts'
import { reportOf } from './support/assemble.ts'

let pdf: PdfFacts
let content: Content
let text: string
let sectionTitles: string[]

beforeAll(async () => {
  content = await loadContent('source')
  pdf = await readPdf(path.join(inject('outDir'), 'report', `${content.forum.slug}.pdf`))
  // The body: after the cover and the contents, which repeat the headings.
  // Punctuation as the source writes it and no hyphens, so that every sentence reads as it is
  // written whatever the typographic pass and the line breaks did (`support/text.ts`).
  text = withoutHyphens(pdf.pages.slice(2).join(' '))
  const report = await reportOf(content, 'draft')
  sectionTitles = report.sections.map((section) => section.title)
})

/** As the recommendations write a delegation: short name in capitals, "the" where the report uses it. */
const countryName = (code: string) => {
  const country = content.countries.find((entry) => entry.code === code)
  if (!country) return code
  return withoutHyphens(`${country.article ? 'the ' : ''}${(country.shortName ?? country.name).toUpperCase()}`)
}

describe('completeness against the reference', () => {
  it('prints every proposition under its theme, with the countries that made it', () => {
    let cursor = 0
    content.themes.forEach((theme, index) => {
      const themeAt = text.indexOf(withoutHyphens(`${index + 1}. ${theme.title}`), cursor)
      expect(themeAt, `theme "${theme.title}"`).toBeGreaterThan(-1)
      cursor = themeAt
      for (const proposition of theme.propositions) {
        const sentence = withoutHyphens(plain(proposition.text))
        const at = text.indexOf(sentence, cursor)
        expect(at, `proposition ${proposition.id} after its theme`).toBeGreaterThan(cursor - 1)
        const nextTheme = content.themes[index + 1]
        if (nextTheme) expect(at).toBeLessThan(text.indexOf(withoutHyphens(`${index + 2}. ${nextTheme.title}`)))
        if (proposition.countries.length > 0) {
          const names = proposition.countries.map(countryName)
          const after = text.slice(at + sentence.length, at + sentence.length + 200).trimStart()
          // As in the reference, a sentence that names every delegation in bold has no "Raised by" line.
          const bold = [...proposition.text.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => withoutHyphens(match[1] ?? '').toUpperCase())
          const namedInBold = names.every((name) => bold.some((segment) => segment.includes(name.replace(/^the /, ''))))
          if (namedInBold) expect(after, `${proposition.id} has no "Raised by" line`).not.toMatch(/^Raised by/)
          else for (const name of names) expect(after, `${proposition.id} names ${name}`).toMatch(new RegExp(`^Raised by [^.]*${name}`))
        }
        cursor = at
      }
    })
  })

  it('names all 29 participating countries and every organisation', () => {
    const participants = content.countries.filter((country) => country.participant)
    expect(participants).toHaveLength(29)
    for (const country of participants) expect(text).toContain(withoutHyphens(country.listedAs ?? country.name))
    for (const organisation of content.organisations) expect(text).toContain(withoutHyphens(organisation.listedAs))
  })

  it('has the whole glossary', () => {
    const glossaryPage = withoutHyphens(pdf.pages.findLast((page) => page.includes('Glossary')) ?? '')
    for (const entry of content.glossary) {
      expect(glossaryPage).toContain(withoutHyphens(entry.term))
      expect(glossaryPage).toContain(withoutHyphens(entry.definition))
    }
  })

  it('has the foreword with both signatories, every corridor, route and challenge', () => {
    for (const signatory of content.forum.signatories) expect(text).toContain(withoutHyphens(`${signatory.name} ${signatory.role}`))
    for (const route of [...content.corridors, ...content.smuggling]) expect(text).toContain(withoutHyphens(route.name))
    for (const challenge of content.challenges) expect(text).toContain(withoutHyphens(challenge.title))
    for (const flow of content.trafficking.flatMap((group) => group.flows)) expect(text).toContain(withoutHyphens(plain(flow.description)))
  })

  it('shows the value the reference lost as a mark in a draft', () => {
    expect(text).toContain(withoutHyphens('[missing: the number of countries] countries have reported cases'))
  })
})

describe('print layout', () => {
  it('has a cover without running header or page number, then "Page X of Y" on every page', () => {
    const total = pdf.pages.length
    expect(total).toBeGreaterThanOrEqual(12)
    expect(pdf.pages[0]).toContain(content.forum.title)
    expect(pdf.pages[0]).not.toMatch(/Page \d+ of/)
    expect(pdf.pages[0]).not.toContain(content.forum.shortTitle)
    for (let number = 2; number < total; number++) {
      expect(pdf.pages[number - 1]).toContain(`Page ${number} of ${total}`)
      expect(pdf.pages[number - 1]).toContain(content.forum.shortTitle)
    }
  })

  it('lists the sections in the contents with the pages they start on', () => {
    const contents = pdf.pages[1] ?? ''
    expect(contents).toContain('Contents')
    for (const title of sectionTitles) {
      const match = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (\\d+)`).exec(contents)
      expect(match, `contents entry for ${title}`).not.toBeNull()
      const page = Number(match?.[1])
      const printed = pdf.pages[page - 1] ?? ''
      expect(printed.indexOf(title), `"${title}" is on page ${page}`).toBeGreaterThan(-1)
      // It starts there: the previous page does not carry the heading (sections start on a new page).
      expect(pdf.pages[page - 2]?.includes(`${title} `) && page - 2 !== 1).toBe(false)
    }
  })

  it('never leaves a heading at the foot of a page', () => {
    const total = pdf.pages.length
    const headings = pdf.outline.map((entry) => entry.title).filter((title) => title !== content.forum.title && title !== 'Contents')
    expect(headings.length).toBeGreaterThanOrEqual(30)
    for (const heading of headings) {
      const number = pdf.pages.findIndex((page, index) => index > 1 && page.includes(heading))
      expect(number, heading).toBeGreaterThan(1)
      const page = (pdf.pages[number] ?? '').replace(`Page ${number + 1} of ${total}`, '').replace(content.forum.shortTitle, '').replace('DRAFT', '')
      const after = page.slice(page.indexOf(heading) + heading.length)
      expect(after.trim().length, `text after "${heading}" on page ${number + 1}`).toBeGreaterThan(150)
    }
  })

  it('has bookmarks that mirror the headings', () => {
    const top = pdf.outline.filter((entry) => entry.depth === 0).map((entry) => entry.title)
    for (const title of sectionTitles) expect(top).toContain(title)
    expect(top.filter((title) => sectionTitles.includes(title))).toEqual(sectionTitles)
    const nested = pdf.outline.filter((entry) => entry.depth > 0).map((entry) => entry.title)
    for (const theme of content.themes) expect(nested.some((title) => title.endsWith(theme.title))).toBe(true)
  })

  it('sets the document properties and language', () => {
    expect(pdf.info.Title).toBe(`${content.forum.title}: ${content.forum.documentType}`)
    expect(pdf.info.Author).toBe('Regional Support Office of the Bali Process')
    expect(pdf.info.Subject).toBe(content.forum.subject)
    expect(String(pdf.info.Keywords)).toContain('people smuggling')
    expect(pdf.language).toBe('en-GB')
  })

  it('embeds every font, all of them the brand\'s', () => {
    expect(pdf.fonts.length).toBeGreaterThan(0)
    for (const font of pdf.fonts) {
      expect(font.embedded, font.name).toBe(true)
      if (!font.type3) expect(font.name).toMatch(/SourceSans3/)
    }
    expect(pdf.fonts.filter((font) => !font.type3).length).toBeGreaterThanOrEqual(3)
  })
})
