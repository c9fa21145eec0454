/**
 * Every problem a person can fix, with a permanent name, what went wrong and what to do.
 *
 * Messages are vfile messages: they carry the file, the place (line:column), a stable
 * `ruleId` from this catalogue and a hint in `note`. Code that finds a problem reports it
 * through `report()` so that every message reads the same way. An entry whose wording
 * lives here (`messages`, one function per way the mistake shows) is reported through
 * `reportFrom()` with the values it names, so its wording, its example and its hint are
 * read, changed and tested in one place (`test/catalogue.unit.test.ts` checks each
 * example against what the command prints).
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Point, Position } from 'unist'

declare module 'vfile' {
  interface DataMap {
    /** The content folder a file belongs to, so that hints name the folder in use. */
    contentFolder: string
  }
}

export interface CatalogueEntry {
  /** The mistake, as the README's table lists it. */
  title: string
  /** What the message looks like. */
  example: string
  /** What to do. `{content}/` stands for the content folder in use (`source/` in the README). */
  hint: string
  /** Exit code of the command; 1 when absent. */
  exitCode?: number
  /** The message's wording, by the way the mistake shows, from the values it names. */
  messages?: Readonly<Record<string, (values: never) => string>>
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ')

export const catalogue = {
  'json-syntax': {
    title: 'invalid JSON',
    example: '`glossary.json:14:5: error: Invalid JSON: expected a comma between values [json-syntax]`',
    hint: 'Fix the JSON at this place: a missing comma, an unclosed quote or bracket, or a trailing comma are the usual causes.',
  },
  'front-matter-syntax': {
    title: 'invalid YAML front matter, or front matter that is not YAML data',
    example: '`report/08-looking-ahead.md:2:8: error: Invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ] [front-matter-syntax]`; ``briefs/THA.md:1:1: error: Front matter must open with a line of exactly `---`, not `---js` [front-matter-syntax]``',
    hint: 'Front matter is YAML between two `---` lines at the top of the file; fix the YAML at this place (plain YAML: no `---js`, no `!!tags`).',
  },
  'schema': {
    title: 'an unknown field, a wrong type or a missing field',
    example: '`key-outcomes.json:5:27: error: Unknown field "titel" at outcomes[1] [schema]`; `forum.json:9:16: error: Invalid input: expected string, received number at delegates [schema]`; `contact.json:1:1: error: Missing field "fax" at the top level [schema]`',
    hint: 'Compare this value with the fields of this file as the README lists them (Content files): each field, its type and whether it is required.',
  },
  'words': {
    title: 'a word in the `words` of forum.json that the table does not have, that is not a valid message, or that does not fit its default',
    example: '`forum.json:24:20: error: The word "brief.title" uses the value {negara}, which is never filled in: its default "Country brief: {country}" has {country}; a value keeps its name in every language, only the words around it change [words]`; `The word "role.hub" has the plural form "few" for {count}, which en-GB never uses: its forms are "one", "other", or "=N" for exactly N`',
    hint: 'Translate only the words around the values: keep each value\'s name ({country}) and each select choice as the default writes them, and give the plural forms of the event\'s language. The README\'s table of words lists every key with its default.',
    messages: {
      unknownKey: ({ key, suggestion }: { key: string; suggestion: string }) => `Unknown word "${key}" in words${suggestion}; the README's table of words lists every key`,
      /** `what` says what is wrong in the parser's terms, `at` the character of the message where it found it. */
      invalid: ({ key, what, at }: { key: string; what: string; at: number | undefined }) =>
        `The word "${key}" is not a valid message: ${what}${at === undefined ? '' : ` at character ${at} of it`}; write values as {name}, and plural forms as the default does`,
      unknownValue: ({ key, name, suggestion, original, values }: { key: string; name: string; suggestion: string; original: string; values: readonly string[] }) =>
        `The word "${key}" uses the value {${name}}${suggestion}, which is never filled in: its default "${original}" has ${values.map((value) => `{${value}}`).join(', ') || 'none'}; a value keeps its name in every language, only the words around it change`,
      notNumber: ({ key, name, selected }: { key: string; name: string; selected: boolean }) =>
        `The word "${key}" picks a plural form or a number format by {${name}}, which is not a number: its default uses {${name}} as ${selected ? 'a select' : 'text'}`,
      notSelect: ({ key, name }: { key: string; name: string }) => `The word "${key}" makes a select of {${name}}, which its default does not: write {${name}} as the default does`,
      choice: ({ key, name, never, choices }: { key: string; name: string; never: readonly string[]; choices: readonly string[] }) =>
        `The word "${key}" has the select choice${never.length === 1 ? '' : 's'} ${quoted(never)} for {${name}}, which it never takes: its choices are ${quoted(choices)}`,
      pluralForm: ({ key, name, wrong, language, ordinal, forms }: { key: string; name: string; wrong: readonly string[]; language: string; ordinal: boolean; forms: readonly string[] }) =>
        `The word "${key}" has the plural form${wrong.length === 1 ? '' : 's'} ${quoted(wrong)} for {${name}}, which ${language} never uses: its ${ordinal ? 'ordinal ' : ''}forms are ${quoted(forms)}, or "=N" for exactly N`,
    },
  },
  'unknown-country': {
    title: 'unknown country code',
    example: '`recommendations.json:40:24: error: Unknown country code "MNX" (did you mean "MNG"?) [unknown-country]`',
    hint: 'Use an ISO 3166-1 alpha-3 code listed in {content}/countries.json, or add the country there first.',
  },
  'unknown-place': {
    title: 'unknown place',
    example: '`corridors.json:22:21: error: Unknown place "jakartta" (did you mean "jakarta"?) [unknown-place]`',
    hint: 'Use a country code from {content}/countries.json or a place id from {content}/places.json, or add the place there (with its coordinates) first.',
  },
  'duplicate-id': {
    title: 'duplicate id',
    example: '`challenges.json:31:15: error: Duplicate point id "barriers-to-timely-sharing" (first at line 12) [duplicate-id]`',
    hint: 'Every id must be unique within its file; rename one of them.',
  },
  'unknown-directive': {
    title: 'unknown directive, or one written in the wrong form',
    example: '`report/10-glossary.md:5:1: error: Unknown directive "::glosary" (did you mean "glossary"?) [unknown-directive]`; `report/02-key-outcomes.md:7:1: error: ":key-outcomes" is written in the wrong form: write ::key-outcomes, on a line of its own [unknown-directive]`',
    hint: 'The README lists the directives this project knows, with their attributes.',
    messages: {
      /** `suggestion` is " (did you mean ...?)" or nothing. */
      unknown: ({ written, suggestion }: { written: string; suggestion: string }) => `Unknown directive "${written}"${suggestion}`,
      wrongForm: ({ written, name, inline }: { written: string; name: string; inline: boolean }) =>
        `"${written}" is written in the wrong form: write ${inline ? `:${name}, inside a paragraph` : `::${name}, on a line of its own`}`,
    },
  },
  'directive-attribute': {
    title: 'wrong directive attribute',
    example: '`report/07-recommendations.md:10:1: error: Directive "propositions": "regional-capacities" is not a known theme (did you mean "regional-capacity"?); known: information-sharing, technology-and-human-intelligence, regional-capacity, legislation-and-policy-gaps, public-awareness-and-prevention [directive-attribute]`; `report/05-smuggling-routes.md:8:1: error: Directive "map" has no attribute "route" (it takes "routes", "highlight") [directive-attribute]`; `report/05-smuggling-routes.md:8:1: error: Directive "map" needs the attribute "routes" (Which routes the map shows: corridors, trafficking or smuggling.) [directive-attribute]`',
    hint: 'The README lists the directives this project knows, with their attributes and allowed values.',
    messages: {
      unknown: ({ directive, attribute, known }: { directive: string; attribute: string; known: readonly string[] }) =>
        `Directive "${directive}" has no attribute "${attribute}"${known.length ? ` (it takes ${quoted(known)})` : ' (it takes none)'}`,
      /** `suggestion` is " (did you mean ...?)" or nothing. */
      value: ({ directive, attribute, value, suggestion, allowed }: { directive: string; attribute: string; value: string; suggestion: string; allowed: readonly string[] }) =>
        `Directive "${directive}": "${value}" is not a known ${attribute}${suggestion}; known: ${allowed.join(', ')}`,
      required: ({ directive, attribute, description }: { directive: string; attribute: string; description: string }) => `Directive "${directive}" needs the attribute "${attribute}" (${description})`,
    },
  },
  'directive-text': {
    title: 'text written inside a directive, which shows its data instead',
    example: '`report/06-challenges.md:7:1: error: ":::challenges" holds the text "Each challenge is as delegates named it.", which it would not show: a directive shows its data in place of what is written in it; write the text before or after the directive, and the directive as "::challenges" on a line of its own [directive-text]`',
    hint: 'Move the text out of the directive (before or after it); a directive stands on a line of its own, `::name{attributes}`, with nothing inside it.',
    messages: {
      /** `text` is the first words written inside (none for a picture or a table alone), `label` whether they are the directive's label (`::name[...]`). */
      inside: ({ written, name, text, label }: { written: string; name: string; text: string; label: boolean }) =>
        `"${written}" holds ${label ? `the label [${text}]` : text ? `the text "${text}"` : 'what is written inside it'}, which it would not show: a directive shows its data in place of what is written in it; write the text before or after the directive, and the directive as "::${name}" on a line of its own`,
    },
  },
  'collection-schema': {
    title: 'an author-defined collection that does not match its JSON Schema, or a schema that is not valid',
    example: '`collections/site-visits.json:3:73: error: Invalid value: must be integer at visits.0.day [collection-schema]`; `collections/site-visits.schema.json:12:20: error: The JSON Schema is not valid: can\'t resolve reference http://127.0.0.1/x.json from id #`; `The pattern "(a)\\1" cannot be matched in linear time: invalid escape sequence: \\1`',
    hint: 'Compare this value with the collection\'s JSON Schema, collections/<name>.schema.json beside it.',
  },
  'absent-collection': {
    title: 'a directive naming a collection the event does not have',
    example: '`report/03-corridors.md:12:1: error: Directive "corridors" shows corridors.json, but the content folder has no corridors.json [absent-collection]`',
    hint: 'Add the JSON file to the content folder (the README lists each file and its fields), or remove the directive.',
    messages: {
      absent: ({ directive, fileName }: { directive: string; fileName: string }) => `Directive "${directive}" shows ${fileName}, but the content folder has no ${fileName}`,
    },
  },
  'missing-value': {
    title: 'value marked missing in a final build',
    example: '`trafficking-routes.json:12:20: error: Missing: the number of countries ... [missing-value]`',
    hint: 'Fill in the value from the printed report or its authors; a draft build (`--draft`) shows the mark instead of failing.',
  },
  'missing-file': {
    title: 'a required file missing',
    example: '`source/forum.json:1:1: error: Missing forum.json: every content folder needs it [missing-file]`',
    hint: 'Restore the file, or point --source at a folder that has it.',
  },
  'missing-source': {
    title: 'missing or empty content folder',
    example: '`source:1:1: error: The content folder /work/source is empty [missing-source]`',
    hint: 'Run the command from the project folder, or pass --source DIR with the content folder.',
  },
  'asset-not-found': {
    title: 'image that does not exist',
    example: '`forum.json:30:18: error: "assets/signatures/david-scott.svg" does not exist under source/assets [asset-not-found]`',
    hint: 'Put the file under {content}/assets/ and refer to it by its path from the content folder, such as assets/signatures/name.svg.',
  },
  'asset-not-image': {
    title: 'file that is not an image',
    example: '`report/08-looking-ahead.md:12:1: error: "assets/notes.txt" is not a PNG, JPEG or SVG image [asset-not-image]`',
    hint: 'Use a PNG, JPEG or SVG file.',
  },
  'unsafe-asset': {
    title: 'SVG that could run or load something',
    example: '`report/08-looking-ahead.md:12:1: error: "assets/map.svg" is an SVG that contains a <script> element [unsafe-asset]`',
    hint: 'Export the SVG again as a plain drawing (no scripts, event handlers, external images, fonts or stylesheets), or use a PNG or JPEG.',
  },
  'unsafe-url': {
    title: 'image or link outside the project (also in the Markdown of a JSON file)',
    example: '`report/08-looking-ahead.md:12:1: error: "../../etc/passwd" is outside source/assets/ [unsafe-url]`; also URLs, absolute paths, `%2e%2e`, symbolic links out of `assets/`, and links other than `https:`, `mailto:` and `#`',
    hint: 'Documents may only use assets under {content}/assets/ and links to https:// or mailto: addresses; remote and local-file references are refused.',
  },
  'raw-html': {
    title: 'raw HTML in Markdown (a warning)',
    example: '`report/08-looking-ahead.md:13:1: warning: Raw HTML is not allowed in the content and was removed [raw-html]`',
    hint: 'Write the content in Markdown; raw HTML is removed from every output.',
  },
  'too-deep': {
    title: 'quotes, lists, JSON or a template\'s blocks nested too deeply',
    example: '`report/08-looking-ahead.md:13:33: error: Quotes or lists nested more than 32 levels deep [too-deep]`; also emphasis and links nested more than 100 levels; `glossary.json:20:1: error: JSON nested more than 20 levels deep [too-deep]`; `collections/site-visits.hbs:101:1: error: Blocks nested more than 100 levels deep`',
    hint: 'Quotes, lists and JSON may nest only so deep (the README lists the limits); flatten the structure at this place.',
  },
  'too-large': {
    title: 'a file, line, JSON array or image too large; a collection\'s template or schema doing too much',
    example: '`report/02-key-outcomes.md:1:1: error: The file is 4.8 MB; a content file may be at most 0.25 MB [too-large]`; `Line 17 has 50000 characters; a line may have at most 10000`; `An array with more than 5000 items; an array may have at most 5000`; `"assets/scan.png" is 100000 × 100000 pixels; an image may be at most 10000 pixels on a side and 40 million pixels in all` (also files over 10 MB); `collections/site-visits.hbs:1:39: error: The template does more than 20,000,000 characters\' worth of work (loops inside loops over the data?); a template may do at most that much`; `collections/site-visits.schema.json:1:1: error: Checking the data against this JSON Schema takes more than 10 s, the most it may take`',
    hint: 'Content files, lines, JSON arrays and images may be only so large (the README lists the limits); split the content, or scale the image down.',
  },
  'template': {
    title: 'template naming a missing field, or invalid Handlebars; a collection\'s template calling a partial or writing a directive',
    example: '`templates/partials/cover.hbs:2:3: error: The template uses "cover.subtitle", but its data has no field "subtitle" [template]`; `collections/site-visits.hbs:2:1: error: The template uses a partial; a collection\'s template may not use partials or decorators`; `collections/site-visits.hbs:7:1: error: The template writes the directive "::collection": a template writes Markdown, and cannot place directives`',
    hint: 'The template names a field that its data does not have, is not valid Handlebars, or uses what a template may not: partials, directives, helpers other than those the README lists.',
  },
  'map-place': {
    title: 'a country the map cannot place',
    example: '`countries.json:12:5: error: The map cannot place Tuvalu (TUV): the atlas has no shape for it [map-place]`',
    hint: 'Give the country an "anchor": [longitude, latitude] in countries.json.',
  },
  'usage': {
    title: 'unsupported option or value (exit code 2)',
    example: "`error: unknown option '--colour'`; `error: option '-f, --format <list>' argument 'rtf' is invalid. \"rtf\" is not a format; choose from pdf, docx, html.`",
    hint: 'See `--help` of the command.',
    exitCode: 2,
  },
  'browser-not-found': {
    title: 'no browser to print PDFs with (exit code 2)',
    example: '`error: No Chromium or Chrome browser was found to print PDFs. [browser-not-found]`',
    hint: "Install one (on Debian or Ubuntu: `sudo apt-get install chromium`), or set PUPPETEER_EXECUTABLE_PATH to the browser's executable. To build without PDFs, use --format html,docx.",
    exitCode: 2,
  },
  'build-locked': {
    title: 'another build on the same folder',
    example: '`error: Another build is writing to out. [build-locked]`',
    hint: 'Wait for the other build to finish, or build into another folder with --out.',
  },
  'too-wide': {
    title: 'a picture, table or line wider than the printed page',
    example: '`report/02-drills.md:14:1: error: A table beginning "Drill Lead agency Vessels" is 258 mm wide, wider than the page\'s text column (170 mm); the print would shrink every page to fit it [too-wide]`',
    hint: 'Give the table fewer columns (or split it in two), or break the long word or line; pictures, code and addresses are fitted to the column by themselves. The PDF is not written until it fits; the HTML and DOCX are.',
  },
  'render-failed': {
    title: 'a document that failed to render',
    example: '`error: could not render report/...pdf: Gave up printing the PDF after 60 s [render-failed]`',
    hint: 'The other documents are written and the previous version of this one is kept; run the build again.',
  },
  'invalid-output': {
    title: 'a renderer that made a broken file',
    example: '`error: could not render report/...docx: report/...docx is not a valid file (its zip does not open) [render-failed]`',
    hint: 'This is a fault of the tool, not of the content: the previous version is kept. Please report it with the command you ran.',
  },
  'review-not-docx': {
    title: 'a file given to `review` that is not a DOCX (exit code 2)',
    example: '`error: notes.pdf is not a DOCX file: it does not open as a zip package [review-not-docx]`',
    hint: 'Give review the .docx file as Word or LibreOffice saved it (not a PDF, an .odt or a .doc).',
    exitCode: 2,
  },
  'review-not-ours': {
    title: 'a DOCX given to `review` that this pipeline did not make, or made from other content (exit code 2)',
    example: '`error: letter.docx was not made by rso-docs: it has no "rso-docs.document" document property [review-not-ours]`; `error: THA-thailand.docx is briefs/THA-thailand of another event: source gives no such document [review-not-ours]`',
    hint: 'Review a report or brief that build wrote, and point --source at the content folder it was built from.',
    exitCode: 2,
  },
  'review-too-large': {
    title: 'a reviewed DOCX over one of the limits `review` reads within (exit code 2)',
    example: '`error: reviewed.docx is refused: its part word/document.xml inflates to 400 MB; one part may be at most 32 MB [review-too-large]`',
    hint: 'A DOCX that Word or LibreOffice saved from one of ours is far below these limits (the README lists them); ask the reviewer for the file as they saved it.',
    exitCode: 2,
  },
  'review-pipeline-words': {
    title: 'a reviewer\'s change to words the pipeline adds (headings of a brief, "Raised by ...", the contents, running heads, the cover)',
    example: '`src/content/words.ts:60:3: warning: not content: words the pipeline adds, the words table\'s "report.raised-by" (src/content/words.ts; an event changes it in the "words" of forum.json); replace "Raised by" → "Put forward by" (Reviewer A) [review-pipeline-words]`',
    hint: 'Nothing was written. Change the word for every document in the `words` of forum.json (the key named), or the cover and contact details in forum.json and contact.json.',
  },
  'review-conflict': {
    title: 'a reviewer\'s change to a paragraph that was itself edited in the content since the DOCX was made',
    example: '`report/01-summary.md:5:1: warning: conflict: this paragraph was edited since the DOCX was made; the content\'s newer text is kept. The reviewer: replace "invented" → "made-up" (Reviewer A) [review-conflict]`',
    hint: 'Nothing was written for this paragraph. Read the reviewer\'s change against the newer text and make it by hand if it still applies.',
  },
  'review-ambiguous': {
    title: 'a reviewer\'s change whose place in the content is not certain',
    example: '`THA-thailand.docx: warning: ambiguous: "Thailand" is written alike in countries.json:countries.2.name and places.json:places.4.name; insert " (Kingdom of)" (Reviewer A) [review-ambiguous]`',
    hint: 'Nothing was written for this change. Make it by hand at the place that is meant.',
  },
  'review-uncertain': {
    title: 'an edit typed with tracking off that `review` cannot tell from content edited since (the DOCX lost its paragraph record)',
    example: '`report/01-summary.md:5:1: warning: uncertain: this DOCX has no record of its paragraphs as they were made, so an edit typed with tracking off cannot be told from the content edited since; the paragraph now reads differently: replace "invented" → "made-up" (typed with tracking off) [review-uncertain]`',
    hint: 'Nothing was written for it. Compare the paragraph with the reviewed DOCX and make the edit by hand if the reviewer made it.',
  },
  'review-failed': {
    title: 'a review that stopped on an error of the system: a file it could not read or write',
    example: '`error: the checklist reviewed/report.review.md could not be written: ENOSPC [review-failed]`',
    hint: 'Free the disk or fix the permission the message names, then run review again.',
  },
  'review-apply-refused': {
    title: '`review --apply` that wrote nothing: the content changed while it ran, another apply or build holds the folder, or the edits would break `check`',
    example: '`error: nothing was written: report/01-summary.md changed since the review read it (saved by its author?); run review again [review-apply-refused]`',
    hint: 'Every content file is as it was. Fix what the message says (or make the edits by hand), then run review --apply again.',
  },
} as const satisfies Record<string, CatalogueEntry>

export type RuleId = keyof typeof catalogue

export interface ReportOptions {
  /** Where in the file; a point or a range. */
  place?: Point | Position | undefined
  /** An error stops the build; a warning does not. Defaults to an error. */
  severity?: 'error' | 'warning'
  /** A hint more precise than the catalogue's. */
  hint?: string
  cause?: Error
}

/** The entries whose wording lives in the catalogue, with their message functions. */
type WordedEntries = { [Id in RuleId as (typeof catalogue)[Id] extends { messages: object } ? Id : never]: (typeof catalogue)[Id] extends { messages: infer Messages } ? Messages : never }

/** What a message function of an entry takes. */
type ValuesOf<Message> = Message extends (values: infer Values) => string ? Values : never

/**
 * Adds the message `kind` of the catalogue's entry `ruleId`, in the entry's own wording
 * with `values` filled in: `reportFrom(file, 'absent-collection', 'absent', { directive, fileName }, { place })`.
 */
export function reportFrom<Id extends keyof WordedEntries, Kind extends keyof WordedEntries[Id] & string>(
  file: VFile,
  ruleId: Id,
  kind: Kind,
  values: ValuesOf<WordedEntries[Id][Kind]>,
  options: ReportOptions = {},
): VFileMessage {
  const messages: Readonly<Record<string, (values: never) => string>> = catalogue[ruleId].messages
  const write = messages[kind]
  if (!write) throw new Error(`Internal error: the catalogue's "${ruleId}" has no message "${kind}"`)
  // The signature above has matched `values` to this message; the table's own type cannot say so.
  return report(file, ruleId, write(values as never), options)
}

/** Adds a message from the catalogue to `file` and returns it. */
export function report(file: VFile, ruleId: RuleId, reason: string, options: ReportOptions = {}): VFileMessage {
  const message = file.message(reason, {
    place: options.place,
    ruleId,
    source: 'rso',
    cause: options.cause,
  })
  message.fatal = (options.severity ?? 'error') === 'error'
  message.note = nameContentFolder(options.hint ?? catalogue[ruleId].hint, file.data.contentFolder)
  return message
}

/**
 * Puts the content folder in use for `{content}/` in a hint: `events/suva/countries.json`
 * for `--source events/suva`. A file that belongs to no folder has none: "countries.json".
 */
export function nameContentFolder(text: string, contentFolder: string | undefined): string {
  const shown = contentFolder === undefined ? '' : folderName(contentFolder)
  return text.replaceAll('{content}/', shown === '.' || shown === '' ? '' : `${shown}/`)
}

/** A folder as messages show it: relative to the working folder, with `/`; `.` for the working folder itself. */
export function folderName(folder: string): string {
  return path.relative(process.cwd(), folder).split(path.sep).join('/') || '.'
}

/** Thrown when content has errors; carries the files whose messages say which. */
export class ContentError extends Error {
  readonly files: VFile[]
  /** Outputs a build wrote before it found the error while rendering (the others were left as they were). */
  written = 0
  constructor(files: VFile[]) {
    const count = files.flatMap((file) => file.messages).filter((message) => message.fatal).length
    super(`${count} error${count === 1 ? '' : 's'} in the content`)
    this.name = 'ContentError'
    this.files = files
  }
}

/**
 * A document that could not be rendered because of something at a place in the content
 * (a table wider than the printed page): the other documents are written, this one keeps
 * its previous version, and the message names the place.
 */
export class RenderContentError extends Error {
  readonly files: VFile[]
  constructor(files: VFile[]) {
    const first = files.flatMap((file) => file.messages.map((message) => ({ file, message })))[0]
    super(first ? `${first.file.path ? path.relative(process.cwd(), first.file.path) || first.file.path : ''}:${first.message.line ?? 1}:${first.message.column ?? 1}: ${first.message.reason}` : 'Internal error: a render error without a message')
    this.name = 'RenderContentError'
    this.files = files
  }
}

/**
 * A problem that is not at a place in the content (the command line, the browser, the
 * output folder): thrown with its catalogue id, printed with its hint and exit code.
 */
export class ToolError extends Error {
  readonly ruleId: RuleId
  readonly hint: string
  readonly exitCode: number
  constructor(ruleId: RuleId, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'ToolError'
    this.ruleId = ruleId
    const entry: CatalogueEntry = catalogue[ruleId]
    this.hint = options.hint ?? entry.hint
    this.exitCode = entry.exitCode ?? 1
  }
}

/** Thrown for a mistake on the command line (exit code 2). */
export class UsageError extends ToolError {
  constructor(message: string, hint?: string) {
    super('usage', message, { hint })
    this.name = 'UsageError'
  }
}

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal))
}
