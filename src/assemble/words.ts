/**
 * The words the documents add to the content: the headings and labels a brief writes, the
 * line under each proposition. A flat table of defaults, each with `{name}` placeholders
 * filled when it is used; an event overrides any of them in one place, the `words` object
 * of its forum.json (`"brief.title": "Country note: {country}"`). No event's name,
 * organiser or series is written here: those come from forum.json.
 */
import type { Content } from '../content/model.ts'
import { suggest } from '../content/references.ts'
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
  'brief.proposed': 'What {country} proposed',
  'brief.proposed-by': 'Proposed by {country}.',
  'brief.proposed-by-with': 'Proposed by {country} with {others}.',
  'brief.regional-recommendations': 'Regional recommendations',
  'brief.routes': 'Where {country} appears on the routes',
  'brief.routes.corridors': 'Irregular migration corridors',
  'brief.routes.trafficking': 'Trafficking in persons routes',
  'brief.routes.smuggling': 'Smuggling routes',
  'brief.challenges': 'Challenges that name {country}',
  'brief.partners': 'Partners and themes',
  'brief.participation': 'Participation',
  'brief.notes-by': 'Notes by {author}',
  /** Under each proposition of `::propositions` in the report. */
  'report.proposed-by': 'Proposed by {countries}',
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
