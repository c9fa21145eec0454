/**
 * A document ready to render: what the HTML, PDF and DOCX renderers all receive. The body
 * is sanitised hast, one tree per section; the cover and back cover are typed data that
 * each renderer lays out in its own way.
 */
import type { Root as HastRoot } from 'hast'
import type { VFile } from 'vfile'
import type { Contact } from '../content/schema.ts'

export interface DocumentSection {
  id: string
  title: string
  /** Listed in the table of contents. */
  toc: boolean
  /** Starts on a new page in print. */
  newPage: boolean
  tree: HastRoot
  /** The Markdown file the section comes from, if any (briefs build some sections from data). */
  file?: VFile
  /**
   * A redline's first page, which sums up its changes: in the PDF and HTML only, as the
   * DOCX's changes are Word's own (its Reviewing Pane lists them) and Accept All must give
   * today's document.
   */
  redlineSummary?: boolean
}

/** What a redline edition (`build --redline`) compares against, and how its DOCX signs its changes. */
export interface RedlineFacts {
  /** The earlier round's name, as the file name and title say it. */
  round: string
  /** The tracked changes' author: the organiser's short name unless the command says otherwise. */
  author: string
  /** The tracked changes' date (ISO 8601, whole seconds): the document's date. */
  date: string
  /** The output path of the document it marks up (today's edition), which `review` assembles to compare with. */
  documentId: string
}

export interface Cover {
  /** The kind of document, above the title: "Outcome Report", "Country brief". */
  eyebrow: string
  title: string
  /** The forum's theme. */
  subtitle: string
  /** Forum, dates and venue, one per line. */
  details: string[]
  organiser: string
  /** The series the event belongs to; empty when the organiser's name already says it. */
  series: string
}

export interface DocumentMetadata {
  title: string
  author: string
  subject: string
  keywords: string[]
  /** BCP 47, such as "en-GB". */
  language: string
  /** Which way the language is written: "rtl" lays every format out mirrored. */
  direction: 'ltr' | 'rtl'
  description: string
  /** Creation and modification date written into the files (deterministic; see `dates.ts` beside this file). */
  date: Date
}

/**
 * A word with the values only a renderer knows (a page number, a link's target) left as
 * fields: `["Page ", { field: "page" }, " of ", { field: "pages" }]`. Plain data, so a
 * document crosses to the DOCX worker and into the manifest's hash as it is.
 */
export type WordParts = ReadonlyArray<string | { field: string }>

/** The parts with their fields filled in. */
export function fillWords(parts: WordParts, values: Readonly<Record<string, string | number>>): string {
  return parts.map((part) => (typeof part === 'string' ? part : String(values[part.field] ?? ''))).join('')
}

/** The words the renderers add around the content, in the event's words (`src/content/words.ts`). */
export interface DocumentWords {
  /** Heading of the table of contents. */
  contents: string
  /** The running header's and the watermark's mark of a draft. */
  draftMark: string
  /** The cover's mark of a draft. */
  draftCover: string
  /** The footer of every page but the covers; fields `page` and `pages`. */
  pageNumber: WordParts
  /** Contact labels of the back cover; field `number`. */
  telephone: WordParts
  fax: WordParts
  /** What a screen reader says of a link in the PDF; fields `address`, `page`, `target`. */
  emailLink: WordParts
  pageLink: WordParts
  sectionLink: WordParts
  otherLink: string
}

export interface PublishedDocument {
  kind: 'report' | 'brief'
  /** The ISO 3166-1 alpha-3 code of the country a brief is about; none for the report. */
  country?: string
  /** Output path under `out/` without extension, such as `report/third-rso-border-forum-outcome-report`. */
  outputPath: string
  /** Text of the running header. */
  runningHeader: string
  metadata: DocumentMetadata
  cover: Cover
  /** Whether the document lists its sections in a table of contents. */
  tableOfContents: boolean
  sections: DocumentSection[]
  /** Contact details for the back cover. */
  backCover?: Contact
  draft: boolean
  words: DocumentWords
  /** Present on a redline edition: the sections hold `<ins>` and `<del>` (see `redline/diff-tree.ts`). */
  redline?: RedlineFacts
}
