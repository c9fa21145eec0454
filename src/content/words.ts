/**
 * The words the documents add to the content: headings and sentences of the briefs, the
 * line under each recommendation item, the contents, page furniture, the draft mark, map
 * titles, legends and alternative texts, link descriptions. One flat table of defaults,
 * written as ICU messages (`{country}` is a value, `{count, plural, one {…} other {…}}`
 * picks a form by the event's `language`); an event overrides any key in one place, the
 * `words` object of its forum.json (`"brief.title": "Country note: {country}"`). No event's
 * name, organiser or series is written here: those come from forum.json.
 *
 * Nothing else in the code or the templates writes a word a reader sees:
 * `test/words.test.ts` overrides every key with marked text and fails on any output that
 * still holds an unmarked word that the content does not.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { IntlMessageFormat } from 'intl-messageformat'
import { checkWordOverrides, type WordProblem } from './word-overrides.ts'
import type { Content } from './model.ts'
import type { Country, Role } from './schema.ts'
import { report } from '../errors/catalogue.ts'

/** A word that goes inside other words: it keeps its first letter as written at the start of a sentence. */
interface Phrase {
  readonly phrase: string
}
const phrase = (message: string): Phrase => ({ phrase: message })

/** Each key's English, the default; a `phrase` keeps its first letter (see `phrases`). */
const definitions = {
  /** What the content calls the event in running text: "Thailand at the forum", "the forum was held in Thailand". */
  'event': phrase('forum'),
  // A word's {event} is that noun; {eventTitle} is the event's title in forum.json.
  /** A country whose entry has `"article": true`, in running text: "the Philippines". */
  'country.with-article': phrase('the {name}'),
  /**
   * Numbers in running text, as the house style writes them: one to nine in words, figures
   * from 10. `#` is the figure in the event's language.
   */
  'number': phrase('{n, plural, =0 {no} =1 {one} =2 {two} =3 {three} =4 {four} =5 {five} =6 {six} =7 {seven} =8 {eight} =9 {nine} other {#}}'),

  // Page furniture and parts every document has.
  'contents.title': 'Contents',
  /** In the running header and as the watermark of a draft. */
  'draft.mark': 'DRAFT',
  /** On the cover of a draft. */
  'draft.cover': 'Draft',
  /** The footer of every page but the covers; `{page}` and `{pages}` are filled in by the printer or by Word. */
  'page.number': 'Page {page} of {pages}',
  'cover.venue': '{city}, {country}',
  /** Under a map in the HTML edition: a link that shows it over the whole window (on a phone, the only way to read its legend), and back. */
  'map.open-full-size': 'Open the map at full size',
  'map.close-full-size': 'Back to the text',
  /** The documents' description property. */
  'properties.description': '{documentType} of the {eventTitle}, {dates}, {city}: {theme}',
  'report.properties-title': '{eventTitle}: {documentType}',
  'contact.telephone': 'Tel. {number}',
  'contact.fax': 'Fax. {number}',
  /** What a screen reader says of a link in the PDF. */
  'link.email': 'Email {address}',
  'link.page': 'Page {page}',
  'link.section': 'Go to {target}',
  'link.other': 'Link',
  'missing.mark': '[missing: {what}]',
  'missing.value': phrase('a value'),
  /** What a figure whose number is missing counts: "the number of countries". */
  'missing.figure': phrase('the number of {noun}'),
  /** A signature whose image is a placeholder: what the mark names, and the placeholder's alternative text. */
  'missing.signature': phrase('the signature of {name}'),
  'missing.signature-placeholder': 'An empty box where the signature will be',
  /** A numbered theme or challenge: "2. Information sharing". */
  'heading.numbered': '{number}. {title}',
  /** A bold label before what it labels: "Origins:", a key outcome's title. */
  'label': phrase('{label}:'),
  /** Between the names of a short list without "and": the places of a route's role, its tactics. */
  'list.separator': phrase(', '),
  /** Between the groups of a route's facts ("Origins: A, B; Destinations: C"), and between a country's roles on a route. */
  'list.group-separator': phrase('; '),
  /** What the report says of a place on a route, after its role: "Destination (for forced labour)". */
  'note.aside': phrase('{text} ({note})'),
  'glossary.abbreviation': 'Abbreviation',
  'glossary.meaning': 'Meaning',
  /** Under each item of `::propositions` in the report, where its sentence does not already name every delegation. */
  'report.raised-by': 'Raised by {countries}',

  // Routes as the report lists them.
  'role.origin': '{count, plural, one {Origin} other {Origins}}',
  'role.transit': 'Transit',
  'role.hub': '{count, plural, one {Hub} other {Hubs}}',
  'role.departure-point': '{count, plural, one {Departure point} other {Departure points}}',
  'role.staging-point': '{count, plural, one {Staging point} other {Staging points}}',
  'role.exploitation-site': '{count, plural, one {Place of exploitation} other {Places of exploitation}}',
  'role.destination': '{count, plural, one {Destination} other {Destinations}}',
  'role.forgery-centre': '{count, plural, one {Forgery centre} other {Forgery centres}}',
  'route.tactics': 'Tactics',

  // Country briefs.
  'brief.eyebrow': 'Country brief',
  'brief.title': 'Country brief: {country}',
  'brief.running-header': '{title} · {eventTitle}',
  'brief.properties-title': '{title} ({eventTitle})',
  'brief.subject': 'What the {eventTitle} said that concerns {country}',
  'brief.keyword': phrase('country brief'),
  /**
   * The brief's first part: what the content holds about the country beyond its items,
   * routes and challenges (the venue, a signatory, a funder), and what it does not hold,
   * said once. Left out when there is nothing to say.
   */
  'brief.country.title': '{country} at the {event}',
  'brief.country.not-participant': '{country} did not take part in the {event}.',
  'brief.country.venue': 'The {event} was held in {country}, in {city}, over {dates}.',
  /** A signatory of the country, with the role as forum.json writes it: "David Scott, RSO Co-Manager (Australia), signed the report with ...". */
  'brief.country.signatory': '{name}, {role}, signed the report.',
  'brief.country.signatory-with': '{name}, {role}, signed the report with {others}.',
  'brief.country.signatory-role': phrase('{name}, {role}'),
  /** The funders of the country, in the report's words: "The RSO acknowledges core funding support from the ...". */
  'brief.country.funding': 'The {organiser} acknowledges {funding}, which made the {event} possible.',
  'brief.country.funding-entry': phrase('{support} from {funder}'),
  'brief.country.no-items': '{country} raised no recommendation item of its own.',
  /** After what a country raised, when no route or challenge names it; `kinds` says which of the two the event has. */
  'brief.country.not-named': 'Delegates did not name {country} {kinds, select, both {on any corridor or route, or in any challenge} routes {on any corridor or route} other {in any challenge}}.',
  'brief.country.nothing': '{country} raised no recommendation item of its own, and delegates did not name it {kinds, select, both {on any corridor or route, or in any challenge} routes {on any corridor or route} other {in any challenge}}.',
  'brief.themes.share': phrase('{taken, plural, =1 {{total, plural, =1 {the {event}\'s only recommendation theme} other {one of the {event}\'s {totalText} recommendation themes}}} other {{all, select, yes {{taken, plural, =2 {both of the {event}\'s recommendation themes} other {all {takenText} of the {event}\'s recommendation themes}}} other {{takenText} of the {event}\'s {totalText} recommendation themes}}}}'),
  'brief.raised.title': 'What {country} raised',
  'brief.raised.intro': '{country} raised {count, plural, one {one recommendation item} other {{countText} recommendation items}}, under {themes}.',
  /** Who it raised items with: "It raised three of them with the Philippines (two items), Cambodia and Canada." */
  'brief.raised.together': '{together, plural, one {{all, select, yes {It was raised jointly with {partners}.} other {It raised one of them with {partners}.}}} other {{all, select, yes {It raised {together, plural, =2 {both} other {all of them}} with {partners}.} other {It raised {togetherText} of them with {partners}.}}}}',
  'brief.raised.partner-items': phrase('{partner} ({count, plural, one {one item} other {{countText} items}})'),
  /**
   * Under each item of a brief. Not "proposed": the recommendation items also record
   * challenges raised and practice noted ("MONGOLIA raised the challenge of ...", "CAMBODIA
   * noted that ..."), and each was raised by the delegations it names, written as the
   * recommendations write them. Left out where the item's sentence names every delegation.
   */
  'brief.raised-by': 'Raised by {country}.',
  'brief.raised-by-with': 'Raised by {country} with {others}.',
  'brief.routes.title': 'Where {country} appears on the routes',
  'brief.routes.corridors': 'Irregular migration corridors',
  'brief.routes.trafficking': 'Trafficking in persons routes',
  'brief.routes.smuggling': 'Smuggling routes',
  'brief.routes.group-route': '{group}: {route}',
  'brief.routes.role-of': 'Role of {country}:',
  'brief.routes.role-at': phrase('{role} at {place}'),
  'brief.challenges.title': 'Challenges that name {country}',
  /** The last part: the event in one paragraph, the same in every brief, so kept short. */
  'brief.forum.title': 'The {event}',
  /** `{theme}` is the event's theme, shown in italics. */
  'brief.forum.text': 'The {eventTitle} met in {city}, {country}, over {dates}, under the theme {theme}.',
  'brief.forum.text-with-delegates': 'The {eventTitle} brought {delegates} delegates to {city}, {country}, over {dates}, under the theme {theme}.',
  'brief.forum.outcomes': 'Its key outcomes were {outcomes}.',
  'brief.forum.participants': 'Delegations of {count, plural, one {one country} other {{countText} countries}} took part{organisations, plural, =0 {} one {, with one organisation} other {, with {organisationsText} organisations}}.',
  'brief.notes-by': 'Notes by {author}',

  // Maps: titles, captions, alternative texts, legends and the titles of their parts.
  /** The report's map of a kind of route; this event's own wording goes in its forum.json. */
  'map.title.corridors': 'Irregular migration corridors',
  'map.title.trafficking': 'Trafficking in persons routes',
  'map.title.smuggling': 'Smuggling routes',
  /** A brief's map: the routes of the kind that name its country. */
  'map.title-naming.corridors': 'Irregular migration corridors that name {country}',
  'map.title-naming.trafficking': 'Trafficking in persons routes that name {country}',
  'map.title-naming.smuggling': 'Smuggling routes that name {country}',
  // Phrases too: `map.alt.not-named` holds them after a semicolon; as a map's caption they are said as a sentence.
  'map.title-not-named.corridors': phrase('{country} is not named on any irregular migration corridor'),
  'map.title-not-named.trafficking': phrase('{country} is not named on any trafficking in persons route'),
  'map.title-not-named.smuggling': phrase('{country} is not named on any smuggling route'),
  'map.alt.corridors': 'Map of {count, plural, one {{countText} irregular migration corridor} other {{countText} irregular migration corridors}}{scope}, drawn as arrows in the direction people are moved.',
  'map.alt.trafficking': 'Map of {count, plural, one {{countText} trafficking in persons route} other {{countText} trafficking in persons routes}}{scope}, drawn as arrows in the direction people are moved.',
  'map.alt.smuggling': 'Map of {count, plural, one {{countText} smuggling route} other {{countText} smuggling routes}}{scope}, drawn as arrows in the direction people are moved.',
  'map.alt.scope': phrase('{count, plural, one { that names {country}} other { that name {country}}}, which is highlighted'),
  'map.alt.not-named': 'Map of the region with {country} highlighted; {title}.',
  /** One sentence per route in the alternative text: "Name: from A and B, through C, to D." */
  'map.alt.route': '{route}: {parts}.',
  'map.alt.from': phrase('from {places}'),
  'map.alt.departing-from': phrase('departing from {places}'),
  'map.alt.through': phrase('through {places}'),
  'map.alt.to': phrase('to {places}'),
  'map.alt.exploited-in': phrase('places of exploitation in {places}'),
  'map.alt.forged-in': phrase('forgery centres in {places}'),
  'map.alt.across': phrase('across {places}'),
  'map.legend.routes': 'Routes',
  'map.legend.routes-grouped': 'Routes, by the report\'s heading',
  'map.legend.places': 'Places',
  'map.symbol.hub': 'Hub',
  'map.symbol.transit': 'Transit point',
  'map.symbol.departure': 'Departure point',
  'map.symbol.staging': 'Staging point',
  'map.symbol.exploitation': 'Place of exploitation',
  'map.symbol.forgery': 'Forgery centre',
  'map.symbol.place': 'City or small country',
  'map.symbol.region': 'Region',
  'map.symbol.start': 'Where a route starts',
  'map.country-on-route': 'Country on a route',
  'map.region-without-countries': 'Region (area approximate)',
  'map.region-title': '{place}: the report does not say which countries',
  'map.arrow-title': '{route}: {from} to {to}',
  'map.band-title': '{route}: from {from} across {waters}',
  'map.symbol-title': '{place}: {symbol} ({route})',
  'map.inset-area': 'Area shown enlarged in the box',

  // Redline editions (`build --redline`): a document with the changes since an earlier round marked.
  /** The redline's title property; `{title}` is the document's own title, `{round}` the earlier round's name. */
  'redline.title': '{title}: changes since {round}',
  /** The heading of the redline's first page. */
  'redline.summary.title': 'Changes since {round}',
  'redline.summary.count': '{count, plural, =0 {No changes} one {One change} other {# changes}} since {round}{sections, plural, =0 {.} one {, in one section:} other {, in # sections:}}',
  /** One line of the summary's list: a section and how many of its blocks changed. */
  'redline.summary.section': '{section}: {count, plural, one {one change} other {# changes}}',
  'redline.summary.key': 'Text added since {round} is underlined; text removed is struck through; a bar in the margin marks each changed block.',
} as const satisfies Record<string, string | Phrase>

