/**
 * Look-ups over loaded content: names as the report writes them, and which country a
 * place lies in. Built once per build with the event's words (`createEvent`) and shared by
 * the directives, briefs and maps.
 */
import type { Content } from './model.ts'
import type { Country, Place, Role, Route } from './schema.ts'
import { roleLabel, type Words } from './words.ts'

export interface Lookup {
  country(code: string): Country
  /** The country's name in running text, with "the" where the report uses it. */
  countryInText(code: string): string
  place(reference: string): { name: string; kind: 'country' | Place['kind']; country?: string; place?: Place }
  /** The country a stop lies in: itself for a country, its country for a city; none for a region. */
  countryOf(reference: string): string | undefined
  /** The countries that took part, in the order of countries.json: the batch of briefs, and `:participants`. */
  readonly participants: readonly Country[]
}

export function createLookup(content: Content, words: Words): Lookup {
  const countries = new Map(content.countries.map((country) => [country.code, country]))
  const places = new Map(content.places.map((place) => [place.id, place]))
  const country = (code: string): Country => {
    const found = countries.get(code)
    if (!found) throw new Error(`Internal error: country ${code} was checked but is not in the content`)
    return found
  }
  return {
    country,
    countryInText(code) {
      const found = country(code)
      return found.article ? words.say('country.with-article', { name: found.name }) : found.name
    },
    place(reference) {
      const found = countries.get(reference)
      if (found) return { name: found.name, kind: 'country', country: found.code }
      const place = places.get(reference)
      if (!place) throw new Error(`Internal error: place ${reference} was checked but is not in the content`)
      return { name: place.name, kind: place.kind, country: place.kind === 'region' || place.kind === 'sea' ? undefined : place.country, place }
    },
    countryOf(reference) {
      if (countries.has(reference)) return reference
      const place = places.get(reference)
      return place && place.kind !== 'region' && place.kind !== 'sea' ? place.country : undefined
    },
    participants: content.countries.filter((entry) => entry.participant),
  }
}

/** The order roles occur along a journey. */
export const roleOrder: readonly Role[] = ['origin', 'transit', 'hub', 'departure-point', 'staging-point', 'exploitation-site', 'destination', 'forgery-centre']

/** The stops of a route grouped by role, in the order roles occur along a journey. */
export function stopsByRole(route: Route, lookup: Lookup, words: Words): Array<{ role: Role; label: string; names: string[] }> {
  return roleOrder
    .map((role) => {
      const names = route.stops.filter((stop) => stop.role === role).map((stop) => lookup.place(stop.place).name)
      return { role, label: roleLabel(words, role, names.length), names }
    })
    .filter((group) => group.names.length > 0)
}
