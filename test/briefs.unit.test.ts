import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Element, Root as HastRoot, RootContent } from 'hast'
import { toString } from 'hast-util-to-string'
import { VFile } from 'vfile'
import { loadContent, type Content } from '../src/content/load.ts'
import { concernsOf, propositionsOf, routeAppearancesOf } from '../src/assemble/brief/concerns.ts'
import { fileSlug, resolveCountry } from '../src/assemble/brief/brief.ts'
import type { PublishedDocument } from '../src/assemble/model.ts'
import { UsageError } from '../src/errors/catalogue.ts'
import { briefOf, eventOf } from './support/assemble.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

let content: Content
beforeAll(async () => {
  content = await loadContent(path.join(here, '..', 'source'))
})

/** A proposition's text as a reader sees it (the data writes emphasis in Markdown). */
const plain = (markdown: string) => markdown.replace(/\*+/g, '')
const briefText = (brief: PublishedDocument) => brief.sections.map((section) => toString(section.tree)).join('\n')

function elements(node: HastRoot | Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []))
}

/**
 * Headings that nothing follows before the next heading of the same or a higher level:
 * an empty heading in any format. Content is text or a list item; an empty map
 * placeholder is not content.
 */
function emptyHeadings(tree: HastRoot): string[] {
  type Token = { heading: number; text: string } | { content: true }
  const tokens: Token[] = []
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text' && node.value.trim() !== '') tokens.push({ content: true })
      if (node.type !== 'element') continue
      const rank = /^h([1-6])$/.exec(node.tagName)?.[1]
      if (rank) tokens.push({ heading: Number(rank), text: toString(node) })
      else walk(node.children)
    }
  }
  walk(tree.children)
  return tokens.flatMap((token, index) => {
    if (!('heading' in token)) return []
    for (const next of tokens.slice(index + 1)) {
      if ('content' in next) return []
      if (next.heading <= token.heading) break
    }
    return [token.text]
  })
}

describe('query: what concerns a country', () => {
  it('gives each country exactly the propositions the content names it in, in report order, and none to a country named in none', () => {
    // Derived from the loaded content, so that an edit of the forum does not break it.
    const all = content.themes.flatMap((theme) => theme.propositions)
    for (const country of content.countries) {
      const expected = all.filter((proposition) => proposition.countries.includes(country.code)).map((proposition) => proposition.id)
      expect(propositionsOf(content, country.code).map((entry) => entry.proposition.id), country.code).toEqual(expected)
    }
    const namedInNone = content.countries.filter((country) => !all.some((proposition) => proposition.countries.includes(country.code)))
    for (const country of namedInNone) expect(propositionsOf(content, country.code), country.code).toEqual([])
  })

  it('counts statements of a group that includes the country, never those of unnamed delegations', () => {
    const laos = propositionsOf(content, 'LAO').map((entry) => entry.proposition.id)
    expect(laos).toEqual(['regular-meetings'])
    const everyone = content.countries.flatMap((country) => propositionsOf(content, country.code).map((entry) => entry.proposition.id))
    expect(everyone).not.toContain('standardised-training-materials')
    expect(everyone).not.toContain('regional-platforms')
  })

  it("names a country's partners with how often they proposed together, most often first", () => {
    for (const country of content.countries) {
      const expected = new Map<string, string[]>()
      for (const proposition of content.themes.flatMap((theme) => theme.propositions)) {
        if (!proposition.countries.includes(country.code)) continue
        for (const other of proposition.countries.filter((code) => code !== country.code)) expected.set(other, [...(expected.get(other) ?? []), proposition.id])
      }
      const partners = concernsOf(eventOf(content), eventOf(content).lookup.country(country.code)).partners
      expect(new Map(partners.map((partner) => [partner.code, partner.propositionIds])), country.code).toEqual(expected)
      for (const partner of partners) expect(partner.count).toBe(partner.propositionIds.length)
      const counts = partners.map((partner) => partner.count)
      expect(counts, country.code).toEqual([...counts].sort((a, b) => b - a))
    }
  })

  it('lists the themes a country took part in, in report order', () => {
    expect(concernsOf(eventOf(content), eventOf(content).lookup.country('THA')).themes.map((theme) => theme.id)).toEqual([
      'information-sharing',
      'technology-and-human-intelligence',
      'regional-capacity',
      'public-awareness-and-prevention',
    ])
    expect(concernsOf(eventOf(content), eventOf(content).lookup.country('JPN')).themes).toEqual([])
  })

  it("gives each route's role for the country, through the places in it", () => {
    const roles = (code: string) =>
      routeAppearancesOf(content, code, eventOf(content).lookup).map((entry) => ({
        route: entry.route.id,
        stops: entry.stops.map((stop) => `${stop.role}@${stop.placeName}`),
      }))
    expect(roles('THA')).toEqual([
      { route: 'mekong-cyber-scam-centre-route', stops: ['exploitation-site@Thailand'] },
      { route: 'document-fraud-production-hubs', stops: ['forgery-centre@Greater Bangkok'] },
      { route: 'cyber-scam-compounds', stops: ['hub@Bangkok'] },
      { route: 'most-frequent-flows', stops: ['destination@Thailand'] },
      { route: 'to-thailand-and-china', stops: ['destination@Thailand'] },
      { route: 'australia-new-zealand-bound', stops: ['transit@Thailand'] },
    ])
    const cyberScam = routeAppearancesOf(content, 'THA', eventOf(content).lookup).find((entry) => entry.route.id === 'cyber-scam-compounds')
    expect(cyberScam?.group?.id).toBe('forced-criminality')
    expect(cyberScam?.kind).toBe('trafficking')
    const sexualExploitation = routeAppearancesOf(content, 'THA', eventOf(content).lookup).find((entry) => entry.route.id === 'to-thailand-and-china')
    expect(sexualExploitation?.route.purposes).toEqual(['sexual-exploitation'])
    expect(roles('BGD')).toContainEqual({ route: 'bay-of-bengal-andaman-sea-maritime-route', stops: ["departure-point@Cox's Bazar"] })
    expect(roles('TUR')).toEqual([{ route: 'east-south-east-asia-to-europe-north-america', stops: ['hub@Istanbul'] }])
    expect(roles('MYS').map((entry) => entry.route)).toContain('document-fraud-production-hubs')
  })

  it('does not count a region as naming its member countries', () => {
    // Japan is a member of "East Asia", Bangladesh of "South Asia": neither is named on those routes.
    expect(routeAppearancesOf(content, 'JPN', eventOf(content).lookup)).toEqual([])
    const bangladesh = routeAppearancesOf(content, 'BGD', eventOf(content).lookup).map((entry) => entry.route.id)
    expect(bangladesh).toEqual(['bay-of-bengal-andaman-sea-maritime-route', 'to-pacific-island-countries'])
  })

  it('finds the challenge points that name the country, verbatim', () => {
    const bangladesh = concernsOf(eventOf(content), eventOf(content).lookup.country('BGD')).challenges
    expect(bangladesh.map((mention) => mention.point.id)).toEqual(['resourcing-at-border-crossings'])
    expect(bangladesh[0]?.alsoNamed).toEqual(['BTN', 'KHM', 'IDN', 'LKA'])
    expect(concernsOf(eventOf(content), eventOf(content).lookup.country('THA')).challenges).toEqual([])
  })
})

