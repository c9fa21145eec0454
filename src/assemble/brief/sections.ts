/**
 * The sections of a country brief, as Markdown trees built from the query's answer. Each
 * builder returns nothing when the country has nothing for it, so a brief never shows an
 * empty heading; every sentence is either the report's own wording or a plain statement
 * of what the data holds (counts, names, roles), never a claim the report does not make.
 */
import type { BlockContent, PhrasingContent, RootContent } from 'mdast'
import type { Content, RouteKind } from '../../content/model.ts'
import { stopsByRole, type Lookup } from '../../content/lookup.ts'
import type { Route } from '../../content/schema.ts'
import { container, heading, inline, joinNames, list, paragraph, strong, text } from '../../transform/mdast-builders.ts'
import { unattributedPropositions, type CountryConcerns, type RouteAppearance } from './concerns.ts'
import { delegationName, type Say } from '../../content/words.ts'
import { collectionNodes } from '../../transform/author-collection.ts'

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

export interface BriefContext {
  content: Content
  lookup: Lookup
  concerns: CountryConcerns
  /** The event's words (`src/content/words.ts`). */
  say: Say
}

/** The forum, what the report says of the country in one paragraph, and the key outcomes. */
export function forumInBrief({ content, lookup, concerns, say }: BriefContext): BriefSectionContent {
  const { forum } = content
  const venueCountry = lookup.country(forum.venue.country).name
  const glance = atAGlance(content, concerns, lookup)
  return {
    id: 'forum-in-brief',
    title: say('brief.event-in-brief'),
    children: [
      paragraph([
        text(
          forum.delegates === undefined
            ? `The ${forum.title}, held over ${forum.dates.display} in ${forum.venue.city}, ${venueCountry}, met under the theme `
            : `The ${forum.title}, held over ${forum.dates.display} in ${forum.venue.city}, ${venueCountry}, convened ${forum.delegates} delegates under the theme `,
        ),
        { type: 'emphasis', children: [text(forum.theme)] },
        text('.'),
      ]),
      ...(glance ? [paragraph([text(glance)], 'lead')] : []),
      ...(content.keyOutcomes.length > 0
        ? [
            heading(2, [text(say('brief.key-outcomes'))], 'forum-in-brief-key-outcomes'),
            list(
              content.keyOutcomes.map((outcome) => [paragraph([strong(text(`${outcome.title}:`)), text(' '), ...inline(outcome.text)])]),
              { className: 'key-outcomes' },
            ),
          ]
        : []),
    ],
  }
}

/**
 * One sentence that says, from counts alone, what the rest of the brief holds; it speaks
 * only of the collections the event has, and is left out when it has none of them.
 */
function atAGlance(content: Content, concerns: CountryConcerns, lookup: Lookup): string | undefined {
  const { country, propositions, themes, routes, challenges } = concerns
  const name = lookup.countryInText(country.code)
  const proposed =
    content.themes.length === 0
      ? undefined
      : propositions.length > 0
        ? `records ${count(propositions.length, 'recommendation item')} raised by ${name} under ${count(themes.length, 'recommendation theme')}`
        : `records no recommendation item raised by ${name}`
  const hasRoutes = content.corridors.length + content.trafficking.length + content.smuggling.length > 0
  const onRoutes = !hasRoutes
    ? undefined
    : routes.length > 0
      ? `on ${count(routes.length, 'corridor or route', 'corridors and routes')}`
      : 'on no corridor or route'
  const inChallenges = content.challenges.length === 0 ? undefined : challenges.length > 0 ? `in ${count(challenges.length, 'challenge')}` : 'in no challenge'
  const names = [onRoutes, inChallenges].filter((entry): entry is string => entry !== undefined)
  const naming = names.length === 0 ? undefined : `names ${name} ${names.join(', and ')}`
  if (proposed && naming) return `The report ${proposed}; it ${naming}.`
  if (proposed ?? naming) return `The report ${proposed ?? naming}.`
  return undefined
}

