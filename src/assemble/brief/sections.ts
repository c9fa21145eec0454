/**
 * The parts of a country brief, as Markdown trees built from the query's answer, in the
 * order a desk officer reads them: the country's own facts, what it raised, where it is on
 * the routes, the challenges that name it, and last the event in one short paragraph. Each
 * builder returns nothing when the country has nothing for it, so a brief never shows an
 * empty heading or a part that only says it is empty; what a country lacks is said once,
 * in the first part. Every sentence is either the report's own wording or a plain
 * statement of what the data holds (counts, names, roles), never a claim the report does
 * not make, and never a sentence about the brief itself. Every word comes from the words
 * table.
 */
import type { RootContent } from 'mdast'
import { routeKinds, type RouteKind } from '../../content/model.ts'
import type { Country } from '../../content/schema.ts'
import { delegationName } from '../../content/words.ts'
import { container, heading, inline, list, paragraph, strong, text } from '../../transform/mdast-builders.ts'
import { collectionNodes } from '../../transform/author-collection.ts'
import { routeFacts } from '../../transform/directives/routes.ts'
import { namesEvery } from '../../transform/directives/statements.ts'
import type { AssemblyContext } from '../context.ts'
import { type CountryConcerns, type RouteAppearance } from './concerns.ts'

export interface BriefSectionContent {
  id: string
  title: string
  children: RootContent[]
  /** Maps to place in the section, each right after the heading it belongs to. */
  maps?: BriefMap[]
}

/** Where a brief shows one of its maps (drawn by the lay-out stage). */
export interface BriefMap {
  /** Id of the heading the map follows. */
  after: string
  /** The kind of routes the map shows. */
  routes: RouteKind
  /** The country to highlight; the map shows only the routes that name it. */
  highlight: string
}

export interface BriefContext extends AssemblyContext {
  country: Country
  concerns: CountryConcerns
  /** The country's name in running text ("the Philippines"). */
  name: string
}

/** "one of the forum's five recommendation themes", "both of ...", "all three of ...". */
function shareOfThemes({ words, content }: BriefContext, taken: number): string {
  const total = content.themes.length
  return words.say('brief.themes.share', { taken, total, all: taken === total ? 'yes' : 'no' })
}

/**
 * What the content holds about the country outside its items, routes and challenges: that
 * it did not take part, the venue, its signatories with their roles, its funders in the
 * report's words; and, for a participant that raised nothing, that it did not (with what
 * names it nowhere). Left out when there is none of these.
 */
export function country(context: BriefContext): BriefSectionContent | undefined {
  const { content, words, concerns, name } = context
  const { forum } = content
  const code = concerns.country.code
  const sentences: string[] = []
  if (!concerns.country.participant) sentences.push(words.sentence(words.say('brief.country.not-participant', { country: name })))
  if (forum.venue.country === code) {
    sentences.push(words.say('brief.country.venue', { country: name, city: forum.venue.city, dates: forum.dates.display }))
  }
  const role = (entry: (typeof forum.signatories)[number]) => words.say('brief.country.signatory-role', { name: entry.name, role: entry.role })
  for (const entry of forum.signatories.filter((candidate) => candidate.country === code)) {
    const others = forum.signatories.filter((other) => other !== entry)
    const values = { name: entry.name, role: entry.role }
    sentences.push(
      others.length === 0
        ? words.say('brief.country.signatory', values)
        : words.say('brief.country.signatory-with', { ...values, others: words.list(others.map(role)) }),
    )
  }
  const funders = forum.funders.filter((entry) => entry.country === code)
  if (funders.length > 0) {
    const funding = words.list(funders.map((entry) => words.say('brief.country.funding-entry', { support: entry.support, funder: entry.name })))
    sentences.push(words.say('brief.country.funding', { organiser: forum.organiserShortName, funding }))
  }
  const noItems = concerns.country.participant && content.themes.length > 0 && concerns.propositions.length === 0
  const kinds = namedNowhere(context)
  const notNamed = kinds !== undefined
  // A country with items of its own hears what names it nowhere after them, in the next part.
  if (noItems && notNamed) sentences.push(words.sentence(words.say('brief.country.nothing', { country: name, kinds })))
  else if (noItems) sentences.push(words.sentence(words.say('brief.country.no-items', { country: name })))
  if (sentences.length === 0) return undefined
  return {
    id: 'country',
    title: words.sentence(words.say('brief.country.title', { country: name })),
    children: [paragraph([text(sentences.join(' '))], 'lead')],
  }
}

