/**
 * The main part of a document: the table of contents (when the document has one), then
 * every section's hast turned into paragraphs and tables by the handlers.
 */
import { Paragraph, TableOfContents, TextRun, type ISectionOptions } from 'docx'
import type { PublishedDocument } from '../../assemble/model.ts'
import type { Brand } from '../../brand/brand.ts'
import { createState, type StateCounters } from './create-state.ts'
import type { Block } from './state.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

/** What the body section holds: blocks, and the table of contents before them. */
export type BodyContent = ISectionOptions['children'][number]

export function documentBody(document: PublishedDocument, brand: Brand, maxImageWidth: number): BodyContent[] {
  const contents: BodyContent[] = document.tableOfContents
    ? [
        new Paragraph({ style: styleIds.tocHeading, children: [new TextRun(xmlSafeText(document.words.contents))] }),
        new TableOfContents(xmlSafeText(document.words.contents), { hyperlink: true, headingStyleRange: '1-2' }),
      ]
    : []
  return [...contents, ...sectionBlocks(document, brand, maxImageWidth)]
}

function sectionBlocks(document: PublishedDocument, brand: Brand, maxImageWidth: number): Block[] {
  // Shared by every section of the document, so list and drawing ids stay unique across them.
  const counters: StateCounters = { listInstances: 0, drawings: 0 }
  const body: Block[] = []
  const revisions = document.redline && { author: xmlSafeText(document.redline.author), date: document.redline.date }
  for (const section of document.sections) {
    if (section.redlineSummary) continue
    const state = createState({
      brand,
      counters,
      ...(revisions ? { revisions } : {}),
      pageBreak: section.newPage,
      context: { paragraphStyle: styleIds.body, listed: section.toc, maxImageWidth, listLevel: -1 },
    })
    const blocks = state.blocks(section.tree.children, { sectionLevel: true })
    // A section that opens with a table still starts on a new page.
    if (state.pageBreakPending()) body.push(new Paragraph({ pageBreakBefore: true }))
    body.push(...blocks)
  }
  return body
}