describe('resolving the country asked for', () => {
  it('accepts a code or a name, ignoring case, accents and "the"', () => {
    expect(resolveCountry(eventOf(content), 'THA').code).toBe('THA')
    expect(resolveCountry(eventOf(content), 'tha').code).toBe('THA')
    expect(resolveCountry(eventOf(content), 'thailand').code).toBe('THA')
    expect(resolveCountry(eventOf(content), ' Türkiye ').code).toBe('TUR')
    expect(resolveCountry(eventOf(content), 'turkiye').code).toBe('TUR')
    expect(resolveCountry(eventOf(content), 'the Philippines').code).toBe('PHL')
    expect(resolveCountry(eventOf(content), 'UAE').code).toBe('ARE')
    expect(resolveCountry(eventOf(content), 'United States of America').code).toBe('USA')
  })

  it('lists the participants for a batch, and resolves a non-participant only when asked for', () => {
    const batch = eventOf(content).lookup.participants.map((country) => country.code)
    expect(batch).toHaveLength(29)
    expect(batch).not.toContain('MMR')
    expect(batch).not.toContain('VNM')
    expect(resolveCountry(eventOf(content), 'Myanmar').code).toBe('MMR')
    expect(resolveCountry(eventOf(content), 'viet nam').code).toBe('VNM')
  })

  it('refuses an unknown country with a usage error that lists close matches', () => {
    expect(() => resolveCountry(eventOf(content), 'Thailnd')).toThrow(UsageError)
    expect(() => resolveCountry(eventOf(content), 'Thailnd')).toThrow(/Unknown country "Thailnd".*"Thailand"/)
    expect(() => resolveCountry(eventOf(content), 'Turkey')).toThrow(/"Türkiye"/)
    expect(() => resolveCountry(eventOf(content), 'Atlantis')).toThrow(/participating countries: AUS, BGD/)
    expect(() => resolveCountry(eventOf(content), '')).toThrow(UsageError)
  })

  it('makes assembleBrief refuse an unknown country the same way', async () => {
    await expect(briefOf(content, 'Thailnd')).rejects.toThrow(UsageError)
  })
})

