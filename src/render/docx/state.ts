/**
 * What the handlers share while they turn one document's hast into DOCX content, as
 * mdast-util-to-hast's `state`: the brand, the handler tables, the paragraph context
 * (which style a plain `<p>` takes inside a proposition, a table cell or a list item),
 * and the counters that must be unique within one document.
 */
import type { Element, ElementContent, RootContent } from 'hast'
import type { IParagraphOptions, Paragraph, ParagraphChild, Table } from 'docx'
import type { Brand } from '../../brand/brand.ts'

/** Character formatting inherited from the inline elements around a text node. */
export interface InlineMarks {
  bold?: boolean
  italics?: boolean
  superScript?: boolean
  subScript?: boolean
  /** Id of a character style, such as `Hyperlink` or `MissingValue`. */
  style?: string
  /** Inside a redline's `<ins>` or `<del>`: the runs are Word's tracked insertion or deletion. */
  revision?: Revision
}

/** A redline's tracked change: text added since the earlier round, or taken away. */
export type Revision = 'inserted' | 'deleted'

/** What a block handler gives: the things a table cell can hold too. */
export type Block = Paragraph | Table

export type BlockHandler = (node: Element, state: State) => Block[]
export type InlineHandler = (node: Element, state: State, marks: InlineMarks) => ParagraphChild[]

/** The list item whose first paragraph carries the number or bullet. */
export interface ListPosition {
  reference: string
  level: number
  instance: number
}

/** Where the handlers are in the tree: what paragraphs there look like. */
export interface BlockContext {
  /** Style of a paragraph without a class of its own. */
  paragraphStyle: string
  /** Whether the section's first heading goes in the table of contents. */
  listed: boolean
  /** The widest an image may be here, in pixels at 96 per inch. */
  maxImageWidth: number
  /** The enclosing list's level (-1 outside lists). */
  listLevel: number
  /**
   * The blocks being converted are the section's own children, not held in a list, card or
   * cell: a table there spans the text and margin columns, as in print. Nested content
   * never inherits it.
   */
  sectionLevel?: boolean
  /** Inside a block a redline added or removed whole: its paragraph marks are tracked too. */
  revision?: Revision
  /**
   * The paragraph stays whole on the page of what follows it: a picture with its caption,
   * the closing paragraph of a foreword with the signatures under it (which would
   * otherwise stand alone on a page).
   */
  keepWithNext?: boolean
}

export interface State {
  readonly brand: Brand
  readonly context: BlockContext
  /** Converts block content (a mix of block and phrasing nodes) into paragraphs and tables; `sectionLevel` holds only when the patch says so. */
  blocks(nodes: readonly (RootContent | ElementContent)[], context?: Partial<BlockContext>): Block[]
  /** The same state with some of the context changed, for a handler to convert one element in. */
  within(patch: Partial<BlockContext>): State
  /** Converts phrasing content into runs, hyperlinks and images. */
  inline(nodes: readonly (RootContent | ElementContent)[], marks?: InlineMarks): ParagraphChild[]
  /**
   * Options for the next paragraph: the style, plus a page break when it opens a section
   * that starts on a new page, plus the number when it opens a list item.
   */
  paragraph(options: IParagraphOptions): IParagraphOptions
  /** Asks the next paragraph to carry a list item's number. */
  startListItem(position: ListPosition): void
  /** A new numbering instance, so that each ordered list counts from 1. */
  nextListInstance(): number
  /** A drawing id unique in the document; docx's own counter is process-wide, which breaks determinism. */
  nextDrawingId(): number
  /** The attributes of the next tracked change of `revision` (id, author, date), or none outside a redline. */
  trackedChange(revision: Revision | undefined): { id: number; author: string; date: string } | undefined
  /** Tells whoever laid the state out which blocks an element became (the page flow moves them). */
  converted?(node: Element, blocks: readonly Block[]): void
}
