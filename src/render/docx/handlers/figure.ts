/**
 * `<figure>` (a route map: `<img>` with its `data-svg` original and a `<figcaption>`) as
 * the picture followed by its caption in the Caption style, kept on one page. A map spans
 * the text and margin columns, as in print (the Wide Figure and Wide Caption styles).
 */
import { Paragraph } from 'docx'
import type { Element } from 'hast'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { pageSetup } from '../page-setup.ts'
import { hasClass } from './class-names.ts'
import { stateFor } from '../revision.ts'

export const figure: BlockHandler = (node, state) => {
  const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')
  const body = node.children.filter((child) => child !== caption)
  const wide = hasClass(node, 'map')
  const blocks = state.blocks(body, wide ? { paragraphStyle: styleIds.wideFigure, maxImageWidth: pageSetup(state.brand).wideImageWidth } : { paragraphStyle: styleIds.figure })
  if (!caption) return blocks
  const captionState = stateFor(caption, state)
  const runs = captionState.inline(caption.children)
  return runs.length === 0 ? blocks : [...blocks, new Paragraph(captionState.paragraph({ style: wide ? styleIds.wideCaption : styleIds.caption, children: runs }))]
}