describe('the built brief', () => {
  it('has the country on the cover, in the running header and in the output path', async () => {
    const brief = await briefOf(content, 'thailand')
    expect(brief.kind).toBe('brief')
    expect(brief.outputPath).toBe('briefs/THA-thailand')
    expect(brief.cover.eyebrow).toBe('Country brief')
    expect(brief.cover.title).toBe('Country brief: Thailand')
    expect(brief.runningHeader).toBe('Country brief: Thailand · Third RSO Border Forum')
    expect(brief.tableOfContents).toBe(false)
    expect(brief.draft).toBe(true)
    expect(brief.metadata.keywords).toContain('Thailand')
    expect((await briefOf(content, 'TUR')).outputPath).toBe('briefs/TUR-turkiye')
    expect(fileSlug('Lao PDR')).toBe('lao-pdr')
  })

  it.each(['THA', 'MNG', 'JPN', 'BGD', 'PHL', 'LKA', 'ARE'])('%s: contains exactly its propositions, verbatim, and no other country’s', async (code) => {
    const text = briefText(await briefOf(content, code))
    for (const theme of content.themes) {
      for (const proposition of theme.propositions) {
        if (proposition.countries.length === 0) continue
        if (proposition.countries.includes(code)) expect(text, proposition.id).toContain(plain(proposition.text))
        else expect(text, proposition.id).not.toContain(plain(proposition.text))
      }
    }
  })

  it('says who made each proposition together, and lists partners and themes', async () => {
    const text = briefText(await briefOf(content, 'THA'))
    // Every item of Thailand's names its delegations in bold, as the reference writes them: no "Raised by" line, as in the report.
    expect(text).toContain('LAO PDR, MALAYSIA, the PHILIPPINES, THAILAND, and TIMOR-LESTE advocated')
    expect(text).not.toContain('Raised by')
    expect(text).toContain('What Thailand raised')
    expect(text).not.toContain('Proposed by')
    expect(text).toContain('Philippines: two items together, under Strengthen Information Sharing Mechanisms')
    for (const partner of ['United States', 'Lao PDR', 'Malaysia', 'Timor-Leste', 'Cambodia', 'Canada', 'Sri Lanka']) {
      expect(text).toContain(`${partner}: one item together`)
    }
    // Numbers as the house style writes them, and the share of themes said once, in the propositions' introduction.
    expect(text).toContain('Thailand raised six recommendation items, under four of the report\'s five recommendation themes.')
    expect(text).not.toMatch(/raised items under/)
  })

  it('shows the route roles with the places that carry them', async () => {
    const thailand = briefText(await briefOf(content, 'THA'))
    expect(thailand).toContain('Role of Thailand: Hub at Bangkok (regional travel hub)')
    expect(thailand).toContain('Role of Thailand: Forgery centre at Greater Bangkok')
    expect(thailand).toContain('Role of Thailand: Place of exploitation (cyber-scam compounds)')
    expect(thailand).toContain('Forced Criminality: Via regional travel hubs to cyber-scam compounds')
    expect(thailand).toContain('To Thailand and China for sexual exploitation\nRole of Thailand: Destination')
    expect(thailand).toContain('Australia/New Zealand bound routes\nRole of Thailand: Transit')
    const bangladesh = briefText(await briefOf(content, 'BGD'))
    expect(bangladesh).toContain("Role of Bangladesh: Departure point at Cox's Bazar (key maritime departure point)")
    expect(bangladesh).toContain(content.challenges[2]!.points[0]!.text)
    const turkiye = briefText(await briefOf(content, 'TUR'))
    expect(turkiye).toContain('Role of Türkiye: Hub at Istanbul (visa-free or no-transit-visa hub)')
  })

  it('keeps a map place, per route kind, only where the country is on a route', async () => {
    const maps = (brief: PublishedDocument) =>
      brief.sections.flatMap((section) => elements(section.tree)).filter((element) => element.tagName === 'figure')
    const thailand = maps(await briefOf(content, 'THA'))
    expect(thailand.map((figure) => figure.properties)).toEqual([
      { className: ['map'], dataMap: 'corridors', dataHighlight: 'THA' },
      { className: ['map'], dataMap: 'trafficking', dataHighlight: 'THA' },
      { className: ['map'], dataMap: 'smuggling', dataHighlight: 'THA' },
    ])
    expect(maps(await briefOf(content, 'TUR')).map((figure) => figure.properties.dataMap)).toEqual(['corridors'])
    expect(maps(await briefOf(content, 'JPN'))).toEqual([])
  })

  it('gives a country the report barely names a correct, useful brief', async () => {
    const japan = await briefOf(content, 'JPN')
    expect(japan.sections.map((section) => section.id)).toEqual(['forum-in-brief', 'regional-recommendations', 'participation'])
    const text = briefText(japan)
    expect(text).toContain('The report records no recommendation item raised by Japan; it names Japan on no corridor, route or challenge.')
    expect(text).toContain('Japan was one of the 29 countries that took part in the Third RSO Border Forum.')
    for (const theme of content.themes) expect(text).toContain(theme.title)
    for (const outcome of content.keyOutcomes) expect(text).toContain(outcome.title)
    expect(text).toContain('Several delegations encouraged the development of standardised training materials')
  })

  it('tells a non-participant that it did not take part', async () => {
    const text = briefText(await briefOf(content, 'Myanmar'))
    expect(text).toContain('Myanmar was not among the 29 countries that took part')
    expect(text).toContain('Role of Myanmar: Place of exploitation')
  })

  it('has no empty section or heading and no "undefined", "null" or "[object Object]" in any brief', async () => {
    const everyone = [...eventOf(content).lookup.participants, ...content.countries.filter((country) => !country.participant)]
    for (const country of everyone) {
      const brief = await briefOf(content, country.code)
      const whole = [briefText(brief), brief.runningHeader, JSON.stringify(brief.cover), JSON.stringify(brief.metadata)].join('\n')
      expect(whole, country.code).not.toMatch(/undefined|null|\[object Object\]|NaN/)
      const ids = brief.sections.map((section) => section.id)
      expect(new Set(ids).size, country.code).toBe(ids.length)
      for (const section of brief.sections) {
        const [first] = section.tree.children.filter((node) => node.type === 'element')
        expect(first && first.type === 'element' && first.tagName, `${country.code} ${section.id}`).toBe('h1')
        expect(emptyHeadings(section.tree), `${country.code} ${section.id}`).toEqual([])
        expect(section.title.trim(), `${country.code} ${section.id}`).not.toBe('')
      }
    }
  })

  it('has an empty-heading check that catches one', () => {
    const heading = (tagName: string, value: string): Element => ({ type: 'element', tagName, properties: {}, children: [{ type: 'text', value }] })
    const paragraph: Element = { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'Text.' }] }
    const tree: HastRoot = {
      type: 'root',
      children: [heading('h1', 'Section'), heading('h2', 'Empty'), { type: 'text', value: '\n' }, heading('h2', 'Full'), paragraph, heading('h2', 'Last')],
    }
    expect(emptyHeadings(tree)).toEqual(['Empty', 'Last'])
  })

  it('is the same for the same content', async () => {
    const first = await briefOf(content, 'THA')
    const second = await briefOf(content, 'THA')
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
  })
})

