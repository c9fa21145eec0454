/**
 * Look-ups over loaded content: names as the report writes them, and which country a
 * place lies in. Built once per content and shared by the directives, briefs and maps.
 */
import type { Content } from './model.ts'
import type { Country, Place, Role, Route } from './schema.ts'

export interface Lookup {
  country(code: string): Country
  /** The country's name in running text, with "the" where the report uses it. */
  countryInText(code: string): string
  place(reference: string): { name: string; kind: 'country' | Place['kind']; country?: string; place?: Place }
  /** The country a stop lies in: itself for a country, its country for a city; none for a region. */
  countryOf(reference: string): string | undefined
  participants: Country[]
}

export function createLookup(content: Content): Lookup {
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
      return found.article ? `the ${found.name}` : found.name
    },
    place(reference) {
      const found = countries.get(reference)
      if (found) return { name: found.name, kind: 'country', country: found.code }
      const place = places.get(reference)
      if (!place) throw new Error(`Internal error: place ${reference} was checked but is not in the content`)
      return { name: place.name, kind: place.kind, country: place.kind === 'region' ? undefined : place.country, place }
    },
    countryOf(reference) {
      if (countries.has(reference)) return reference
      const place = places.get(reference)
      return place && place.kind !== 'region' ? place.country : undefined
    },
    participants: content.countries.filter((entry) => entry.participant),
  }
}

export const roleLabels: Record<Role, { singular: string; plural: string }> = {
  'origin': { singular: 'Origin', plural: 'Origins' },
  'transit': { singular: 'Transit', plural: 'Transit' },
  'hub': { singular: 'Hub', plural: 'Hubs' },
  'departure-point': { singular: 'Departure point', plural: 'Departure points' },
  'staging-point': { singular: 'Staging point', plural: 'Staging points' },
  'exploitation-site': { singular: 'Place of exploitation', plural: 'Places of exploitation' },
  'destination': { singular: 'Destination', plural: 'Destinations' },
  'forgery-centre': { singular: 'Forgery centre', plural: 'Forgery centres' },
}

/** The stops of a route grouped by role, in the order roles occur along a journey. */
export function stopsByRole(route: Route, lookup: Lookup): Array<{ role: Role; label: string; names: string[] }> {
  const order = Object.keys(roleLabels) as Role[]
  return order
    .map((role) => {
      const names = route.stops.filter((stop) => stop.role === role).map((stop) => lookup.place(stop.place).name)
      const label = names.length === 1 ? roleLabels[role].singular : roleLabels[role].plural
      return { role, label, names }
    })
    .filter((group) => group.names.length > 0)
}
