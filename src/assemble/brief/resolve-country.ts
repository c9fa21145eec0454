/**
 * Which country a person means on the command line (`--country THA`, `--country thailand`).
 * The countries that get a brief when nobody names one are the event's participants
 * (`lookup.participants`), in the order of countries.json.
 */
import type { EventContext } from '../../content/event.ts'
import type { Country } from '../../content/schema.ts'
import { closeMatches } from '../../content/references.ts'
import { folderName, UsageError } from '../../errors/catalogue.ts'

/**
 * The country `query` names: its ISO 3166-1 alpha-3 code or any name the report gives it
 * (name, short name, the form in the list of participants, with or without "the"),
 * ignoring case and accents. A country of the content that did not participate (Myanmar)
 * resolves too, because asking for it by name is asking for it explicitly.
 * Throws a `UsageError` that lists close matches when nothing fits.
 */
export function resolveCountry(event: EventContext, query: string): Country {
  const { content } = event
  const wanted = normalise(query)
  if (wanted !== '') {
    const found = content.countries.find((country) => namesOf(country).some((name) => normalise(name) === wanted))
    if (found) return found
  }
  throw new UsageError(unknownCountryMessage(event, query))
}

/** "Türkiye" → "turkiye", "The Philippines" → "philippines". */
function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
}

function namesOf(country: Country): string[] {
  return [country.code, country.name, country.shortName, country.listedAs].filter((name): name is string => name !== undefined)
}

function unknownCountryMessage({ content, lookup }: EventContext, query: string): string {
  const shown = query.trim() === '' ? 'An empty country' : `Unknown country "${query.trim()}"`
  // Compare without accents, but suggest the names as the report writes them.
  const byKey = new Map<string, string>()
  for (const country of content.countries) {
    for (const name of namesOf(country)) byKey.set(normalise(name), name === country.code ? country.code : country.name)
  }
  const close = [...new Set(closeMatches(normalise(query), byKey.keys()).map((key) => byKey.get(key) ?? key))]
  const hint =
    close.length > 0
      ? `did you mean ${close.map((name) => `"${name}"`).join(', ')}?`
      : `use an ISO 3166-1 alpha-3 code or a name from ${folderName(content.sourceDir)}/countries.json; participating countries: ${lookup.participants.map((country) => country.code).join(', ')}`
  return `${shown}: ${hint}`
}
