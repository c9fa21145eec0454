/**
 * Checks what a schema cannot: that every code and id one file uses is defined in another,
 * that ids are unique, and that the signature images exist (read once, here). Each problem
 * is reported where it is written.
 */
import countryCodes from 'i18n-iso-countries'
import { report, type RuleId } from '../errors/catalogue.ts'
import { resolveAsset, type Asset } from './assets.ts'
import type { Content } from './model.ts'
import type { JsonPath } from './json-source.ts'
import type { dataFiles, Route } from './schema.ts'
import { closeMatches, suggest } from './suggest.ts'
import { distance } from 'fastest-levenshtein'

type DataFileName = keyof typeof dataFiles

export function checkReferences(content: Content): void {
  const fail = (fileName: DataFileName, jsonPath: JsonPath, ruleId: RuleId, reason: string) => {
    const { file, place } = content.origin(fileName, jsonPath)
    report(file, ruleId, reason, { place })
  }
  const countries = new Set(content.countries.map((country) => country.code))
  const places = new Set(content.places.map((place) => place.id))

  const unique = (fileName: DataFileName, items: ReadonlyArray<{ key: string; path: JsonPath }>, what: string) => {
    const seen = new Map<string, JsonPath>()
    for (const item of items) {
      const first = seen.get(item.key)
      if (first) {
        const where = content.origin(fileName, first).place?.start
        fail(fileName, item.path, 'duplicate-id', `Duplicate ${what} "${item.key}"${where ? ` (first at line ${where.line})` : ''}`)
      } else {
        seen.set(item.key, item.path)
      }
    }
  }
  const country = (fileName: DataFileName, jsonPath: JsonPath, code: string) => {
    if (!countries.has(code)) fail(fileName, jsonPath, 'unknown-country', unknownCountry(code, countries))
  }
  const place = (fileName: DataFileName, jsonPath: JsonPath, reference: string) => {
    if (countries.has(reference) || places.has(reference)) return
    if (/^[A-Z]{3}$/.test(reference)) country(fileName, jsonPath, reference)
    else fail(fileName, jsonPath, 'unknown-place', `Unknown place "${reference}"${suggest(reference, places)}`)
  }
  const seas = new Set(content.places.filter((entry) => entry.kind === 'sea').map((entry) => entry.id))
  // A route's waters are seas: a band across a country or a city would claim what no text says.
  const waters = (fileName: DataFileName, route: Route, jsonPath: JsonPath) =>
    route.waters?.forEach((reference, index) => {
      if (!seas.has(reference)) fail(fileName, [...jsonPath, 'waters', index], 'unknown-place', `"${reference}" is not a place of kind "sea" in places.json${suggest(reference, seas)}`)
    })
  const routes = (fileName: DataFileName, list: readonly Route[], prefix: JsonPath) => {
    unique(fileName, list.map((route, index) => ({ key: route.id, path: [...prefix, index, 'id'] })), 'route id')
    list.forEach((route, index) => {
      route.stops.forEach((stop, stopIndex) => place(fileName, [...prefix, index, 'stops', stopIndex, 'place'], stop.place))
      waters(fileName, route, [...prefix, index])
    })
  }

  unique('countries.json', content.countries.map((entry, index) => ({ key: entry.code, path: ['countries', index, 'code'] })), 'country code')
  content.countries.forEach((entry, index) => {
    if (!countryCodes.isValid(entry.code)) {
      // The name beside it says which country was meant.
      const meant = codeOfName(entry.name)
      const suggestion = meant ? ` (did you mean "${meant}", the code of ${countryCodes.getName(meant, 'en')}?)` : ''
      fail('countries.json', ['countries', index, 'code'], 'unknown-country', `"${entry.code}" is not an ISO 3166-1 alpha-3 code${suggestion}`)
    }
  })
  unique('places.json', content.places.map((entry, index) => ({ key: entry.id, path: ['places', index, 'id'] })), 'place id')
  content.places.forEach((entry, index) => {
    if (entry.kind === 'sea') return
    if (entry.kind === 'region') {
      entry.members?.forEach((code, memberIndex) => {
        if (!countryCodes.isValid(code)) {
          fail('places.json', ['places', index, 'members', memberIndex], 'unknown-country', `"${code}" is not an ISO 3166-1 alpha-3 code`)
        }
      })
    } else {
      country('places.json', ['places', index, 'country'], entry.country)
    }
  })

  country('forum.json', ['venue', 'country'], content.forum.venue.country)
  unique('forum.json', content.forum.signatories.map((entry, index) => ({ key: entry.id, path: ['signatories', index, 'id'] })), 'signatory id')
  content.forum.signatories.forEach((entry, index) => country('forum.json', ['signatories', index, 'country'], entry.country))
  content.forum.funders.forEach((entry, index) => country('forum.json', ['funders', index, 'country'], entry.country))

  routes('corridors.json', content.corridors, ['corridors'])
  unique('trafficking-routes.json', content.trafficking.map((group, index) => ({ key: group.id, path: ['groups', index, 'id'] })), 'group id')
  unique(
    'trafficking-routes.json',
    content.trafficking.flatMap((group, groupIndex) =>
      group.flows.map((flow, flowIndex) => ({ key: flow.id, path: ['groups', groupIndex, 'flows', flowIndex, 'id'] })),
    ),
    'flow id',
  )
  content.trafficking.forEach((group, groupIndex) =>
    group.flows.forEach((flow, flowIndex) => {
      flow.stops.forEach((stop, stopIndex) =>
        place('trafficking-routes.json', ['groups', groupIndex, 'flows', flowIndex, 'stops', stopIndex, 'place'], stop.place),
      )
      waters('trafficking-routes.json', flow, ['groups', groupIndex, 'flows', flowIndex])
    }),
  )
  routes('smuggling-routes.json', content.smuggling, ['routes'])

  unique('challenges.json', content.challenges.map((entry, index) => ({ key: entry.id, path: ['challenges', index, 'id'] })), 'challenge id')
  content.challenges.forEach((challenge, index) => {
    unique('challenges.json', challenge.points.map((point, pointIndex) => ({ key: point.id, path: ['challenges', index, 'points', pointIndex, 'id'] })), 'point id')
    challenge.points.forEach((point, pointIndex) =>
      point.countries.forEach((code, codeIndex) => country('challenges.json', ['challenges', index, 'points', pointIndex, 'countries', codeIndex], code)),
    )
  })

  unique('recommendations.json', content.themes.map((entry, index) => ({ key: entry.id, path: ['themes', index, 'id'] })), 'theme id')
  unique(
    'recommendations.json',
    content.themes.flatMap((theme, index) =>
      theme.propositions.map((proposition, propositionIndex) => ({ key: proposition.id, path: ['themes', index, 'propositions', propositionIndex, 'id'] })),
    ),
    'proposition id',
  )
  content.themes.forEach((theme, index) =>
    theme.propositions.forEach((proposition, propositionIndex) =>
      proposition.countries.forEach((code, codeIndex) =>
        country('recommendations.json', ['themes', index, 'propositions', propositionIndex, 'countries', codeIndex], code),
      ),
    ),
  )
  unique('key-outcomes.json', content.keyOutcomes.map((entry, index) => ({ key: entry.id, path: ['outcomes', index, 'id'] })), 'outcome id')
  unique('organisations.json', content.organisations.map((entry, index) => ({ key: entry.id, path: ['organisations', index, 'id'] })), 'organisation id')
  unique('glossary.json', content.glossary.map((entry, index) => ({ key: entry.term, path: ['terms', index, 'term'] })), 'glossary term')
}