describe('hand-written notes', () => {
  const withNotes = async (code: string, fixture: string): Promise<{ content: Content; file: VFile }> => {
    const filePath = path.join(here, 'fixtures', 'briefs', fixture)
    const file = new VFile({ path: filePath, value: await fs.readFile(filePath, 'utf8') })
    return { content: { ...content, briefNotes: new Map([[code, file]]) }, file }
  }

  it('go after the summary when the front matter says so, with their title and author', async () => {
    const { content: annotated } = await withNotes('THA', 'after-summary.md')
    const brief = await briefOf(annotated, 'THA')
    expect(brief.sections.map((section) => section.id)).toEqual([
      'forum-in-brief',
      'notes',
      'propositions',
      'routes',
      'partners',
      'participation',
    ])
    const notes = brief.sections[1]!
    expect(notes.title).toBe("Desk officer's notes")
    expect(toString(notes.tree)).toContain('A second point of the fixture.')
    expect(toString(notes.tree)).toContain('Notes by Test fixture')
    expect(emptyHeadings(notes.tree)).toEqual([])
  })

  it('go at the end by default', async () => {
    const { content: annotated } = await withNotes('JPN', 'end.md')
    const brief = await briefOf(annotated, 'JPN')
    expect(brief.sections.map((section) => section.id)).toEqual(['forum-in-brief', 'regional-recommendations', 'participation', 'notes'])
    expect(brief.sections.at(-1)?.title).toBe('Notes for the meeting')
  })

  it('report a bad front matter on their file, at its place', async () => {
    const { content: annotated, file } = await withNotes('MNG', 'bad-front-matter.md')
    const brief = await briefOf(annotated, 'MNG')
    const message = file.messages.find((entry) => entry.fatal)
    expect(message?.ruleId).toBe('schema')
    expect(message?.line).toBe(2)
    expect(brief.sections.find((section) => section.id === 'notes')?.file).toBe(file)
  })
})
