/**
 * Every problem a person can fix, with a permanent name, what went wrong and what to do.
 *
 * Messages are vfile messages: they carry the file, the place (line:column), a stable
 * `ruleId` from this catalogue and a hint in `note`. Code that finds a problem reports it
 * through `report()` so that every message reads the same way.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Point, Position } from 'unist'

export const catalogue = {
  'json-syntax': {
    title: 'Invalid JSON',
    hint: 'Fix the JSON at this place: a missing comma, an unclosed quote or bracket, or a trailing comma are the usual causes.',
  },
  'front-matter-syntax': {
    title: 'Invalid YAML front matter',
    hint: 'Front matter is YAML between two `---` lines at the top of the file; fix the YAML at this place.',
  },
  'schema': {
    title: 'Content does not match its schema',
    hint: 'Compare this value with the schema in src/content/schema.ts (the README lists every field).',
  },
  'unknown-country': {
    title: 'Unknown country code',
    hint: 'Use an ISO 3166-1 alpha-3 code listed in source/countries.json, or add the country there first.',
  },
  'unknown-place': {
    title: 'Unknown place',
    hint: 'Use a country code from source/countries.json or a place id from source/places.json, or add the place there (with its coordinates) first.',
  },
  'duplicate-id': {
    title: 'Duplicate id',
    hint: 'Every id must be unique within its file; rename one of them.',
  },
  'unknown-directive': {
    title: 'Unknown directive',
    hint: 'The README lists the directives this project knows, with their attributes.',
  },
  'directive-attribute': {
    title: 'Wrong directive attribute',
    hint: 'The README lists the directives this project knows, with their attributes and allowed values.',
  },
  'collection-schema': {
    title: 'A collection does not match its JSON Schema',
    hint: 'Compare this value with the collection\'s JSON Schema, collections/<name>.schema.json beside it.',
  },
  'absent-collection': {
    title: 'A directive names a collection the event does not have',
    hint: 'Add the JSON file to the content folder (the README lists each file and its fields), or remove the directive.',
  },
  'missing-value': {
    title: 'A value is marked missing',
    hint: 'Fill in the value from the printed report or its authors; a draft build (`--draft`) shows the mark instead of failing.',
  },
  'missing-file': {
    title: 'A required file is missing',
    hint: 'Restore the file, or point --source at a folder that has it.',
  },
  'missing-source': {
    title: 'No content folder',
    hint: 'Run the command from the project folder, or pass --source DIR with the content folder.',
  },
  'asset-not-found': {
    title: 'Asset not found',
    hint: 'Put the file under source/assets/ and refer to it by its path from source/, such as assets/signatures/name.svg.',
  },
  'asset-not-image': {
    title: 'Asset is not an image',
    hint: 'Use a PNG, JPEG or SVG file.',
  },
  'unsafe-asset': {
    title: 'Image could run or load something',
    hint: 'Export the SVG again as a plain drawing (no scripts, event handlers, external images, fonts or stylesheets), or use a PNG or JPEG.',
  },
  'unsafe-url': {
    title: 'Reference outside the project',
    hint: 'Documents may only use assets under source/assets/ and links to https:// or mailto: addresses; remote and local-file references are refused.',
  },
  'raw-html': {
    title: 'Raw HTML is not allowed',
    hint: 'Write the content in Markdown; raw HTML is removed from every output.',
  },
  'template': {
    title: 'Template error',
    hint: 'A template under templates/ names a field that its data does not have, or is not valid Handlebars.',
  },
} as const satisfies Record<string, { title: string; hint: string }>

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

/** Adds a message from the catalogue to `file` and returns it. */
export function report(file: VFile, ruleId: RuleId, reason: string, options: ReportOptions = {}): VFileMessage {
  const message = file.message(reason, {
    place: options.place,
    ruleId,
    source: 'rso',
    cause: options.cause,
  })
  message.fatal = (options.severity ?? 'error') === 'error'
  message.note = options.hint ?? catalogue[ruleId].hint
  return message
}

/** Thrown when content has errors; carries the files whose messages say which. */
export class ContentError extends Error {
  readonly files: VFile[]
  constructor(files: VFile[]) {
    const count = files.flatMap((file) => file.messages).filter((message) => message.fatal).length
    super(`${count} error${count === 1 ? '' : 's'} in the content`)
    this.name = 'ContentError'
    this.files = files
  }
}

/** Thrown for a mistake on the command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal))
}
