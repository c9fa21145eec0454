/**
 * The state the handlers share (see `state.ts`). Block content is a mix of block
 * elements and phrasing, as in HTML: runs of phrasing between blocks become a paragraph
 * in the context's style, whitespace between blocks is dropped. An element goes to the
 * handler of its class when it has one (`classHandlers`), else to its tag's.
 */
import type { Element, ElementContent, RootContent } from 'hast'
import { DeletedTextRun, InsertedTextRun, Paragraph, type IParagraphOptions, type ParagraphChild } from 'docx'
import type { Brand } from '../../brand/brand.ts'
import { blockHandlers, classHandlers, inlineHandlers, isPhrasing, runContent, runText, text } from './handlers/index.ts'
import { listTextIndent } from './numbering.ts'
import { stateFor } from './revision.ts'
import type { Block, BlockContext, BlockHandler, InlineMarks, ListPosition, Revision, State } from './state.ts'

type Node = RootContent | ElementContent

export interface StateCounters {
  listInstances: number
  drawings: number
  /** Tracked changes so far (a redline's), for their ids. */
  revisions?: number
}

/** Who a redline's tracked changes are by, and when. */
export interface RevisionAuthor {
  author: string
  date: string
}

/**
 * Where a redline's tracked change ids start: above the bookmarks' (numbered from 1 in
 * each part), as Word wants the ids of a part's annotations apart.
 */
const firstRevisionId = 10001

export interface StateOptions {
  brand: Brand
  context: BlockContext
  /** Shared by every section of a document, so ids stay unique across them. */
  counters: StateCounters
  /** Whether the first paragraph starts a new page. */
  pageBreak: boolean
  /** A redline's: who its tracked changes are by. */
  revisions?: RevisionAuthor
  /** Told which blocks each element with a handler became. */
  converted?: (node: Element, blocks: readonly Block[]) => void
}

export function createState(options: StateOptions): State & { pageBreakPending(): boolean } {
  let pendingPageBreak = options.pageBreak
  let pendingListItem: ListPosition | undefined
  const { counters } = options

  function withContext(context: BlockContext): State & { pageBreakPending(): boolean } {
    const state: State & { pageBreakPending(): boolean } = {
      brand: options.brand,
      context,
      blocks(nodes, patch = {}) {
        const inner = Object.keys(patch).length === 0 && !context.sectionLevel ? state : withContext({ ...context, sectionLevel: false, ...patch })
        return convertBlocks(nodes, inner)
      },
      within: (patch) => withContext({ ...context, ...patch }),
      inline(nodes, marks = {}) {
        return nodes.flatMap((node) => convertInline(node, state, marks))
      },
      paragraph(paragraphOptions: IParagraphOptions): IParagraphOptions {
        const listItem = pendingListItem
        pendingListItem = undefined
        const pageBreak = pendingPageBreak
        pendingPageBreak = false
        const inList = context.listLevel >= 0
        return {
          ...paragraphOptions,
          // At the top of a page the space above a heading is lost to the page (as in print).
          ...(pageBreak ? { pageBreakBefore: true, spacing: { ...paragraphOptions.spacing, before: 0 } } : {}),
          ...(listItem ? { numbering: listItem } : {}),
          // A list item's later paragraphs line up with its text, without a number.
          ...(!listItem && inList && paragraphOptions.style === 'ListParagraph' ? { indent: listTextIndent(context.listLevel) } : {}),
          ...paragraphMark(context.revision),
        }
      },
      startListItem(position) {
        pendingListItem = position
      },
      nextListInstance: () => ++counters.listInstances,
      nextDrawingId: () => ++counters.drawings,
      trackedChange,
      ...(options.converted ? { converted: options.converted } : {}),
      pageBreakPending: () => pendingPageBreak,
    }
    return state
  }

  function trackedChange(revision: Revision | undefined) {
    if (!revision || !options.revisions) return undefined
    counters.revisions = (counters.revisions ?? 0) + 1
    return { id: firstRevisionId + counters.revisions, ...options.revisions }
  }

  /** A paragraph added or removed whole has its mark tracked, so accepting or rejecting it joins nothing. */
  function paragraphMark(revision: Revision | undefined): Pick<IParagraphOptions, 'run'> {
    const change = trackedChange(revision)
    if (!change) return {}
    return { run: revision === 'inserted' ? { insertion: change } : { deletion: change } }
  }

  return withContext(options.context)
}


function convertBlocks(nodes: readonly Node[], state: State): Block[] {
  const blocks: Block[] = []
  let phrasing: Node[] = []
  const flush = () => {
    const runs = state.inline(phrasing)
    phrasing = []
    if (runs.length > 0) blocks.push(new Paragraph(state.paragraph({ style: state.context.paragraphStyle, children: runs })))
  }
  for (const [index, node] of nodes.entries()) {
    const handler = node.type === 'element' ? blockHandlerOf(node) : undefined
    if (handler) {
      flush()
      const inner = stateFor(node as Element, state)
      const made = handler(node as Element, closesBeforeSignatures(node as Element, nodes.slice(index + 1)) ? inner.within({ keepWithNext: true }) : inner)
      state.converted?.(node as Element, made)
      blocks.push(...made)
    } else if (isPhrasing(node)) {
      if (node.type === 'text' && node.value.trim() === '' && phrasing.length === 0) continue
      phrasing.push(node)
    } else if (node.type === 'element') {
      // An element no handler knows (the sanitiser allows few): keep its content.
      flush()
      blocks.push(...state.blocks(node.children))
    }
  }
  flush()
  return blocks
}

/** Whether `node` is the paragraph right before a block of signatures (whitespace between them aside). */
function closesBeforeSignatures(node: Element, after: readonly Node[]): boolean {
  if (node.tagName !== 'p') return false
  const next = after.find((sibling) => sibling.type !== 'text' || sibling.value.trim() !== '')
  const classes = next?.type === 'element' ? next.properties.className : undefined
  return Array.isArray(classes) && classes.includes('signatures')
}

/** The handler of a class the element carries, else of its tag; none for phrasing and unknown elements. */
function blockHandlerOf(node: Element): BlockHandler | undefined {
  const classes = node.properties.className
  if (Array.isArray(classes)) {
    for (const name of classes) if (Object.hasOwn(classHandlers, String(name))) return classHandlers[String(name)]
  }
  return Object.hasOwn(blockHandlers, node.tagName) ? blockHandlers[node.tagName] : undefined
}

function convertInline(node: Node, state: State, marks: InlineMarks): ParagraphChild[] {
  if (node.type === 'text') {
    const { revision, ...formatting } = marks
    if (!revision) return text(node, marks)
    const value = runText(node)
    const change = value === '' ? undefined : state.trackedChange(revision)
    if (!change) return value === '' ? [] : text(node, formatting)
    // The tracked run keeps the formatting around it.
    const content = runContent(value)
    return [revision === 'inserted' ? new InsertedTextRun({ ...content, ...formatting, ...change }) : new DeletedTextRun({ ...content, ...formatting, ...change })]
  }
  if (node.type !== 'element') return []
  const handler = inlineHandlers[node.tagName]
  // A block inside phrasing (a <p> in a <td>, say) keeps its text in the paragraph.
  return handler ? handler(node, state, marks) : state.inline(node.children, marks)
}
