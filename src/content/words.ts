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
import { IntlMessageFormat } from 'intl-messageformat'
import { checkWordOverrides, type WordProblem } from './word-overrides.ts'
import type { Content } from './model.ts'
import type { Country, Role } from './schema.ts'
import { report } from '../errors/catalogue.ts'

export const defaultWords = {
  /** What the content calls the event in running text: "the forum in brief", "the forum was attended by". */
  'event': 'forum',
  // A word's {event} is that noun; {eventTitle} is the event's title in forum.json.
  /** A country whose entry has `"article": true`, in running text: "the Philippines". */
  'country.with-article': 'the {name}',
  /**
   * Numbers in running text, as the house style writes them: one to nine in words, figures
   * from 10. `#` is the figure in the event's language.
   */
  'number': '{n, plural, =0 {no} =1 {one} =2 {two} =3 {three} =4 {four} =5 {five} =6 {six} =7 {seven} =8 {eight} =9 {nine} other {#}}',

  // Page furniture and parts every document has.
  'contents.title': 'Contents',
  /** In the running header and as the watermark of a draft. */
  'draft.mark': 'DRAFT',
  /** On the cover of a draft. */
  'draft.cover': 'Draft',
  /** The footer of every page but the covers; `{page}` and `{pages}` are filled in by the printer or by Word. */
  'page.number': 'Page {page} of {pages}',
  'cover.venue': '{city}, {country}',
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
  'missing.value': 'a value',
  /** What a figure whose number is missing counts: "the number of countries". */
  'missing.figure': 'the number of {noun}',
  /** A numbered theme or challenge: "2. Information sharing". */
  'heading.numbered': '{number}. {title}',
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
  'brief.keyword': 'country brief',
  'brief.event-in-brief.title': 'The {event} in brief',
  'brief.event-in-brief.text': 'The {eventTitle}, held over {dates} in {city}, {country}, met under the theme ',
  'brief.event-in-brief.text-with-delegates': 'The {eventTitle}, held over {dates} in {city}, {country}, convened {delegates} delegates under the theme ',
  'brief.key-outcomes': 'Key outcomes',
  /** One sentence that says what the brief holds; each part is left out when the event has no such collection. */
  'brief.glance.items': '{count, plural, =0 {records no recommendation item raised by {country}} one {records {countText} recommendation item raised by {country} under {themes}} other {records {countText} recommendation items raised by {country} under {themes}}}',
  'brief.glance.routes': '{count, plural, =0 {on no corridor or route} one {on {countText} corridor or route} other {on {countText} corridors and routes}}',
  'brief.glance.challenges': '{count, plural, =0 {in no challenge} one {in {countText} challenge} other {in {countText} challenges}}',
  'brief.glance.names': 'names {country} {where}',
  'brief.glance.routes-and-challenges': '{routes}, and {challenges}',
  /** When the country is on no route and in no challenge; `kinds` says which of the two the event has. */
  'brief.glance.names-nowhere': '{kinds, select, both {names {country} on no corridor, route or challenge} routes {names {country} on no corridor or route} other {names {country} in no challenge}}',
  'brief.glance.both': 'The report {items}; it {names}.',
  'brief.glance.one': 'The report {part}.',
  /** Themes counted in running text: "one recommendation theme", "both of the report's recommendation themes". */
  'brief.themes.count': '{count, plural, one {{countText} recommendation theme} other {{countText} recommendation themes}}',
  'brief.themes.share': '{taken, plural, =1 {{total, plural, =1 {the report\'s only recommendation theme} other {one of the report\'s {totalText} recommendation themes}}} other {{all, select, yes {{taken, plural, =2 {both of the report\'s recommendation themes} other {all {takenText} of the report\'s recommendation themes}}} other {{takenText} of the report\'s {totalText} recommendation themes}}}}',
  'brief.raised.title': 'What {country} raised',
  'brief.raised.intro': '{country} raised {count, plural, one {{countText} recommendation item} other {{countText} recommendation items}}, under {themes}. {count, plural, one {It is} other {Each is}} quoted as the report writes it.',
  /**
   * Under each item of a brief. Not "proposed": the recommendation items also record
   * challenges raised and practice noted ("MONGOLIA raised the challenge of ...", "CAMBODIA
   * noted that ..."), and each was raised by the delegations it names, written as the
   * recommendations write them. Left out where the item's sentence names every delegation.
   */
  'brief.raised-by': 'Raised by {country}.',
  'brief.raised-by-with': 'Raised by {country} with {others}.',
  'brief.regional.title': 'Regional recommendations',
  'brief.regional.themes': 'The {event}\'s recommendations to the region fall under {count, plural, one {{countText} theme} other {{countText} themes}}:',
  'brief.regional.unattributed': 'The report attributes these items to delegations as a whole rather than to named countries:',
  'brief.routes.title': 'Where {country} appears on the routes',
  'brief.routes.intro': 'The report names {country}, or a place in it, on {count, plural, one {{countText} corridor or route. Its role there comes first} other {{countText} corridors and routes. On each, its role comes first}}, then the route as the report describes it.',
  'brief.routes.corridors': 'Irregular migration corridors',
  'brief.routes.trafficking': 'Trafficking in persons routes',
  'brief.routes.smuggling': 'Smuggling routes',
  'brief.routes.group-route': '{group}: {route}',
  'brief.routes.role-of': 'Role of {country}:',
  'brief.routes.role-at': '{role} at {place}',
  'brief.challenges.title': 'Challenges that name {country}',
  /** Shown only for a country that raised items together with others. */
  'brief.partners.title': 'Partners',
  'brief.partners.intro': '{country} raised items together with {count, plural, one {{countText} country} other {{countText} countries}}:',
  'brief.partners.entry': ': {count, plural, one {{countText} item} other {{countText} items}} together, under {themes}',
  'brief.participation.title': 'Participation',
  'brief.participation.took-part': '{country} was one of the {count, plural, one {{countText} country} other {{countText} countries}} that took part in the {eventTitle}.',
  'brief.participation.not-among': '{country} was not among the {count, plural, one {{countText} country} other {{countText} countries}} that took part in the {eventTitle}; this brief gathers what the report says about it.',
  'brief.participation.attended-by': 'The {event} was attended by {countries}.',
  'brief.participation.organisations': 'Organisations represented include {organisations}.',
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
  'map.title-not-named.corridors': '{country} is not named on any irregular migration corridor',
  'map.title-not-named.trafficking': '{country} is not named on any trafficking in persons route',
  'map.title-not-named.smuggling': '{country} is not named on any smuggling route',
  'map.alt.corridors': 'Map of {count, plural, one {{countText} irregular migration corridor} other {{countText} irregular migration corridors}}{scope}, drawn as arrows in the direction people are moved.',
  'map.alt.trafficking': 'Map of {count, plural, one {{countText} trafficking in persons route} other {{countText} trafficking in persons routes}}{scope}, drawn as arrows in the direction people are moved.',
  'map.alt.smuggling': 'Map of {count, plural, one {{countText} smuggling route} other {{countText} smuggling routes}}{scope}, drawn as arrows in the direction people are moved.',
  'map.alt.scope': '{count, plural, one { that names {country}} other { that name {country}}}, which is highlighted',
  'map.alt.not-named': 'Map of the region with {country} highlighted; {title}.',
  /** One sentence per route in the alternative text: "Name: from A and B, through C, to D." */
  'map.alt.route': '{route}: {parts}.',
  'map.alt.from': 'from {places}',
  'map.alt.through': 'through {places}',
  'map.alt.to': 'to {places}',
  'map.alt.exploited-in': 'places of exploitation in {places}',
  'map.alt.forged-in': 'forgery centres in {places}',
  'map.legend.routes': 'Routes',
  'map.legend.places': 'Places',
  'map.symbol.hub': 'Hub',
  'map.symbol.transit': 'Transit point',
  'map.symbol.departure': 'Departure point',
  'map.symbol.staging': 'Staging point',
  'map.symbol.exploitation': 'Place of exploitation',
  'map.symbol.forgery': 'Forgery centre',
  'map.symbol.place': 'City or small country',
  'map.symbol.region': 'Region',
  'map.country-on-route': 'Country a route names',
  'map.region-without-countries': 'Region the report names without its countries',
  'map.region-title': '{place}: the report does not say which countries',
  'map.arrow-title': '{route}: {from} to {to}',
  'map.symbol-title': '{place}: {symbol} ({route})',
  'map.arrows-note':
    'Arrows point the way people are moved. Each place is joined to the nearest place of the next stage of its route (origin; transit or hub; destination); the report does not say which origin uses which hub.',
  'map.trafficking-style-note': 'Trafficking routes are drawn by the heading the report lists them under.',
  'map.inset-note': 'The framed box enlarges the area outlined on the map.',
  'map.inset-area': 'Area shown enlarged in the framed box',

  // Redline editions (`build --redline`): a document with the changes since an earlier round marked.
  /** The redline's title property; `{title}` is the document's own title, `{round}` the earlier round's name. */
  'redline.title': '{title}: changes since {round}',
  /** The heading of the redline's first page. */
  'redline.summary.title': 'Changes since {round}',
  'redline.summary.count': '{count, plural, =0 {No changes} one {One change} other {# changes}} since {round}{sections, plural, =0 {.} one {, in one section:} other {, in # sections:}}',
  /** One line of the summary's list: a section and how many of its blocks changed. */
  'redline.summary.section': '{section}: {count, plural, one {one change} other {# changes}}',
  'redline.summary.key': 'Text added since {round} is underlined; text removed is struck through; a bar in the margin marks each changed block.',
} as const

