/**
 * The words the documents add to the content: the headings and labels a brief writes, the
 * line under each proposition. A flat table of defaults, each with `{name}` placeholders
 * filled when it is used; an event overrides any of them in one place, the `words` object
 * of its forum.json (`"brief.title": "Country note: {country}"`). No event's name,
 * organiser or series is written here: those come from forum.json.
 */
import type { Content } from './model.ts'
import type { Country } from './schema.ts'
import { suggest } from './references.ts'
import { report } from '../errors/catalogue.ts'

export const defaultWords = {
  /** What the content calls the event in running text: "the forum in brief", "the forum was attended by". */
  'event': 'forum',
  'brief.eyebrow': 'Country brief',
  'brief.title': 'Country brief: {country}',
  'brief.running-header': '{title} · {event}',
  'brief.properties-title': '{title} ({event})',
  'brief.subject': 'What the {event} said that concerns {country}',
  'brief.keyword': 'country brief',
  'brief.event-in-brief': 'The forum in brief',
  'brief.key-outcomes': 'Key outcomes',
  /**
   * Not "proposed": the recommendation items also record challenges raised and practice
   * noted ("MONGOLIA raised the challenge of ...", "CAMBODIA noted that ..."), and each was
   * raised by the delegations it names, written as the recommendations write them.
   */
  'brief.proposed': 'What {country} raised',
  'brief.proposed-by': 'Raised by {country}.',
  'brief.proposed-by-with': 'Raised by {country} with {others}.',
  'brief.regional-recommendations': 'Regional recommendations',
  'brief.routes': 'Where {country} appears on the routes',
  'brief.routes.corridors': 'Irregular migration corridors',
  'brief.routes.trafficking': 'Trafficking in persons routes',
  'brief.routes.smuggling': 'Smuggling routes',
  'brief.challenges': 'Challenges that name {country}',
  'brief.partners': 'Partners and themes',
  'brief.participation': 'Participation',
  'brief.notes-by': 'Notes by {author}',
  /** Under each item of `::propositions` in the report. */
  'report.proposed-by': 'Raised by {countries}',
  /** Map legends and notes. */
  'map.country-on-route': 'Country a route names',
  'map.region-without-countries': 'Region the report names without its countries',
  'map.arrows-note':
    'Arrows point the way people are moved. Each place is joined to the nearest place of the next stage of its route (origin; transit or hub; destination); the report does not say which origin uses which hub.',
  'map.trafficking-style-note': 'Trafficking routes are drawn by the heading the report lists them under.',
  'map.inset-note': 'The framed box enlarges the area outlined on the map.',
  'map.inset-area': 'Area shown enlarged in the framed box',
} as const

export type WordKey = keyof typeof defaultWords

/** A word of the table with its placeholders filled: `say('brief.title', { country: 'Thailand' })`. */
export type Say = (key: WordKey, values?: Readonly<Record<string, string>>) => string

/** The event's words: its `words` in forum.json over the defaults. */
export function wordsOf(content: Content): Say {
  const overrides = content.forum.words ?? {}
  const table: Record<string, string> = { ...defaultWords }
  for (const [key, value] of Object.entries(overrides)) if (Object.hasOwn(defaultWords, key)) table[key] = value
  return (key, values = {}) =>
    (table[key] ?? key).replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] ?? whole) : whole))
}

/** Reports every key of forum.json's `words` that is not a word of the table, at its place. */
export function checkWords(content: Content): void {
  const known = Object.keys(defaultWords)
  for (const key of Object.keys(content.forum.words ?? {})) {
    if (Object.hasOwn(defaultWords, key)) continue
    const { file, place } = content.origin('forum.json', ['words', key])
    report(file, 'schema', `Unknown word "${key}" in words${suggest(key, known)}; known: ${known.join(', ')}`, { place })
  }
}

/**
 * A delegation as the recommendations write it: the short name in capitals, with "the"
 * where the report uses it ("the PHILIPPINES", "the UNITED STATES", "the UAE").
 */
export function delegationName(country: Pick<Country, 'name' | 'shortName' | 'article'>): string {
  const name = (country.shortName ?? country.name).toUpperCase()
  return country.article ? `the ${name}` : name
}

/** The back cover's contact labels, as the reference prints them (the HTML's template writes the same). */
export const contactLabels = { telephone: 'Tel.', fax: 'Fax.' } as const
