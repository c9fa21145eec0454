/**
 * The sections of a country brief, as Markdown trees built from the query's answer. Each
 * builder returns nothing when the country has nothing for it, so a brief never shows an
 * empty heading or a part that only says it is empty; every sentence is either the
 * report's own wording or a plain statement of what the data holds (counts, names, roles),
 * never a claim the report does not make. Every word comes from the words table.
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
import { unattributedPropositions, type CountryConcerns, type RouteAppearance } from './concerns.ts'

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

/** "one of the report's five recommendation themes", "both of ...", "all three of ...". */
function shareOfThemes({ words, content }: BriefContext, taken: number): string {
  const total = content.themes.length
  return words.say('brief.themes.share', { taken, total, all: taken === total ? 'yes' : 'no' })
}

/** The forum, what the report says of the country in one paragraph, and the key outcomes. */
export function forumInBrief(context: BriefContext): BriefSectionContent {
  const { content, lookup, words } = context
  const { forum } = content
  const place = { eventTitle: forum.title, dates: forum.dates.display, city: forum.venue.city, country: lookup.country(forum.venue.country).name }
  const glance = atAGlance(context)
  return {
    id: 'forum-in-brief',
    title: words.say('brief.event-in-brief.title'),
    children: [
      paragraph([
        text(
          forum.delegates === undefined
            ? words.say('brief.event-in-brief.text', place)
            : words.say('brief.event-in-brief.text-with-delegates', { ...place, delegates: forum.delegates }),
        ),
        { type: 'emphasis', children: [text(forum.theme)] },
        text('.'),
      ]),
      ...(glance ? [paragraph([text(glance)], 'lead')] : []),
      ...(content.keyOutcomes.length > 0
        ? [
            heading(2, [text(words.say('brief.key-outcomes'))], 'forum-in-brief-key-outcomes'),
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
function atAGlance(context: BriefContext): string | undefined {
  const { content, words, concerns, name } = context
  const { propositions, themes, routes, challenges } = concerns
  const items =
    content.themes.length === 0
      ? undefined
      : words.say('brief.glance.items', {
          count: propositions.length,
          country: name,
          themes: words.say('brief.themes.count', { count: themes.length }),
        })
  const hasRoutes = content.corridors.length + content.trafficking.length + content.smuggling.length > 0
  // Each kind the event has; one that names the country none is left out when the other does name it.
  const counted = [
    ...(hasRoutes ? [{ key: 'routes', count: routes.length }] : []),
    ...(content.challenges.length > 0 ? [{ key: 'challenges', count: challenges.length }] : []),
  ]
  const shown = counted.filter((entry) => entry.count > 0)
  const phrase = (entry: { key: string; count: number }) => words.say(entry.key === 'routes' ? 'brief.glance.routes' : 'brief.glance.challenges', { count: entry.count })
  const [first, second] = shown
  const where = !first ? undefined : second ? words.say('brief.glance.routes-and-challenges', { routes: phrase(first), challenges: phrase(second) }) : phrase(first)
  const kinds = counted.length === 2 ? 'both' : counted[0]?.key
  const names =
    where !== undefined
      ? words.say('brief.glance.names', { country: name, where })
      : kinds === undefined
        ? undefined
        : words.say('brief.glance.names-nowhere', { country: name, kinds })
  if (items && names) return words.say('brief.glance.both', { items, names })
  const part = items ?? names
  return part === undefined ? undefined : words.say('brief.glance.one', { part })
}

/** Every proposition the country made, verbatim, under its theme, with who made it together. */
export function propositions(context: BriefContext): BriefSectionContent | undefined {
  const { content, lookup, words, concerns, name } = context
  if (content.themes.length === 0) return undefined
  if (concerns.propositions.length === 0) return regionalRecommendations(context)
  const delegation = delegationName(concerns.country, words)
  return {
    id: 'propositions',
    title: words.say('brief.raised.title', { country: name }),
    children: [
      paragraph([
        text(
          words.sentence(words.say('brief.raised.intro', { country: name, count: concerns.propositions.length, themes: shareOfThemes(context, concerns.themes.length) })),
        ),
      ]),
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

/**
 * For a country with no item of its own (the summary above already says so): the themes
 * of the recommendations, and what delegations said as a whole, under the theme it belongs to.
 */
function regionalRecommendations(context: BriefContext): BriefSectionContent {
  const { content, words } = context
  const shared = unattributedPropositions(content)
  const byTheme = [...new Map(shared.map((entry) => [entry.theme.id, entry])).values()]
  return {
    id: 'regional-recommendations',
    title: words.say('brief.regional.title'),
    children: [
      paragraph([text(words.say('brief.regional.themes', { count: content.themes.length }))]),
      list(
        content.themes.map((theme) => [paragraph([text(theme.title)])]),
        { ordered: true },
      ),
      ...(shared.length > 0
        ? [
            paragraph([text(words.say('brief.regional.unattributed'))]),
            ...byTheme.flatMap(({ theme, themeNumber }) => [
              heading(2, [text(words.say('heading.numbered', { number: themeNumber, title: theme.title }))], `regional-${theme.id}`, 'theme'),
              ...shared
                .filter((entry) => entry.theme.id === theme.id)
                .map(({ proposition }) => container([paragraph(inline(proposition.text))], 'proposition', 'div', { dataProposition: proposition.id })),
            ]),
          ]
        : []),
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
      paragraph([text(words.say('brief.routes.intro', { country: name, count: concerns.routes.length }))]),
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
    return stop.stop.note ? `${where} (${stop.stop.note})` : where
  })
  return [
    container(
      [
        heading(3, [text(title)], `route-${entry.kind}-${route.id}`, 'route-name'),
        paragraph([strong(text(words.say('brief.routes.role-of', { country: name }))), text(` ${roles.join('; ')}`)]),
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

/** The countries it raised items with, and under which themes; left out when it raised none with another. */
export function partners(context: BriefContext): BriefSectionContent | undefined {
  const { lookup, words, concerns, name } = context
  if (concerns.partners.length === 0) return undefined
  const themesOf = (ids: readonly string[]) => [
    ...new Set(concerns.propositions.filter((entry) => ids.includes(entry.proposition.id)).map((entry) => entry.theme.title)),
  ]
  return {
    id: 'partners',
    title: words.say('brief.partners.title'),
    children: [
      paragraph([text(words.sentence(words.say('brief.partners.intro', { country: name, count: concerns.partners.length })))]),
      list(
        concerns.partners.map((partner) => [
          paragraph([
            strong(text(lookup.country(partner.code).name)),
            text(words.say('brief.partners.entry', { count: partner.count, themes: words.list(themesOf(partner.propositionIds)) })),
          ]),
        ]),
      ),
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
    // Empty when the collection names no entry of this country; rendered and checked ahead, at the collection's files, so a problem is said once there.
    const children = collectionNodes(collection, concerns.country.code)
    if (children.length === 0) return []
    return [{ id: `collection-${collection.name}`, title: collection.title, children }]
  })
}

/** Who took part, as the report's participation section lists them. */
export function participation(context: BriefContext): BriefSectionContent {
  const { content, lookup, words, concerns, name } = context
  const participants = lookup.participants
  const values = { country: name, count: participants.length, eventTitle: content.forum.title }
  return {
    id: 'participation',
    title: words.say('brief.participation.title'),
    children: [
      paragraph([
        text(words.sentence(words.say(concerns.country.participant ? 'brief.participation.took-part' : 'brief.participation.not-among', values))),
      ]),
      paragraph([
        text(
          words.say('brief.participation.attended-by', {
            countries: words.list(participants.map((entry) => entry.listedAs ?? entry.name), { serialComma: true }),
          }),
        ),
      ]),
      ...(content.organisations.length > 0
        ? [paragraph([text(words.say('brief.participation.organisations', { organisations: words.list(content.organisations.map((entry) => entry.listedAs), { serialComma: true }) }))])]
        : []),
    ],
  }
}