/** Which kinds the event has (routes, challenges, both) when none of them names the country; undefined when one does, or the event has neither. */
function namedNowhere({ content, concerns }: BriefContext): 'both' | 'routes' | 'challenges' | undefined {
  const hasRoutes = content.corridors.length + content.trafficking.length + content.smuggling.length > 0
  const hasChallenges = content.challenges.length > 0
  if (!(hasRoutes || hasChallenges) || concerns.routes.length > 0 || concerns.challenges.length > 0) return undefined
  return hasRoutes && hasChallenges ? 'both' : hasRoutes ? 'routes' : 'challenges'
}

/** Every proposition the country made, verbatim, under its theme, with who made it together; left out when it made none. */
export function propositions(context: BriefContext): BriefSectionContent | undefined {
  const { lookup, words, concerns, name } = context
  if (concerns.propositions.length === 0) return undefined
  const delegation = delegationName(concerns.country, words)
  const together = concerns.propositions.filter((entry) => entry.coProposers.length > 0).length
  const partners = concerns.partners.map((partner) => {
    const partnerName = lookup.countryInText(partner.code)
    return partner.count > 1 && together > 1 ? words.say('brief.raised.partner-items', { partner: partnerName, count: partner.count }) : partnerName
  })
  const intro = words.sentence(words.say('brief.raised.intro', { country: name, count: concerns.propositions.length, themes: shareOfThemes(context, concerns.themes.length) }))
  const withOthers =
    together > 0 ? words.say('brief.raised.together', { together, all: together === concerns.propositions.length ? 'yes' : 'no', partners: words.list(partners) }) : undefined
  const kinds = namedNowhere(context)
  const nowhere = kinds === undefined ? undefined : words.say('brief.country.not-named', { country: name, kinds })
  return {
    id: 'propositions',
    title: words.sentence(words.say('brief.raised.title', { country: name })),
    children: [
      paragraph([text([intro, withOthers, nowhere].filter((sentence) => sentence !== undefined).join(' '))]),
      ...concerns.propositionsByTheme.flatMap(({ theme, themeNumber, propositions: entries }) => [
        heading(2, [text(words.say('heading.numbered', { number: themeNumber, title: theme.title }))], `propositions-${theme.id}`, 'theme'),
        ...entries.map(({ proposition, coProposers }) => {
          const sentence = inline(proposition.text)
          // As in the report: no "Raised by" line where the sentence already names every delegation.
          const named = namesEvery(sentence, proposition.countries.map((code) => lookup.country(code)))
          const raisedBy =
            coProposers.length > 0
              ? words.say('brief.raised-by-with', { country: delegation, others: words.list(coProposers.map((code) => delegationName(lookup.country(code), words))) })
              : words.say('brief.raised-by', { country: delegation })
          return container(
            [paragraph(sentence), ...(named ? [] : [paragraph([text(raisedBy)], 'proposed-by')])],
            'proposition',
            'div',
            { dataProposition: proposition.id },
          )
        }),
      ]),
    ],
  }
}


/** Every corridor and route that names the country or a place in it, with its role there. */
export function routes(context: BriefContext): BriefSectionContent | undefined {
  const { words, concerns, name } = context
  if (concerns.routes.length === 0) return undefined
  const kinds = routeKinds.filter((kind) => concerns.routes.some((entry) => entry.kind === kind))
  return {
    id: 'routes',
    title: words.say('brief.routes.title', { country: name }),
    maps: kinds.map((kind) => ({ after: `routes-${kind}`, routes: kind, highlight: concerns.country.code })),
    children: [
      ...kinds.flatMap((kind) => [
        heading(2, [text(words.say(`brief.routes.${kind}`))], `routes-${kind}`),
        ...concerns.routes.filter((entry) => entry.kind === kind).flatMap((entry) => routeBlock(context, entry)),
      ]),
    ],
  }
}

