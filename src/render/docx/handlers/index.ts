/**
 * The tables of block handlers, as mdast-util-to-hast's `handlers`: one per class that the
 * registry of document classes (`transform/document-classes.ts`) says has a handler of its
 * own, consulted first, then one per element kind.
 */
import type { BlockHandler } from '../state.ts'
import { blockquote, division } from './division.ts'
import { figure } from './figure.ts'
import { heading } from './heading.ts'
import { blockImage } from './image.ts'
import { list } from './list.ts'
import { paragraph } from './paragraph.ts'
import { route } from './route.ts'
import { signatures } from './signatures.ts'
import { table } from './table.ts'
import { thematicBreak } from './thematic-break.ts'

/** By class: an element with one of these classes is this handler's, whatever its tag. */
export const classHandlers: Readonly<Record<string, BlockHandler>> = {
  signatures,
  route,
}

/** By tag. */
export const blockHandlers: Record<string, BlockHandler> = {
  h1: heading, h2: heading, h3: heading, h4: heading, h5: heading, h6: heading,
  p: paragraph,
  ul: list, ol: list,
  table,
  div: division, aside: division, section: division, article: division, header: division, footer: division, nav: division, main: division,
  blockquote,
  figure,
  img: blockImage,
  hr: thematicBreak,
}

export { inlineHandlers, isPhrasing, runContent, runText, text } from './inline.ts'
