/**
 * Which routes a map shows, how the legend groups them, and the words around the map
 * (caption and text alternative). Pure data: nothing here knows about geometry, so the
 * Markdown directive can write a caption without drawing the map.
 */
import type { Content } from '../../content/model.ts'
import { createLookup, roleLabels, type Lookup } from '../../content/lookup.ts'
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

export function selectRoutes(content: Content, spec: MapSpec, lookup: Lookup = createLookup(content)): MapSelection {
  const routes = allRoutes(content, spec.routes).filter(
    (entry) => spec.highlight === undefined || routeNames(entry.route, spec.highlight, lookup),
  )
  const used = new Set(routes.map((entry) => entry.category))
  const allCategories = categoriesFor(content, spec.routes)
  return { routes, categories: allCategories.filter((category) => used.has(category.key)), allCategories }
}

const titles: Record<RouteKind, { title: string; noun: string }> = {
  corridors: { title: 'Irregular migration corridors identified by delegates', noun: 'irregular migration corridor' },
  trafficking: { title: 'Key trafficking in persons routes identified by delegates', noun: 'key trafficking in persons route' },
  smuggling: { title: 'Key smuggling routes identified by delegates', noun: 'key smuggling route' },
}

export function mapCaption(content: Content, spec: MapSpec, lookup: Lookup = createLookup(content)): string {
  const { title, noun } = titles[spec.routes]
  if (spec.highlight === undefined) return title
  const name = lookup.countryInText(spec.highlight)
  const count = selectRoutes(content, spec, lookup).routes.length
  if (count === 0) return `${capitalise(name)} is not named on any ${noun}`
  return `${title.replace(/ identified by delegates$/, '')} that name ${name}`
}

const list = (names: string[]): string => new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(names)

const capitalise = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1)

/** One sentence per route: "Name: from A and B, through C, to D." */
export function describeRoute(route: Route, lookup: Lookup): string {
  const names = (roles: Role[]) => route.stops.filter((stop) => roles.includes(stop.role)).map((stop) => lookup.place(stop.place).name)
  const origins = names(['origin'])
  const through = names(['transit', 'hub', 'staging-point', 'departure-point'])
  const ends = names(['destination', 'exploitation-site'])
  const forgery = names(['forgery-centre'])
  const parts: string[] = []
  if (origins.length) parts.push(`from ${list(origins)}`)
  if (through.length) parts.push(`through ${list(through)}`)
  if (ends.length) parts.push(origins.length || through.length ? `to ${list(ends)}` : `${roleLabels['exploitation-site'].plural.toLowerCase()} in ${list(ends)}`)
  if (forgery.length) parts.push(`${roleLabels['forgery-centre'].plural.toLowerCase()} in ${list(forgery)}`)
  return `${route.name}: ${parts.join(', ')}.`
}

export function mapAlt(content: Content, spec: MapSpec, lookup: Lookup = createLookup(content)): string {
  const { routes } = selectRoutes(content, spec, lookup)
  const kind = titles[spec.routes].noun
  if (spec.highlight !== undefined && routes.length === 0) {
    return `Map of the region with ${lookup.countryInText(spec.highlight)} highlighted; it is not named on any ${kind}.`
  }
  const scope = spec.highlight === undefined ? '' : ` that name ${lookup.countryInText(spec.highlight)}, which is highlighted`
  const plural = routes.length === 1 ? kind : `${kind}s`
  const intro = `Map of ${routes.length} ${plural}${scope}, drawn as arrows in the direction people are moved.`
  return [intro, ...routes.map((entry) => describeRoute(entry.route, lookup))].join(' ')
}
