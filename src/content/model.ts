/**
 * The content of one event as the later stages see it: typed, validated, every reference
 * resolved. Made by `load.ts`; nothing downstream checks it again.
 */
import type { VFile } from 'vfile'
import type { Position } from 'unist'
import type { JsonPath } from './json-source.ts'
import type { AuthorCollection } from './author-collections.ts'
import type { Asset } from './assets.ts'
import type {
  dataFiles,
  Challenge,
  Contact,
  Country,
  Forum,
  GlossaryTerm,
  KeyOutcome,
  Organisation,
  Place,
  Route,
  Theme,
  TraffickingGroup,
} from './schema.ts'

export type DataFileName = keyof typeof dataFiles

/** An inline Markdown value of a JSON file, with where it was written. */
export interface MarkdownField {
  fileName: DataFileName
  path: JsonPath
  markdown: string
}

/** Where a value was written, for messages raised after loading. */
export interface Origin {
  file: VFile
  place: Position | undefined
}

export interface Content {
  sourceDir: string
  forum: Forum
  countries: Country[]
  places: Place[]
  organisations: Organisation[]
  keyOutcomes: KeyOutcome[]
  corridors: Route[]
  trafficking: TraffickingGroup[]
  smuggling: Route[]
  challenges: Challenge[]
  themes: Theme[]
  glossary: GlossaryTerm[]
  /** The back cover's contact details; absent when the event has no contact.json. */
  contact: Contact | undefined
  /**
   * Each signatory's signature image by signatory id, read once while loading; one that
   * cannot be read is reported at its place in forum.json and stands as an empty drawing
   * (content with errors is never rendered).
   */
  signatureImages: ReadonlyMap<string, Asset>
  /** The JSON files the content folder has; the optional ones it lacks are empty collections (see `collections.ts`). */
  present: ReadonlySet<DataFileName>
  /**
   * Present files that did not parse or did not match their schema (only while loading for
   * `check`, which goes on to report the rest): they stand for empty collections, and a
   * directive that shows one is not checked further, since the file's own error says it all.
   */
  unreadable?: ReadonlySet<DataFileName>
  /** Collections the author defined under `collections/` (data, JSON Schema, template), by name. */
  collections: ReadonlyMap<string, AuthorCollection>
  /** Report sections in reading order (file name order). */
  sections: VFile[]
  /** Hand-written notes for country briefs, by ISO code. */
  briefNotes: Map<string, VFile>
  /** Every file read, by its path relative to the source folder. */
  files: Map<string, VFile>
  /** Hashes of parts of the content: `mapData` is what route maps are drawn from. */
  digests: { mapData: string }
  /** Every inline Markdown value of the JSON files, for the transform stage to check like a Markdown file. */
  markdownFields: MarkdownField[]
  /** Where a value of a JSON file was written. */
  origin(fileName: keyof typeof dataFiles, jsonPath: JsonPath): Origin
}


/** The kinds of routes the content describes, each drawn on its own map. */
export const routeKinds = ['corridors', 'trafficking', 'smuggling'] as const
export type RouteKind = (typeof routeKinds)[number]

/** Which map a document shows at a place: a kind of route, and for a brief the country it is about. */
export interface MapSpec {
  routes: RouteKind
  /** ISO alpha-3 code: only routes that name this country or a place in it, with the country emphasised (country briefs). */
  highlight?: string
}
