/**
 * Which routes a map shows, how the legend groups them, and the words around the map
 * (caption and text alternative). Pure data: nothing here knows about geometry, so the
 * Markdown directive can write a caption without drawing the map.
 */
import type { EventContext } from '../../content/event.ts'
import type { Content } from '../../content/model.ts'
import type { Lookup } from '../../content/lookup.ts'
import type { Role, Route, Stop } from '../../content/schema.ts'
import type { RouteKind } from '../../content/model.ts'
import { MAX_STYLES } from './styles.ts'
import type { MapSpec } from './types.ts'

/** A group of routes the legend tells apart (by line style and colour). */
export interface RouteCategory {
  key: string
  label: string
}

export interface MapRoute {
  route: Route
  category: string
}

export interface MapSelection {
  routes: MapRoute[]
  /** In legend order; only categories that have a route on this map. */
  categories: RouteCategory[]
  /** Every category of this kind of map, so a route keeps its style in every map that shows it. */
  allCategories: RouteCategory[]
  /** Whether the categories are the report's headings rather than the routes themselves. */
  grouped: boolean
}

/** Roles in the order of a journey: where people start, where they pass, where they end. */
const stageOfRole: Record<Role, 0 | 1 | 2 | undefined> = {
  'origin': 0,
  'transit': 1,
  'hub': 1,
  'staging-point': 1,
  'departure-point': 1,
  'destination': 2,
  'exploitation-site': 2,
  // Forgery centres serve journeys without lying on them: drawn as points, not as a stage.
  'forgery-centre': undefined,
}

/** The route's stops as the stages of a journey, empty stages left out. */
export function journeyStages(route: Route): Stop[][] {
  const stages: Stop[][] = [[], [], [], []]
  // A route that names both places of exploitation and destinations moves people on from the one to the other.
  const onward = route.stops.some((stop) => stop.role === 'exploitation-site')
  for (const stop of route.stops) {
    const stage = stop.role === 'destination' && onward ? 3 : stageOfRole[stop.role]
    if (stage !== undefined) stages[stage]!.push(stop)
  }
  return stages.filter((stage) => stage.length > 0)
}

/** The routes of a kind, each under the report's heading it is listed under (for trafficking) or none. */
function allRoutes(content: Content, kind: RouteKind): Array<MapRoute & { heading?: RouteCategory }> {
  switch (kind) {
    case 'corridors':
      return content.corridors.map((route) => ({ route, category: route.id }))
    case 'smuggling':
      return content.smuggling.map((route) => ({ route, category: route.id }))
    case 'trafficking':
      return content.trafficking.flatMap((group) => group.flows.map((route) => ({ route, category: route.id, heading: { key: group.id, label: group.name } })))
  }
}

/** Whether a route names the country or a place in it (regions do not count: the report does not name the country there). */
export function routeNames(route: Route, code: string, lookup: Lookup): boolean {
  return route.stops.some((stop) => lookup.countryOf(stop.place) === code)
}

/**
 * The routes a map shows: made once per map, and handed to everything that describes it.
 * Each route is a category of its own, in the same style on every map of its kind, as long
 * as a map can tell them apart (`MAX_STYLES`); a map with more routes than that groups them
 * by the heading the report lists them under, where the report has headings.
 */
