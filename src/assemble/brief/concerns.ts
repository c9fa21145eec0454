/**
 * What the content says about one country: the one place that answers "what concerns
 * country X", so every brief (and anything else that needs it) reads the report the same
 * way. Pure functions over loaded content; nothing here formats or renders.
 *
 * The rules follow the report's own attributions:
 * - a proposition or challenge point concerns a country when its `countries` name it;
 *   statements of unnamed delegations (`countries` empty) concern no country;
 * - a route concerns a country when one of its stops is the country or a place in it
 *   (Greater Bangkok is in Thailand); a region ("South Asia") names no country: the report
 *   does not say which countries it means.
 */
import type { Content, RouteKind } from '../../content/model.ts'
import type { EventContext } from '../../content/event.ts'
import type { Lookup } from '../../content/lookup.ts'
import type { Challenge, Country, Role, Route, Statement, Stop, Theme, TraffickingGroup } from '../../content/schema.ts'

/** A proposition the country made, alone or with others, under its theme. */
export interface CountryProposition {
  theme: Theme
  /** Position of the theme in the report, from 1, as the report numbers it. */
  themeNumber: number
  proposition: Statement
  /** The other countries that made it, in the order the report names them. */
  coProposers: string[]
}

export interface ThemePropositions {
  theme: Theme
  themeNumber: number
  propositions: CountryProposition[]
}

/** One stop of a route that lies in the country. */
export interface CountryStop {
  stop: Stop
  role: Role
  /** The place as the report names it ("Bangkok", or the country itself). */
  placeName: string
  /** Whether the stop is a place inside the country rather than the country itself. */
  viaPlace: boolean
}

export interface RouteAppearance {
  /** Which collection the route is in, by the name the maps use for it (`::map{routes=corridors}`), so the brief's map of it is found by that name. */
  kind: RouteKind
  route: Route
  /** The trafficking group of a flow ("Forced Criminality"). */
  group?: TraffickingGroup
  /** The country's stops on the route, in route order. */
  stops: CountryStop[]
  /** Its roles there, each once, in route order. */
  roles: Role[]
}

export interface ChallengeMention {
  challenge: Challenge
  /** Position of the challenge in the report, from 1. */
  challengeNumber: number
  point: Statement
  /** The other countries the point names. */
  alsoNamed: string[]
}

export interface Partner {
  code: string
  /** How many propositions the two countries made together. */
  count: number
  /** Those propositions' ids, in report order. */
  propositionIds: string[]
}

export interface CountryConcerns {
  country: Country
  propositions: CountryProposition[]
  /** The same propositions grouped by theme, in report order; themes without one are left out. */
  propositionsByTheme: ThemePropositions[]
  routes: RouteAppearance[]
  challenges: ChallengeMention[]
  /** Countries it co-proposed with, most shared propositions first, then in name order. */
  partners: Partner[]
  /** The themes under which it made at least one proposition, in report order. */
  themes: Theme[]
}

/** Everything the content says about `country`. */
export function concernsOf({ content, lookup, words }: EventContext, country: Country): CountryConcerns {
  const { code } = country
  const propositions = propositionsOf(content, code)
  const propositionsByTheme = groupByTheme(propositions)
  return {
    country,
    propositions,
    propositionsByTheme,
    routes: routeAppearancesOf(content, code, lookup),
    challenges: challengesNaming(content, code),
    partners: partnersOf(propositions, lookup, words.language),
    themes: propositionsByTheme.map((entry) => entry.theme),
  }
}

/** Every proposition the report attributes to the country, alone or in a group, in report order. */
export function propositionsOf(content: Content, code: string): CountryProposition[] {
  return content.themes.flatMap((theme, index) =>
    theme.propositions
      .filter((proposition) => proposition.countries.includes(code))
      .map((proposition) => ({
        theme,
        themeNumber: index + 1,
        proposition,
        coProposers: proposition.countries.filter((other) => other !== code),
      })),
  )
}

/** Propositions no country is named for ("Several delegations encouraged ..."), with their themes. */
export function unattributedPropositions(content: Content): Array<{ theme: Theme; themeNumber: number; proposition: Statement }> {
  return content.themes.flatMap((theme, index) =>
    theme.propositions
      .filter((proposition) => proposition.countries.length === 0)
      .map((proposition) => ({ theme, themeNumber: index + 1, proposition })),
  )
}

function groupByTheme(propositions: readonly CountryProposition[]): ThemePropositions[] {
  const groups: ThemePropositions[] = []
  for (const entry of propositions) {
    const last = groups.at(-1)
    if (last && last.theme.id === entry.theme.id) last.propositions.push(entry)
    else groups.push({ theme: entry.theme, themeNumber: entry.themeNumber, propositions: [entry] })
  }
  return groups
}

/** Corridors, then trafficking flows, then smuggling routes, that name the country or a place in it. */
export function routeAppearancesOf(content: Content, code: string, lookup: Lookup): RouteAppearance[] {
  const appearance = (kind: RouteKind, route: Route, group?: TraffickingGroup): RouteAppearance | undefined => {
    const stops = route.stops
      .filter((stop) => lookup.countryOf(stop.place) === code)
      .map((stop): CountryStop => ({
        stop,
        role: stop.role,
        placeName: lookup.place(stop.place).name,
        viaPlace: stop.place !== code,
      }))
    if (stops.length === 0) return undefined
    const roles = [...new Set(stops.map((stop) => stop.role))]
    return group ? { kind, route, group, stops, roles } : { kind, route, stops, roles }
  }
  return [
    ...content.corridors.map((route) => appearance('corridors', route)),
    ...content.trafficking.flatMap((group) => group.flows.map((flow) => appearance('trafficking', flow, group))),
    ...content.smuggling.map((route) => appearance('smuggling', route)),
  ].filter((entry): entry is RouteAppearance => entry !== undefined)
}

/** The challenge points that name the country, verbatim, in report order. */
export function challengesNaming(content: Content, code: string): ChallengeMention[] {
  return content.challenges.flatMap((challenge, index) =>
    challenge.points
      .filter((point) => point.countries.includes(code))
      .map((point) => ({
        challenge,
        challengeNumber: index + 1,
        point,
        alsoNamed: point.countries.filter((other) => other !== code),
      })),
  )
}

/** The countries named with the country on its propositions, with how often. */
export function partnersOf(propositions: readonly CountryProposition[], lookup: Lookup, language: string): Partner[] {
  const partners = new Map<string, Partner>()
  for (const { proposition, coProposers } of propositions) {
    for (const code of coProposers) {
      const partner = partners.get(code) ?? { code, count: 0, propositionIds: [] }
      partner.count += 1
      partner.propositionIds.push(proposition.id)
      partners.set(code, partner)
    }
  }
  return [...partners.values()].sort(
    (a, b) => b.count - a.count || lookup.country(a.code).name.localeCompare(lookup.country(b.code).name, language),
  )
}
