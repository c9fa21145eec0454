/**
 * The words table of an event as a sheet to translate (`rso-docs words`): every key, its
 * English message, what each value in it is and which plural forms the language has, and
 * the translation the event has now (its own `words` in forum.json, else the built-in
 * table of its language). As Markdown to read, or as JSON to paste into forum.json.
 */
import { IntlMessageFormat } from 'intl-messageformat'
import { builtinTable, defaultWords, type WordKey } from './words.ts'

/** What each value a message can hold is, for the translator. */
const valueNotes: Readonly<Record<string, string>> = {
  country: "a country's name, as countries.json writes it (with the article word where it takes one)",
  countries: 'country names, already joined into a list',
  others: 'names, already joined into a list: countries, or signatories with their roles',
  name: "a name: a country's, or a signatory's",
  count: 'a number: it chooses the plural form',
  countText: 'the number, as the `number` word writes it',
  taken: 'a number: it chooses the plural form',
  takenText: 'the number, as the `number` word writes it',
  total: 'a number: it chooses the plural form',
  totalText: 'the number, as the `number` word writes it',
  n: 'the number to write',
  event: 'the `event` word',
  eventTitle: "the event's title (forum.json)",
  documentType: "the kind of document (forum.json's documentType)",
  title: 'a title',
  dates: "the event's dates as forum.json writes them",
  city: 'the venue city',
  theme: "the event's theme, shown in italics",
  delegates: 'how many delegates came, as forum.json writes it',
  page: 'a page number (filled in by the printer or by Word)',
  pages: 'the number of pages',
  number: 'a telephone or fax number, or a heading number',
  address: 'an e-mail address',
  target: "a link's target",
  what: 'what is missing',
  noun: 'what a figure counts',
  label: 'a label',
  text: 'the text before the note',
  note: 'a note of the report',
  role: "a role on a route (the `role.*` word), or a signatory's role as forum.json writes it",
  place: "a place's name",
  places: 'place names, already joined',
  group: "a route group's name",
  route: "a route's name",
  parts: 'the `map.alt.from`/`through`/`to` phrases, already joined',
  scope: 'the `map.alt.scope` phrase, or nothing',
  from: "a place's name",
  to: "a place's name",
  symbol: 'a map symbol (the `map.symbol.*` word)',
  waters: 'the names of the seas a route crosses, already joined',
  themes: 'the `brief.themes.share` phrase',
  organiser: "the organiser's short name (forum.json)",
  funding: 'the `brief.country.funding-entry` phrases, already joined',
  support: 'the support a funder gives, as forum.json writes it',
  funder: "a funder's name",
  together: 'a number: it chooses the plural form',
  togetherText: 'the number, as the `number` word writes it',
  partner: "a country's name",
  partners: 'country names (each with the `brief.raised.partner-items` count where it has one), already joined',
  outcomes: "the key outcomes' titles, already joined",
  round: "the earlier round's name (`build --redline-label`, or the folder's name or revision)",
  section: "a section's title",
  sections: 'a number of sections: it chooses the plural form',
  kinds: 'which kinds the event has: both, routes or challenges',
  all: 'yes when every one is (every theme taken, every item raised with others), else no',
  author: "the notes' author",
  organisations: 'a number of organisations: it chooses the plural form',
  organisationsText: 'the number, as the `number` word writes it',
}

interface Element {
  type: number
  value?: string
  options?: Record<string, { value: Element[] }>
  children?: Element[]
}

/** The values a message uses, and its plural values, read from intl-messageformat's own parse. */
function valuesOf(message: string): { values: string[]; plurals: string[] } {
  const values = new Set<string>()
  const plurals = new Set<string>()
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      // intl-messageformat's element types: 1 argument, 2 number, 5 select, 6 plural.
      if ((element.type === 1 || element.type === 2 || element.type === 5 || element.type === 6) && element.value) values.add(element.value)
      if (element.type === 6 && element.value) plurals.add(element.value)
      for (const option of Object.values(element.options ?? {})) walk(option.value)
    }
  }
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as unknown as Element[])
  return { values: [...values], plurals: [...plurals] }
}

export interface SheetRow {
  key: WordKey
  english: string
  note: string
  translation: string | undefined
  /** Where the translation comes from. */
  from: 'event' | 'built-in' | 'none'
}

export function wordsSheet(language: string, overrides: Readonly<Record<string, string>> = {}): { rows: SheetRow[]; pluralForms: string[]; table: string } {
  const builtin = builtinTable(language)
  const pluralForms = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[]
  const rows = (Object.keys(defaultWords) as WordKey[]).map((key) => {
    const english: string = defaultWords[key]
    const { values, plurals } = valuesOf(english)
    const notes = values.filter((value) => !plurals.includes(value) || valueNotes[value]).map((value) => `{${value}}: ${valueNotes[value] ?? 'a value'}`)
    if (plurals.length > 0) {
      notes.push(`plural forms in ${language}: ${pluralForms.join(', ')}${pluralForms.includes('one') ? '' : ' (no "one": write =1 {…} where exactly one is meant, and "other" for every other number)'}`)
    }
    const own = overrides[key]
    const translation = own ?? builtin?.words[key]
    return { key, english, note: notes.join('; '), translation, from: own !== undefined ? 'event' : translation !== undefined ? 'built-in' : 'none' } satisfies SheetRow
  })
  const table = builtin
    ? `built-in table src/content/words/${builtin.language}.json (${builtin.name}, ${builtin.reviewedBy.length > 0 ? `reviewed by ${builtin.reviewedBy.map((review) => `${review.name}, ${review.date}`).join('; ')}` : 'not yet reviewed by a native speaker'})`
    : 'no built-in table: every key not in forum.json is English'
  return { rows, pluralForms, table }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function sheetMarkdown(language: string, overrides: Readonly<Record<string, string>> = {}): string {
  const { rows, table } = wordsSheet(language, overrides)
  return [
    `# Words of the documents in ${language}`,
    '',
    `Translations from: ${table}, under the event's own words in forum.json. Write a translation into the "words" object of forum.json under its key; keep every {value} as it is (translate the words around it, never its name).`,
    '',
    '| key | English | values and plural forms | translation |',
    '|---|---|---|---|',
    ...rows.map((row) => `| \`${row.key}\` | ${cell(row.english)} | ${cell(row.note)} | ${row.translation === undefined ? '(none: English)' : `${cell(row.translation)}${row.from === 'event' ? ' (forum.json)' : ''}`} |`),
    '',
  ].join('\n')
}

/** A `words` object to paste into forum.json: each key's current translation, or its English to translate. */
export function sheetJson(language: string, overrides: Readonly<Record<string, string>> = {}): string {
  const { rows } = wordsSheet(language, overrides)
  return `${JSON.stringify({ words: Object.fromEntries(rows.map((row) => [row.key, row.translation ?? row.english])) }, null, 2)}\n`
}