export function selectRoutes({ content, lookup }: EventContext, spec: MapSpec): MapSelection {
  const every = allRoutes(content, spec.routes)
  const shown = every.filter((entry) => spec.highlight === undefined || routeNames(entry.route, spec.highlight, lookup))
  const own = (entries: typeof every): RouteCategory[] => entries.map((entry) => ({ key: entry.route.id, label: entry.route.name }))
  if (every.length <= MAX_STYLES) {
    const allCategories = own(every)
    const used = new Set(shown.map((entry) => entry.category))
    return { routes: shown.map(({ route, category }) => ({ route, category })), categories: allCategories.filter((category) => used.has(category.key)), allCategories, grouped: false }
  }
  // More routes of the kind than styles: a brief's map that shows few of them still tells each apart.
  if (shown.length <= MAX_STYLES) {
    const categories = own(shown)
    return { routes: shown.map(({ route, category }) => ({ route, category })), categories, allCategories: categories, grouped: false }
  }
  const headings = [...new Map(every.flatMap((entry) => (entry.heading ? [[entry.heading.key, entry.heading] as const] : []))).values()]
  if (headings.length === 0) {
    // No headings to group by: the styles repeat, and the legend still names each route.
    const categories = own(shown)
    return { routes: shown.map(({ route, category }) => ({ route, category })), categories, allCategories: own(every), grouped: false }
  }
  const routes = shown.map((entry) => ({ route: entry.route, category: entry.heading?.key ?? entry.route.id }))
  const used = new Set(routes.map((entry) => entry.category))
  return { routes, categories: headings.filter((heading) => used.has(heading.key)), allCategories: headings, grouped: true }
}

/** The map's title: the report's map of its kind, or a brief's map of the routes that name its country. */
export function mapCaption({ lookup, words }: EventContext, spec: MapSpec, selection: MapSelection): string {
  if (spec.highlight === undefined) return words.say(`map.title.${spec.routes}`)
  const country = lookup.countryInText(spec.highlight)
  if (selection.routes.length === 0) return words.sentence(words.say(`map.title-not-named.${spec.routes}`, { country }))
  return words.say(`map.title-naming.${spec.routes}`, { country })
}

/**
 * The phrase of the alternative text for each role, in the order of a journey: a place is
 * said in its own role only, never one inferred from the others or from the route's kind
 * (a destination is "to" even on a route with places of exploitation).
 */
export const altPhrases: Array<{ key: 'map.alt.from' | 'map.alt.departing-from' | 'map.alt.through' | 'map.alt.to' | 'map.alt.exploited-in' | 'map.alt.forged-in'; roles: Role[] }> = [
  { key: 'map.alt.from', roles: ['origin'] },
  { key: 'map.alt.departing-from', roles: ['departure-point'] },
  { key: 'map.alt.through', roles: ['transit', 'hub', 'staging-point'] },
  { key: 'map.alt.exploited-in', roles: ['exploitation-site'] },
  { key: 'map.alt.to', roles: ['destination'] },
  { key: 'map.alt.forged-in', roles: ['forgery-centre'] },
]

/** One sentence per route: "Name: from A and B, through C, to D." */
export function describeRoute(route: Route, { lookup, words }: EventContext): string {
  const parts: string[] = []
  for (const { key, roles } of altPhrases) {
    const names = route.stops.filter((stop) => roles.includes(stop.role)).map((stop) => lookup.place(stop.place).name)
    if (names.length > 0) parts.push(words.say(key, { places: words.list(names) }))
  }
  const seas = (route.waters ?? []).map((place) => lookup.place(place).name)
  if (seas.length > 0) parts.push(words.say('map.alt.across', { places: words.list(seas) }))
  return words.say('map.alt.route', { route: route.name, parts: parts.join(', ') })
}

export function mapAlt(event: EventContext, spec: MapSpec, selection: MapSelection): string {
  const { lookup, words } = event
  const { routes } = selection
  if (spec.highlight !== undefined && routes.length === 0) {
    const country = lookup.countryInText(spec.highlight)
    return words.say('map.alt.not-named', { country, title: words.say(`map.title-not-named.${spec.routes}`, { country }) })
  }
  const scope = spec.highlight === undefined ? '' : words.say('map.alt.scope', { count: routes.length, country: lookup.countryInText(spec.highlight) })
  const intro = words.say(`map.alt.${spec.routes}`, { count: routes.length, scope })
  return [intro, ...routes.map((entry) => describeRoute(entry.route, event))].join(' ')
}