export type WordKey = keyof typeof defaultWords

export type WordValues = Readonly<Record<string, string | number>>

/** The event's words, formatted in its language. Made once per build (`createWords`) and passed down. */
export interface Words {
  /** The event's `language`, a BCP 47 tag such as "en-GB". */
  readonly language: string
  /** The words of forum.json that do not fit their default, and why; the defaults stand in their place. */
  readonly refused: readonly WordProblem[]
  /** A word of the table with its values filled in: `say('brief.title', { country: 'Thailand' })`. */
  say(key: WordKey, values?: WordValues): string
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

/** The event's words: its `words` in forum.json over the defaults. */
export function createWords(content: Content): Words {
  const language = content.forum.language
  const overrides = content.forum.words ?? {}
  const table: Record<string, string> = { ...defaultWords }
  // A word that does not fit its default is reported at its place by `checkWords`; the default stands meanwhile.
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
  const say = (key: WordKey, values: WordValues = {}): string => {
    // `{event}` is the event's noun unless a value says otherwise.
    const filled: Record<string, string | number> = { event: table.event ?? defaultWords.event, ...values }
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'number' && !Object.hasOwn(values, `${name}Text`)) filled[`${name}Text`] = number(value)
    }
    return String(formatOf(key).format(filled))
  }
  // `{event}` is filled in here too, so that every word may use it (`word-overrides.ts`).
  const number = (value: number): string => String(formatOf('number').format({ event: table.event ?? defaultWords.event, n: value }))
  const serialLanguage = language.startsWith('en') ? 'en-US' : language
  return {
    language,
    refused,
    say,
    number,
    list: (names, options = {}) => new Intl.ListFormat(options.serialComma ? serialLanguage : language, { type: 'conjunction' }).format(names),
    listParts: (names, options = {}) => new Intl.ListFormat(options.serialComma ? serialLanguage : language, { type: 'conjunction' }).formatToParts(names),
    sentence: (value) => value.charAt(0).toLocaleUpperCase(language) + value.slice(1),
    parts(key, placeholders) {
      const markers = Object.fromEntries(placeholders.map((name) => [name, `\u0000${name}\u0000`]))
      return say(key, markers)
        .split(/\u0000/)
        .map((piece, index) => (index % 2 === 1 ? { placeholder: piece } : piece))
        .filter((piece) => piece !== '')
    },
  }
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