/** Every proposition the country made, verbatim, under its theme, with who made it together. */
export function propositions(context: BriefContext): BriefSectionContent | undefined {
  const { content, lookup, concerns, say } = context
  if (content.themes.length === 0) return undefined
  const name = lookup.countryInText(concerns.country.code)
  const delegation = delegationName(concerns.country)
  if (concerns.propositions.length === 0) return regionalRecommendations(context)
  return {
    id: 'propositions',
    title: say('brief.proposed', { country: name }),
    children: [
      paragraph([
        text(
          `${capitalise(name)} raised ${count(concerns.propositions.length, 'recommendation item')}, under ${concerns.themes.length} of the report's ${content.themes.length} recommendation themes. ${concerns.propositions.length === 1 ? 'It is' : 'Each is'} quoted as the report writes it.`,
        ),
      ]),
      ...concerns.propositionsByTheme.flatMap(({ theme, themeNumber, propositions: entries }) => [
        heading(2, [text(`${themeNumber}. ${theme.title}`)], `propositions-${theme.id}`, 'theme'),
        ...entries.map(({ proposition, coProposers }) =>
          container(
            [
              paragraph(inline(proposition.text)),
              paragraph(
                [
                  text(
                    coProposers.length > 0
                      ? say('brief.proposed-by-with', { country: delegation, others: joinNames(coProposers.map((code) => delegationName(lookup.country(code)))) })
                      : say('brief.proposed-by', { country: delegation }),
                  ),
                ],
                'proposed-by',
              ),
            ],
            'proposition',
            'div',
            { dataProposition: proposition.id },
          ),
        ),
      ]),
    ],
  }
}

/** For a country with no proposition: the themes of the recommendations and what delegations said as a whole. */
function regionalRecommendations({ content, lookup, concerns, say }: BriefContext): BriefSectionContent {
  const name = lookup.countryInText(concerns.country.code)
  const shared = unattributedPropositions(content)
  return {
    id: 'regional-recommendations',
    title: say('brief.regional-recommendations'),
    children: [
      paragraph([
        text(
          `The report records no recommendation item raised by ${name}. The ${say('event')}'s recommendations to the region fall under ${count(content.themes.length, 'theme')}:`,
        ),
      ]),
      list(
        content.themes.map((theme) => [paragraph([text(theme.title)])]),
        { ordered: true },
      ),
      ...(shared.length > 0
        ? [
            paragraph([text('The report attributes these propositions to delegations as a whole rather than to named countries:')]),
            ...shared.map(({ theme, themeNumber, proposition }) =>
              container(
                [paragraph(inline(proposition.text)), paragraph([text(`Theme ${themeNumber}: ${theme.title}.`)], 'proposed-by')],
                'proposition',
                'div',
                { dataProposition: proposition.id },
              ),
            ),
          ]
        : []),
    ],
  }
}

const routeKindOrder: readonly RouteKind[] = ['corridors', 'trafficking', 'smuggling']

/** Every corridor and route that names the country or a place in it, with its role there. */
export function routes({ lookup, concerns, say }: BriefContext): BriefSectionContent | undefined {
  if (concerns.routes.length === 0) return undefined
  const name = lookup.countryInText(concerns.country.code)
  const kinds = routeKindOrder.filter((kind) => concerns.routes.some((entry) => entry.kind === kind))
  return {
    id: 'routes',
    title: say('brief.routes', { country: name }),
    maps: kinds.map((kind) => ({ after: `routes-${kind}`, routes: kind, highlight: concerns.country.code })),
    children: [
      paragraph([
        text(
          `The report names ${name}, or a place in it, on ${count(concerns.routes.length, 'corridor or route', 'corridors and routes')}. ${concerns.routes.length === 1 ? 'Its role there' : 'On each, its role'} comes first, then the route as the report describes it.`,
        ),
      ]),
      ...kinds.flatMap((kind) => [
        heading(2, [text(say(`brief.routes.${kind}`))], `routes-${kind}`),
        ...concerns.routes.filter((entry) => entry.kind === kind).flatMap((entry) => routeBlock(entry, name, lookup)),
      ]),
    ],
  }
}

function routeBlock(entry: RouteAppearance, name: string, lookup: Lookup): RootContent[] {
  const { route, group } = entry
  const title = group ? `${group.name}: ${route.name}` : route.name
  const roles = entry.stops.map((stop) => {
    const where = stop.viaPlace ? ` at ${stop.placeName}` : ''
    const note = stop.stop.note ? ` (${stop.stop.note})` : ''
    return `${stop.roleLabel}${where}${note}`
  })
  return [
    container(
      [
        heading(3, [text(title)], `route-${entry.kind}-${route.id}`, 'route-name'),
        paragraph([strong(text(`Role of ${name}:`)), text(` ${roles.join('; ')}`)]),
        paragraph(inline(route.description)),
        routeFacts(route, lookup),
      ],
      'route',
      'div',
      { dataRoute: route.id },
    ),
  ]
}

/** "Origins: A, B; Transit: C; Destinations: D", as the report lists a route's places. */
function routeFacts(route: Route, lookup: Lookup): BlockContent {
  const children: PhrasingContent[] = stopsByRole(route, lookup).flatMap((group, index) => [
    ...(index > 0 ? [text('; ')] : []),
    strong(text(`${group.label}:`)),
    text(` ${group.names.join(', ')}`),
  ])
  if (route.tactics?.length) children.push(text('; '), strong(text('Tactics:')), text(` ${route.tactics.join(', ')}`))
  return paragraph(children, 'route-facts')
}

