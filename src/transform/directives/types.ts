import type { PhrasingContent, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import type { Position } from 'unist'
import type { Content, DataFileName } from '../../content/model.ts'
import type { Lookup } from '../../content/lookup.ts'
import type { Words } from '../../content/words.ts'

export type BuildMode = 'draft' | 'final'

export interface DirectiveContext {
  content: Content
  lookup: Lookup
  mode: BuildMode
  file: VFile
  /** Where the directive is written. */
  place: Position | undefined
  /** The event's words (the table of `src/content/words.ts`, with its overrides). */
  words: Words
}

export interface AttributeSpec {
  required: boolean
  /** Allowed values; any string when absent. */
  values?: (content: Content) => readonly string[]
  description: string
}

/**
 * The JSON file a directive shows, given its attributes (`::map{routes=smuggling}` shows
 * smuggling-routes.json). A directive whose file the event does not have is an error at its place.
 */
export type CollectionOf = (attributes: Readonly<Record<string, string | null | undefined>>) => DataFileName | undefined

/** A leaf directive (`::name{...}`) that stands for a block of the document. */
export interface BlockDirective {
  kind: 'block'
  description: string
  attributes: Record<string, AttributeSpec>
  collection?: CollectionOf
  expand(attributes: Record<string, string>, context: DirectiveContext): RootContent[]
}

/** A text directive (`:name[label]{...}`) that stands for a phrase. */
export interface InlineDirective {
  kind: 'inline'
  description: string
  attributes: Record<string, AttributeSpec>
  collection?: CollectionOf
  expand(attributes: Record<string, string>, label: PhrasingContent[], context: DirectiveContext): PhrasingContent[]
}

export type Directive = BlockDirective | InlineDirective