function routeBlock(context: BriefContext, entry: RouteAppearance): RootContent[] {
  const { words, name } = context
  const { route, group } = entry
  const title = group ? words.say('brief.routes.group-route', { group: group.name, route: route.name }) : route.name
  const roles = entry.stops.map((stop) => {
    const role = words.say(`role.${stop.role}`, { count: 1 })
    const where = stop.viaPlace ? words.say('brief.routes.role-at', { role, place: stop.placeName }) : role
    return stop.stop.note ? words.say('note.aside', { text: where, note: stop.stop.note }) : where
  })
  return [
    container(
      [
        heading(3, [text(title)], `route-${entry.kind}-${route.id}`, 'route-name'),
        paragraph([strong(text(words.say('brief.routes.role-of', { country: name }))), text(` ${roles.join(words.say('list.group-separator'))}`)]),
        paragraph(inline(route.description)),
        routeFacts(route, context),
      ],
      'route',
      'div',
      { dataRoute: route.id },
    ),
  ]
}

/** The challenge points that name the country, verbatim, under their challenge. */
export function challenges({ words, concerns, name }: BriefContext): BriefSectionContent | undefined {
  if (concerns.challenges.length === 0) return undefined
  const byChallenge = new Map<string, typeof concerns.challenges>()
  for (const mention of concerns.challenges) {
    byChallenge.set(mention.challenge.id, [...(byChallenge.get(mention.challenge.id) ?? []), mention])
  }
  return {
    id: 'challenges',
    title: words.say('brief.challenges.title', { country: name }),
    children: [...byChallenge.values()].flatMap((mentions) => {
      const [first] = mentions
      if (!first) return []
      const { challenge, challengeNumber } = first
      return [
        heading(2, [text(words.say('heading.numbered', { number: challengeNumber, title: challenge.title }))], `challenges-${challenge.id}`),
        paragraph(inline(challenge.summary), 'lead'),
        list(mentions.map((mention) => [paragraph(inline(mention.point.text))]), { className: 'challenge-points' }),
      ]
    }),
  }
}

/**
 * Each author-defined collection whose schema marks country codes, narrowed to the entries
 * that name the country, rendered by its template under the schema's title; none for a
 * collection that does not name the country.
 */
export function authorCollections({ content, concerns }: BriefContext): BriefSectionContent[] {
  return [...content.collections.values()].flatMap((collection) => {
    // Empty when the collection names no entry of this country; rendered and checked ahead, at the collection's files, so a problem is said once there.
    const children = collectionNodes(collection, concerns.country.code)
    if (children.length === 0) return []
    return [{ id: `collection-${collection.name}`, title: collection.title, children }]
  })
}

/**
 * The event in one short paragraph, the same in every brief: where and when, the theme,
 * the key outcomes by their titles, and how many took part.
 */
export function forum(context: BriefContext): BriefSectionContent {
  const { content, lookup, words } = context
  const { forum: event } = content
  const place = { eventTitle: event.title, dates: event.dates.display, city: event.venue.city, country: lookup.country(event.venue.country).name }
  const participants = lookup.participants.length
  const after = [
    ...(content.keyOutcomes.length > 0 ? [words.say('brief.forum.outcomes', { outcomes: words.list(content.keyOutcomes.map((outcome) => outcome.title)) })] : []),
    words.say('brief.forum.participants', { count: participants, organisations: content.organisations.length }),
  ]
  return {
    id: 'forum',
    title: words.sentence(words.say('brief.forum.title')),
    children: [
      paragraph([
        ...words
          .sayParts(
            event.delegates === undefined ? 'brief.forum.text' : 'brief.forum.text-with-delegates',
            { ...place, delegates: event.delegates ?? '', theme: event.theme },
            ['theme'],
          )
          .map((piece) => (typeof piece === 'string' ? text(piece) : { type: 'emphasis' as const, children: [text(piece.value)] })),
        text(` ${after.join(' ')}`),
      ]),
    ],
  }
}