export type WordKey = keyof typeof definitions

export const defaultWords = Object.fromEntries(Object.entries(definitions).map(([key, definition]) => [key, typeof definition === 'string' ? definition : definition.phrase])) as { readonly [Key in WordKey]: string }

export type WordValues = Readonly<Record<string, string | number>>

/**
 * Keys written `phrase(…)` above go inside other words (a phrase, a number, a separator), so
 * they keep their first letter as written; every other word is a heading, a label or a
 * sentence, and begins with a capital where the language has capitals, whatever value
 * comes first ("{country} was one of ..." with "the Philippines").
 */
const phrases: ReadonlySet<string> = new Set(Object.entries(definitions).flatMap(([key, definition]) => (typeof definition === 'string' ? [] : [key])))

/** A list's patterns as CLDR writes them (`{0}` and `{1}`), for a language whose list rules Intl lacks or that a table corrects. */
export interface ListPatterns {
  two: string
  start: string
  middle: string
  end: string
}

/** A built-in words table: `src/content/words/<language>.json`. */
export interface BuiltinTable {
  /** The language's tag, as forum.json's `language` names it ("id", "th", "ar"). */
  language: string
  /** The language's name in English and in itself, for the README and `words`. */
  name: string
  nativeName: string
  direction: 'ltr' | 'rtl'
  /** Who has read the table as a native speaker, with the date; empty until someone has. */
  reviewedBy: Array<{ name: string; date: string }>
  /** The list rules where Intl has none for the language, or where the table corrects CLDR's. */
  list?: ListPatterns
  words: Partial<Record<WordKey, string>>
}

const tablesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'words')
/** The tables are static data shipped with the code, read at most once each (like the world atlas). */
const tables = new Map<string, BuiltinTable | undefined>()

/** Other tags for a language that has a table under its own. */
const aliases: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb', tl: 'fil', in: 'id', zsm: 'ms' }

/** Every language with a built-in table, by tag. */
export function builtinLanguages(): string[] {
  try {
    return readdirSync(tablesDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort()
  } catch {
    return []
  }
}

/** The built-in table of a language tag ("id-ID" finds "id"), if there is one. English has none: its words are the defaults. */
export function builtinTable(language: string): BuiltinTable | undefined {
  const primary = language.split('-')[0]?.toLowerCase() ?? ''
  const tag = aliases[primary] ?? primary
  if (!/^[a-z]{2,3}$/.test(tag)) return undefined
  if (!tables.has(tag)) {
    let table: BuiltinTable | undefined
    try {
      table = JSON.parse(readFileSync(path.join(tablesDir, `${tag}.json`), 'utf8')) as BuiltinTable
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Internal error: the built-in words table ${tag}.json does not read: ${(error as Error).message}`)
    }
    tables.set(tag, table)
  }
  return tables.get(tag)
}

/** Languages written from right to left, by their primary tag: their documents are laid out mirrored. */
const rightToLeft: ReadonlySet<string> = new Set(['ar', 'fa', 'ur', 'dv', 'he', 'ps', 'sd', 'ug', 'yi', 'ckb'])

export function textDirection(language: string): 'ltr' | 'rtl' {
  const table = builtinTable(language)
  if (table) return table.direction
  return rightToLeft.has(language.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr'
}

/** The words of an event before its own overrides: the language's built-in table over the English defaults. */
export function baseWords(language: string): Record<string, string> {
  return { ...defaultWords, ...(builtinTable(language)?.words ?? {}) }
}

/** The event's words, formatted in its language. Made once per build (`createWords`) and passed down. */
export interface Words {
  /** The event's `language`, a BCP 47 tag such as "en-GB". */
  readonly language: string
  /** Which way the language is written; the layout mirrors for "rtl". */
  readonly direction: 'ltr' | 'rtl'
  /** The words of forum.json that do not fit their default, and why; the defaults stand in their place. */
  readonly refused: readonly WordProblem[]
  /** A word of the table with its values filled in: `say('brief.title', { country: 'Thailand' })`. */
  say(key: WordKey, values?: WordValues): string
  /**
   * The same, as the text around the values named in `kept` and those values, so that a
   * value can be shown in its own style (the theme in italics).
   */
  sayParts(key: WordKey, values: WordValues, kept: readonly string[]): Array<string | { placeholder: string; value: string }>
  /** A number in running text, as the `number` word writes it ("two", "12"). */
  number(value: number): string
  /**
   * Names joined as the event's language joins them ("A, B and C"). `serialComma` asks for
   * the comma before the last name where the language has that style (English: "A, B, and
   * C", as the reference lists the participants); Intl.ListFormat has no option for it, and
   * en-US is the serial style of English.
   */
  list(names: readonly string[], options?: { serialComma?: boolean }): string
  /** The same, as the names and the words between them, for a list with separators of its own. */
  listParts(names: readonly string[], options?: { serialComma?: boolean }): Array<{ type: 'element' | 'literal'; value: string }>
  /** `value` with its first letter in capitals, as a sentence that starts with a name in running text begins ("The Philippines ..."). */
  sentence(value: string): string
  /** The text of a word around its placeholders, for furniture filled in by a printer or Word. */
  parts(key: WordKey, placeholders: readonly string[]): Array<string | { placeholder: string }>
}

/** The event's words: its `words` in forum.json over its language's built-in table over the defaults. */
export function createWords(content: Content): Words {
  const language = content.forum.language
  const overrides = content.forum.words ?? {}
  const builtin = builtinTable(language)
  const table: Record<string, string> = baseWords(language)
  // A word that does not fit its default is reported at its place by `checkWords`; the built-in or default word stands meanwhile.
  const refused = checkWordOverrides(defaultWords, overrides, language)
  const refusedKeys = new Set(refused.map((problem) => problem.key))
  for (const [key, value] of Object.entries(overrides)) if (!refusedKeys.has(key)) table[key] = value
  const formats = new Map<string, IntlMessageFormat>()
  const formatOf = (key: string): IntlMessageFormat => {
    let format = formats.get(key)
    if (!format) {
      format = new IntlMessageFormat(table[key] ?? key, language, undefined, { ignoreTag: true })
      formats.set(key, format)
    }
    return format
  }
  const sentence = (value: string): string => {
    const first = value.codePointAt(0)
    if (first === undefined) return value
    const character = String.fromCodePoint(first)
    return character.toLocaleUpperCase(language) + value.slice(character.length)
  }
  const fill = (values: WordValues): Record<string, string | number> => {
    // `{event}` is the event's noun unless a value says otherwise.
    const filled: Record<string, string | number> = { event: table.event ?? defaultWords.event, ...values }
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'number' && !Object.hasOwn(values, `${name}Text`)) filled[`${name}Text`] = number(value)
    }
    return filled
  }
  const say = (key: WordKey, values: WordValues = {}): string => {
    const said = String(formatOf(key).format(fill(values)))
    return phrases.has(key) ? said : sentence(said)
  }
  // `{event}` is filled in here too, so that every word may use it (`word-overrides.ts`).
  const number = (value: number): string => String(formatOf('number').format({ event: table.event ?? defaultWords.event, n: value }))
  const serialLanguage = language.startsWith('en') ? 'en-US' : language
  const listParts = (names: readonly string[], options: { serialComma?: boolean } = {}) =>
    builtin?.list ? patternListParts(names, builtin.list) : new Intl.ListFormat(options.serialComma ? serialLanguage : language, { type: 'conjunction' }).formatToParts(names)
  const markers = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, `\u0000${name}\u0000`]))
  return {
    language,
    direction: textDirection(language),
    refused,
    say,
    sayParts(key, values, kept) {
      const marked = say(key, { ...values, ...markers(kept) })
      return marked
        .split(/\u0000/)
        .map((piece, index) => (index % 2 === 1 ? { placeholder: piece, value: String(values[piece] ?? '') } : piece))
        .filter((piece) => piece !== '')
    },
    number,
    list: (names, options) => listParts(names, options).map((part) => part.value).join(''),
    listParts,
    sentence,
    parts(key, placeholders) {
      return say(key, markers(placeholders))
        .split(/\u0000/)
        .map((piece, index) => (index % 2 === 1 ? { placeholder: piece } : piece))
        .filter((piece) => piece !== '')
    },
  }
}

/** A list joined by CLDR-style patterns: `two` for two names; `start`, `middle` and `end` for more. */
function patternListParts(names: readonly string[], patterns: ListPatterns): Array<{ type: 'element' | 'literal'; value: string }> {
  if (names.length === 0) return []
  if (names.length === 1) return [{ type: 'element', value: names[0] as string }]
  const apply = (pattern: string, first: Array<{ type: 'element' | 'literal'; value: string }>, second: string) => {
    const [before = '', rest = ''] = pattern.split('{0}')
    const [between = '', after = ''] = rest.split('{1}')
    return [
      ...(before ? [{ type: 'literal' as const, value: before }] : []),
      ...first,
      ...(between ? [{ type: 'literal' as const, value: between }] : []),
      { type: 'element' as const, value: second },
      ...(after ? [{ type: 'literal' as const, value: after }] : []),
    ]
  }
  if (names.length === 2) return apply(patterns.two, [{ type: 'element', value: names[0] as string }], names[1] as string)
  // CLDR builds a list from its end: end joins the last two, middle each name before, start the first.
  let parts = apply(patterns.end, [{ type: 'element', value: names[names.length - 2] as string }], names[names.length - 1] as string)
  for (let index = names.length - 3; index >= 0; index--) {
    const pattern = index === 0 ? patterns.start : patterns.middle
    const [before = '', rest = ''] = pattern.split('{0}')
    const [between = '', after = ''] = rest.split('{1}')
    parts = [
      ...(before ? [{ type: 'literal' as const, value: before }] : []),
      { type: 'element' as const, value: names[index] as string },
      ...(between ? [{ type: 'literal' as const, value: between }] : []),
      ...parts,
      ...(after ? [{ type: 'literal' as const, value: after }] : []),
    ]
  }
  return parts
}

/**
 * Reports every key of forum.json's `words` that is not a word of the table, not a message,
 * or does not fit its default (a value renamed, a plural form the language does not have),
 * at its place.
 */
export function checkWords({ content, words }: { content: Content; words: Words }): void {
  for (const { key, reason } of words.refused) {
    const { file, place } = content.origin('forum.json', ['words', key])
    report(file, 'words', reason, { place })
  }
}

/** A role's label, singular or plural by how many places it heads: "Origin", "Origins". */
export function roleLabel(words: Words, role: Role, count: number): string {
  return words.say(`role.${role}`, { count })
}

/**
 * A delegation as the recommendations write it: the short name in capitals, with "the"
 * where the report uses it ("the PHILIPPINES", "the UNITED STATES", "the UAE").
 */
export function delegationName(country: Pick<Country, 'name' | 'shortName' | 'article'>, words: Words): string {
  const name = (country.shortName ?? country.name).toLocaleUpperCase(words.language)
  return country.article ? words.say('country.with-article', { name }) : name
}
