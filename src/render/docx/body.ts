/**
 * The main part of a document: the table of contents (when the document has one), then
 * every section's hast turned into paragraphs and tables by the handlers.
 */
import { Paragraph, TableOfContents, TextRun, type ISectionOptions } from 'docx'
import type { Element } from 'hast'
import { toString } from 'hast-util-to-string'
import type { PublishedDocument } from '../../assemble/model.ts'
import type { Brand } from '../../brand/brand.ts'
import { createState, type StateCounters } from './create-state.ts'
import { hasClass } from './handlers/class-names.ts'
import type { FlowUnit } from './page-flow.ts'
import type { Block } from './state.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

/** What the body section holds: blocks, and the table of contents before them. */
export type BodyContent = ISectionOptions['children'][number]

export interface DocumentBody {
  /** What comes before the sections' blocks (the table of contents). */
  lead: BodyContent[]
  /** The sections' top-level blocks, each with the blocks it became, in order. */
  units: FlowUnit[]
}

export function documentBody(document: PublishedDocument, brand: Brand, maxImageWidth: number): DocumentBody {
  const lead: BodyContent[] = document.tableOfContents
    ? [
        new Paragraph({ style: styleIds.tocHeading, children: [new TextRun(xmlSafeText(document.words.contents))] }),
        new TableOfContents(xmlSafeText(document.words.contents), { hyperlink: true, headingStyleRange: '1-2' }),
      ]
    : []
  return { lead, units: sectionUnits(document, brand, maxImageWidth) }
}

function sectionUnits(document: PublishedDocument, brand: Brand, maxImageWidth: number): FlowUnit[] {
  // Shared by every section of the document, so list and drawing ids stay unique across them.
  const counters: StateCounters = { listInstances: 0, drawings: 0 }
  const units: FlowUnit[] = []
  const revisions = document.redline && { author: xmlSafeText(document.redline.author), date: document.redline.date }
  for (const [sectionIndex, section] of document.sections.entries()) {
    if (section.redlineSummary) continue
    const made = new Map<Element, readonly Block[]>()
    const state = createState({
      brand,
      counters,
      ...(revisions ? { revisions } : {}),
      pageBreak: section.newPage,
      context: { paragraphStyle: styleIds.body, listed: section.toc, maxImageWidth, listLevel: -1 },
      converted: (node, blocks) => made.set(node, blocks),
    })
    const blocks = state.blocks(section.tree.children, { sectionLevel: true })
    // A section that opens with a table still starts on a new page.
    const sectionUnits: FlowUnit[] = []
    if (state.pageBreakPending()) sectionUnits.push({ section: sectionIndex, kind: 'other', blocks: [new Paragraph({ pageBreakBefore: true })], label: '' })
    // Each top-level element from its first block to the next one's: phrasing between them goes with the one before.
    let at = 0
    const starts = section.tree.children.flatMap((node) => {
      if (node.type !== 'element') return []
      const first = made.get(node)?.[0]
      const index = first ? blocks.indexOf(first, at) : -1
      if (index < 0) return []
      at = index
      return [{ node, index }]
    })
    if ((starts[0]?.index ?? 0) > 0) sectionUnits.push({ section: sectionIndex, kind: 'other', blocks: blocks.slice(0, starts[0]?.index), label: '' })
    for (const [position, { node, index }] of starts.entries()) {
      const end = starts[position + 1]?.index ?? blocks.length
      const own = blocks.slice(index, end)
      const label = toString(node).replace(/\s+/g, ' ').trim().slice(0, 60)
      if (node.tagName === 'h1' && hasClass(node, 'section-title')) sectionUnits.push({ section: sectionIndex, kind: 'title', blocks: own, label })
      else if (hasClass(node, 'keep-together')) {
        // A heading with its map: the heading's blocks, then the figure's.
        const figure = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figure')
        const split = figure ? own.indexOf(made.get(figure)?.[0] as Block) : -1
        sectionUnits.push(split > 0 ? { section: sectionIndex, kind: 'map', blocks: own, split, label } : { section: sectionIndex, kind: 'other', blocks: own, label })
      } else {
        const previous = starts[position - 1]?.node
        // A block a page may not break before: what follows a heading or a line leading into it.
        const kept = !previous || /^h[1-6]$/.test(previous.tagName) || hasClass(previous, 'lead') || hasClass(previous, 'theme-subtitle')
        sectionUnits.push({ section: sectionIndex, kind: 'other', blocks: own, label, ...(kept ? { keptWithPrevious: true } : {}) })
      }
    }
    if (sectionUnits.length === 0 && blocks.length > 0) sectionUnits.push({ section: sectionIndex, kind: 'other', blocks, label: '' })
    units.push(...sectionUnits)
  }
  return units
}