/** The challenge points that name the country, verbatim, under their challenge. */
export function challenges({ lookup, concerns, say }: BriefContext): BriefSectionContent | undefined {
  if (concerns.challenges.length === 0) return undefined
  const name = lookup.countryInText(concerns.country.code)
  const byChallenge = new Map<string, typeof concerns.challenges>()
  for (const mention of concerns.challenges) {
    byChallenge.set(mention.challenge.id, [...(byChallenge.get(mention.challenge.id) ?? []), mention])
  }
  return {
    id: 'challenges',
    title: say('brief.challenges', { country: name }),
    children: [...byChallenge.values()].flatMap((mentions) => {
      const [first] = mentions
      if (!first) return []
      const { challenge, challengeNumber } = first
      return [
        heading(2, [text(`${challengeNumber}. ${challenge.title}`)], `challenges-${challenge.id}`),
        paragraph(inline(challenge.summary), 'lead'),
        list(mentions.map((mention) => [paragraph(inline(mention.point.text))]), { className: 'challenge-points' }),
      ]
    }),
  }
}

/** The countries it made propositions with, and the themes it took part in. */
export function partners({ content, lookup, concerns, say }: BriefContext): BriefSectionContent | undefined {
  if (concerns.propositions.length === 0) return undefined
  const name = lookup.countryInText(concerns.country.code)
  const themesOf = (ids: readonly string[]) => [
    ...new Set(concerns.propositions.filter((entry) => ids.includes(entry.proposition.id)).map((entry) => entry.theme.title)),
  ]
  const single = concerns.propositions.length === 1
  return {
    id: 'partners',
    title: say('brief.partners'),
    children: [
      ...(concerns.partners.length > 0
        ? [
            paragraph([
              text(
                `${capitalise(name)} raised items together with ${count(concerns.partners.length, 'country', 'countries')}:`,
              ),
            ]),
            list(
              concerns.partners.map((partner) => [
                paragraph([
                  strong(text(lookup.country(partner.code).name)),
                  text(`: ${count(partner.count, 'item')} together, under ${joinNames(themesOf(partner.propositionIds))}`),
                ]),
              ]),
            ),
          ]
        : [paragraph([text(`The report names no other country with ${name} on ${single ? 'the item it raised' : 'the items it raised'}.`)])]),
      paragraph([
        text(
          `${capitalise(name)} raised ${single ? 'its item' : 'items'} under ${concerns.themes.length === 1 ? 'one' : concerns.themes.length} of the report's ${content.themes.length} recommendation themes:`,
        ),
      ]),
      list(concerns.themes.map((theme) => [paragraph([text(theme.title)])])),
    ],
  }
}

/**
 * Each author-defined collection whose schema marks country codes, narrowed to the entries
 * that name the country, rendered by its template under the schema's title; none for a
 * collection that does not name the country.
 */
export function authorCollections({ content, concerns }: BriefContext): BriefSectionContent[] {
  return [...content.collections.values()].flatMap((collection) => {
    // Empty when the collection names no entry of this country (issue 20: rendered and checked ahead, at the collection's files).
    const children = collectionNodes(collection, concerns.country.code)
    if (children.length === 0) return []
    return [{ id: `collection-${collection.name}`, title: collection.title, children }]
  })
}

/** Who took part, as the report's participation section lists them. */
export function participation({ content, lookup, concerns, say }: BriefContext): BriefSectionContent {
  const name = lookup.countryInText(concerns.country.code)
  const participants = content.countries.filter((entry) => entry.participant)
  const { forum } = content
  return {
    id: 'participation',
    title: say('brief.participation'),
    children: [
      paragraph([
        text(
          concerns.country.participant
            ? `${capitalise(name)} was one of the ${participants.length} countries that took part in the ${forum.title}.`
            : `${capitalise(name)} was not among the ${participants.length} countries that took part in the ${forum.title}; this brief gathers what the report says about it.`,
        ),
      ]),
      paragraph([
        text(`The ${say('event')} was attended by ${joinNames(participants.map((entry) => entry.listedAs ?? entry.name), { serialComma: true })}.`),
      ]),
      ...(content.organisations.length > 0
        ? [paragraph([text(`Organisations represented include ${joinNames(content.organisations.map((entry) => entry.listedAs), { serialComma: true })}.`)])]
        : []),
    ],
  }
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

/** "1 proposition", "6 propositions". */
function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : plural}`
}
