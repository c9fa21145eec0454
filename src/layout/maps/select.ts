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
  const stages: Stop[][] = [[], [], []]
  for (const stop of route.stops) {
    const stage = stageOfRole[stop.role]
    if (stage !== undefined) stages[stage]!.push(stop)
  }
  return stages.filter((stage) => stage.length > 0)
}

function allRoutes(content: Content, kind: RouteKind): MapRoute[] {
  switch (kind) {
    case 'corridors':
      return content.corridors.map((route) => ({ route, category: route.id }))
    case 'smuggling':
      return content.smuggling.map((route) => ({ route, category: route.id }))
    case 'trafficking':
      // Styled by the heading the report lists a flow under: the heading is the report's grouping, not a purpose each sentence states.
      return content.trafficking.flatMap((group) => group.flows.map((route) => ({ route, category: group.id })))
  }
}

function categoriesFor(content: Content, kind: RouteKind): RouteCategory[] {
  switch (kind) {
    case 'corridors':
      return content.corridors.map((route) => ({ key: route.id, label: route.name }))
    case 'smuggling':
      return content.smuggling.map((route) => ({ key: route.id, label: route.name }))
    case 'trafficking':
      return content.trafficking.map((group) => ({ key: group.id, label: group.name }))
  }
}

/** Whether a route names the country or a place in it (regions do not count: the report does not name the country there). */
export function routeNames(route: Route, code: string, lookup: Lookup): boolean {
  return route.stops.some((stop) => lookup.countryOf(stop.place) === code)
}

/** The routes a map shows: made once per map, and handed to everything that describes it. */
export function selectRoutes({ content, lookup }: EventContext, spec: MapSpec): MapSelection {
  const routes = allRoutes(content, spec.routes).filter(
    (entry) => spec.highlight === undefined || routeNames(entry.route, spec.highlight, lookup),
  )
  const used = new Set(routes.map((entry) => entry.category))
  const allCategories = categoriesFor(content, spec.routes)
  return { routes, categories: allCategories.filter((category) => used.has(category.key)), allCategories }
}

/** The map's title: the report's map of its kind, or a brief's map of the routes that name its country. */
export function mapCaption({ lookup, words }: EventContext, spec: MapSpec, selection: MapSelection): string {
  if (spec.highlight === undefined) return words.say(`map.title.${spec.routes}`)
  const country = lookup.countryInText(spec.highlight)
  if (selection.routes.length === 0) return words.sentence(words.say(`map.title-not-named.${spec.routes}`, { country }))
  return words.say(`map.title-naming.${spec.routes}`, { country })
}

/** One sentence per route: "Name: from A and B, through C, to D." */
export function describeRoute(route: Route, { lookup, words }: EventContext): string {
  const names = (roles: Role[]) => words.list(route.stops.filter((stop) => roles.includes(stop.role)).map((stop) => lookup.place(stop.place).name))
  const has = (roles: Role[]) => route.stops.some((stop) => roles.includes(stop.role))
  const origins = ['origin'] as Role[]
  const through = ['transit', 'hub', 'staging-point', 'departure-point'] as Role[]
  const ends = ['destination', 'exploitation-site'] as Role[]
  const forgery = ['forgery-centre'] as Role[]
  const parts: string[] = []
  if (has(origins)) parts.push(words.say('map.alt.from', { places: names(origins) }))
  if (has(through)) parts.push(words.say('map.alt.through', { places: names(through) }))
  if (has(ends)) parts.push(words.say(has(origins) || has(through) ? 'map.alt.to' : 'map.alt.exploited-in', { places: names(ends) }))
  if (has(forgery)) parts.push(words.say('map.alt.forged-in', { places: names(forgery) }))
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