/**
 * Reads the signature images, reporting one that cannot be read at its place in
 * forum.json; an empty drawing stands in for it, so that `check` goes on to the Markdown.
 */
export async function readSignatureImages(content: Content): Promise<Map<string, Asset>> {
  const entries = await Promise.all(
    content.forum.signatories.map(async (entry, index) => {
      const result = await resolveAsset(content.sourceDir, entry.signature.image)
      if (result.ok) return [entry.id, result.asset] as const
      const { file, place } = content.origin('forum.json', ['signatories', index, 'signature', 'image'])
      report(file, result.problem.kind, result.problem.reason, { place })
      const standIn: Asset = { reference: entry.signature.image, absolutePath: '', mediaType: 'image/svg+xml', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>') }
      return [entry.id, standIn] as const
    }),
  )
  return new Map(entries)
}

export { closeMatches, suggest } from './suggest.ts'

/**
 * Why a code is not a country of the event, and what the officer may have meant: a real
 * ISO code that countries.json lacks is to be added there ("add Vanuatu (VUT) to
 * countries.json"; a defined code one letter away is offered too); anything else gets the
 * closest defined codes.
 */
export function unknownCountry(code: string, known: Iterable<string>): string {
  const name = countryCodes.isValid(code) ? countryCodes.getName(code, 'en') : undefined
  if (!name) return `Unknown country code "${code}"${suggest(code, known)}`
  const oneAway = [...known].filter((candidate) => distance(candidate, code) === 1).sort()
  const or = oneAway.length > 0 ? `, or did you mean ${oneAway.map((candidate) => `"${candidate}"`).join(', ')}?` : ''
  return `Unknown country code "${code}": add ${name} (${code}) to countries.json${or}`
}

/** The ISO 3166-1 alpha-3 code of a country's English name, as countries.json may write it ("Viet Nam", "the Philippines"). */
export function codeOfName(name: string): string | undefined {
  const plain = name.trim().replace(/^the\s+/i, '')
  const exact = countryCodes.getAlpha3Code(plain, 'en')
  if (exact) return exact
  const names = Object.entries(countryCodes.getNames('en', { select: 'all' })).flatMap(([alpha2, list]) => list.map((entry) => ({ alpha2, entry })))
  const closest = closeMatches(plain, names.map(({ entry }) => entry), 1)[0]
  const alpha2 = closest ? names.find(({ entry }) => entry === closest)?.alpha2 : undefined
  return alpha2 ? countryCodes.alpha2ToAlpha3(alpha2) : undefined
}
