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
import { asWritten, punctuationAsWritten } from './support/text.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

let content: Content
beforeAll(async () => {
  content = await loadContent(path.join(here, '..', 'source'))
})

/** A proposition's text as a reader sees it (the data writes emphasis in Markdown). */
const plain = (markdown: string) => punctuationAsWritten(markdown.replace(/\*+/g, ''))
/** A brief's text, its punctuation and breaks as the content writes them (the typographic pass aside). */
const briefText = (brief: PublishedDocument) => punctuationAsWritten(brief.sections.map((section) => toString(section.tree)).join('\n'))

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

  it('says who made each proposition together, in a sentence, and the share of themes', async () => {
    const text = briefText(await briefOf(content, 'THA'))
    // Every item of Thailand's names its delegations in bold, as the reference writes them: no "Raised by" line, as in the report.
    expect(text).toContain('LAO PDR, MALAYSIA, the PHILIPPINES, THAILAND, and TIMOR-LESTE advocated')
    expect(text).not.toContain('Raised by')
    expect(text).toContain('What Thailand raised')
    expect(text).not.toContain('Proposed by')
    // Numbers as the house style writes them; who it raised items with, most items first, in one sentence.
    expect(text).toContain(
      "Thailand raised six recommendation items, under four of the forum's five recommendation themes. It raised three of them with the Philippines (two items), Cambodia, Canada, Lao PDR, Malaysia, Sri Lanka, Timor-Leste and the United States.",
    )
    expect(briefText(await briefOf(content, 'AUS'))).toContain('It raised one of them with Sri Lanka.')
    expect(briefText(await briefOf(content, 'TLS'))).toContain(
      "Timor-Leste raised one recommendation item, under one of the forum's five recommendation themes. It was raised jointly with Lao PDR, Malaysia, the Philippines and Thailand.",
    )
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

  it('gives a country the report barely names a correct, useful brief: its absence said once, then the forum', async () => {
    const japan = await briefOf(content, 'JPN')
    expect(japan.sections.map((section) => section.id)).toEqual(['country', 'forum'])
    const text = briefText(japan)
    expect(text).toContain('Japan raised no recommendation item of its own, and delegates did not name it on any corridor or route, or in any challenge.')
    expect(text).toContain(punctuationAsWritten('The Third RSO Border Forum brought more than 120 delegates to Bangkok, Thailand, over 28–29 January 2025'))
    expect(text).toContain('Delegations of 29 countries took part, with 13 organisations.')
    for (const outcome of content.keyOutcomes) expect(text).toContain(outcome.title)
    // What every brief would repeat stays out: the outcomes' text, the list of participants and organisations, items of no named country.
    expect(text).not.toContain(content.keyOutcomes[0]!.text.slice(0, 40))
    expect(text).not.toContain('Bangladesh, Bhutan')
    expect(text).not.toContain('ASEANAPOL')
    expect(text).not.toContain('Several delegations encouraged')
    // Said once, after what it raised: a country with items but on no route and in no challenge.
    const mongolia = await briefOf(content, 'MNG')
    expect(mongolia.sections.map((section) => section.id)).toEqual(['propositions', 'forum'])
    expect(briefText(mongolia)).toContain(
      "Mongolia raised one recommendation item, under one of the forum's five recommendation themes. Delegates did not name Mongolia on any corridor or route, or in any challenge.\n",
    )
    expect(briefText(mongolia).match(/did not name/g)).toHaveLength(1)
  })

  it('tells a non-participant that it did not take part', async () => {
    const text = briefText(await briefOf(content, 'Myanmar'))
    expect(text).toContain('Myanmar did not take part in the forum.')
    expect(text).not.toContain('raised no recommendation item')
    expect(text).toContain('Role of Myanmar: Place of exploitation')
  })

  it('has the same parts in the same order in every brief, and no sentence about the brief itself', async () => {
    const order = ['country', 'propositions', 'routes', 'challenges', 'forum']
    const everyone = [...eventOf(content).lookup.participants, ...content.countries.filter((country) => !country.participant)]
    for (const country of everyone) {
      const brief = await briefOf(content, country.code)
      const ids = brief.sections.map((section) => section.id)
      expect(ids.at(-1), country.code).toBe('forum')
      expect(ids, country.code).toEqual(order.filter((id) => ids.includes(id)))
      const text = briefText(brief)
      // What it lacks, said once at most.
      const lacks = text.split(/(?<=\.)\s/).filter((sentence) => /did not name|raised no recommendation item/.test(sentence))
      expect(lacks.length, country.code).toBeLessThanOrEqual(1)
      for (const phrase of [/quoted as the report writes/i, /comes first/i, /names \S+ on no/, /items? together, under/, /this brief/i, /the report (?:records|names|attributes)/i]) {
        expect(text, `${country.code} ${phrase}`).not.toMatch(phrase)
      }
    }
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
    expect(brief.sections.map((section) => section.id)).toEqual(['country', 'notes', 'propositions', 'routes', 'forum'])
    const notes = brief.sections[1]!
    expect(notes.title).toBe("Desk officer's notes")
    expect(asWritten(toString(notes.tree))).toContain('A second point of the fixture.')
    expect(asWritten(toString(notes.tree))).toContain('Notes by Test fixture')
    expect(emptyHeadings(notes.tree)).toEqual([])
  })

  it('go at the end by default', async () => {
    const { content: annotated } = await withNotes('JPN', 'end.md')
    const brief = await briefOf(annotated, 'JPN')
    expect(brief.sections.map((section) => section.id)).toEqual(['country', 'forum', 'notes'])
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

describe('every fact the content holds about the country', () => {
  const events = {
    'source/': path.join(here, '..', 'source'),
    tiny: path.join(here, 'fixtures', 'events', 'tiny'),
    'pacific-workshop': path.join(here, 'fixtures', 'events', 'pacific-workshop'),
  }
  const sectionText = (brief: PublishedDocument, id: string) => {
    const section = brief.sections.find((entry) => entry.id === id)
    return section ? punctuationAsWritten(toString(section.tree)) : ''
  }

  it.each(Object.entries(events))('%s: the venue, signatories, funders, items with their co-authors, routes with roles and challenges, in the brief of each country they concern', async (_, folder) => {
    const event = folder === events['source/'] ? content : await loadContent(folder)
    const { forum } = event
    const { lookup } = eventOf(event)
    for (const country of event.countries) {
      const brief = await briefOf(event, country.code)
      const text = briefText(brief)
      const own = sectionText(brief, 'country')
      const name = lookup.countryInText(country.code)
      expect(own.includes(`held in ${name}, in ${forum.venue.city}`), `${country.code} venue`).toBe(forum.venue.country === country.code)
      for (const signatory of forum.signatories) {
        expect(own.includes(`${signatory.name}, ${signatory.role}, signed`), `${country.code} ${signatory.id}`).toBe(signatory.country === country.code)
      }
      for (const funder of forum.funders) {
        expect(text.includes(funder.name), `${country.code} ${funder.name}`).toBe(funder.country === country.code)
        if (funder.country === country.code) expect(own).toContain(`${funder.support} from ${funder.name}`)
      }
      const concerns = concernsOf(eventOf(event), country)
      const raised = sectionText(brief, 'propositions').split('\n').slice(0, 3).join(' ')
      for (const { proposition, coProposers } of concerns.propositions) {
        expect(text, proposition.id).toContain(plain(proposition.text))
        for (const code of coProposers) expect(raised, `${country.code} with ${code}`).toContain(lookup.countryInText(code))
      }
      const routes = sectionText(brief, 'routes')
      for (const appearance of concerns.routes) {
        expect(routes, appearance.route.id).toContain(appearance.route.name)
        for (const stop of appearance.stops) expect(routes, `${appearance.route.id} ${stop.role}`).toContain(eventOf(event).words.say(`role.${stop.role}`, { count: 1 }))
      }
      for (const mention of concerns.challenges) expect(sectionText(brief, 'challenges'), mention.point.id).toContain(plain(mention.point.text))
    }
  })

  it('says what the reference says of Australia, Indonesia and Thailand, in its words', async () => {
    const australia = briefText(await briefOf(content, 'AUS'))
    expect(australia).toContain('David Scott, RSO Co-Manager (Australia), signed the report with Fuad Adriansyah, RSO Co-Manager (Indonesia).')
    expect(australia).toContain(
      'The RSO acknowledges core funding support from the Australian Government Department of Home Affairs and additional funding contributions from the Australian Government Department of Foreign Affairs and Trade, which made the forum possible.',
    )
    expect(briefText(await briefOf(content, 'IDN'))).toContain('Fuad Adriansyah, RSO Co-Manager (Indonesia), signed the report with David Scott, RSO Co-Manager (Australia).')
    expect(briefText(await briefOf(content, 'THA'))).toContain(punctuationAsWritten('The forum was held in Thailand, in Bangkok, over 28–29 January 2025.'))
  })
})
