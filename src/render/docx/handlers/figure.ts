/**
 * `<figure>` (a route map: `<img>` with its `data-svg` original and a `<figcaption>`) as
 * the picture followed by its caption in the Caption style, kept on one page.
 */
import { Paragraph } from 'docx'
import type { Element } from 'hast'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { stateFor } from '../revision.ts'

export const figure: BlockHandler = (node, state) => {
  const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')
  const body = node.children.filter((child) => child !== caption)
  const blocks = state.blocks(body, { paragraphStyle: styleIds.figure })
  if (!caption) return blocks
  const captionState = stateFor(caption, state)
  const runs = captionState.inline(caption.children)
  return runs.length === 0 ? blocks : [...blocks, new Paragraph(captionState.paragraph({ style: styleIds.caption, children: runs }))]
}
