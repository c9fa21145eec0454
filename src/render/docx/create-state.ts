/**
 * The state the handlers share (see `state.ts`). Block content is a mix of block
 * elements and phrasing, as in HTML: runs of phrasing between blocks become a paragraph
 * in the context's style, whitespace between blocks is dropped. An element goes to the
 * handler of its class when it has one (`classHandlers`), else to its tag's.
 */
import type { Element, ElementContent, RootContent } from 'hast'
import { Paragraph, type IParagraphOptions, type ParagraphChild } from 'docx'
import type { Brand } from '../../brand/brand.ts'
import { blockHandlers, classHandlers, inlineHandlers, isPhrasing, text } from './handlers/index.ts'
import { listTextIndent } from './numbering.ts'
import type { Block, BlockContext, BlockHandler, InlineMarks, ListPosition, State } from './state.ts'

type Node = RootContent | ElementContent

export interface StateCounters {
  listInstances: number
  drawings: number
}

export interface StateOptions {
  brand: Brand
  context: BlockContext
  /** Shared by every section of a document, so ids stay unique across them. */
  counters: StateCounters
  /** Whether the first paragraph starts a new page. */
  pageBreak: boolean
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
        const inner = Object.keys(patch).length === 0 ? state : withContext({ ...context, ...patch })
        return convertBlocks(nodes, inner)
      },
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
          ...(pageBreak ? { pageBreakBefore: true } : {}),
          ...(listItem ? { numbering: listItem } : {}),
          // A list item's later paragraphs line up with its text, without a number.
          ...(!listItem && inList && paragraphOptions.style === 'ListParagraph' ? { indent: listTextIndent(context.listLevel) } : {}),
        }
      },
      startListItem(position) {
        pendingListItem = position
      },
      nextListInstance: () => ++counters.listInstances,
      nextDrawingId: () => ++counters.drawings,
      pageBreakPending: () => pendingPageBreak,
    }
    return state
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
  for (const node of nodes) {
    const handler = node.type === 'element' ? blockHandlerOf(node) : undefined
    if (handler) {
      flush()
      blocks.push(...handler(node as Element, state))
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

/** The handler of a class the element carries, else of its tag; none for phrasing and unknown elements. */
function blockHandlerOf(node: Element): BlockHandler | undefined {
  const classes = node.properties.className
  if (Array.isArray(classes)) {
    for (const name of classes) if (Object.hasOwn(classHandlers, String(name))) return classHandlers[String(name)]
  }
  return Object.hasOwn(blockHandlers, node.tagName) ? blockHandlers[node.tagName] : undefined
}

function convertInline(node: Node, state: State, marks: InlineMarks): ParagraphChild[] {
  if (node.type === 'text') return text(node, marks)
  if (node.type !== 'element') return []
  const handler = inlineHandlers[node.tagName]
  // A block inside phrasing (a <p> in a <td>, say) keeps its text in the paragraph.
  return handler ? handler(node, state, marks) : state.inline(node.children, marks)
}
