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
import type { Brand } from '../../../brand/brand.ts'
import { hasClass } from './class-names.ts'
import { stateFor } from '../revision.ts'

export const figure: BlockHandler = (node, state) => {
  const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')
  const body = node.children.filter((child) => child !== caption)
  const wide = hasClass(node, 'map')
  // The picture stays on the page of its caption.
  const keepWithNext = caption !== undefined
  const blocks = state.blocks(body, wide ? { paragraphStyle: styleIds.wideFigure, maxImageWidth: mapWidth(state.brand), keepWithNext } : { paragraphStyle: styleIds.figure, keepWithNext })
  if (!caption) return blocks
  const captionState = stateFor(caption, state)
  const runs = captionState.inline(caption.children)
  return runs.length === 0 ? blocks : [...blocks, new Paragraph(captionState.paragraph({ style: wide ? styleIds.wideCaption : styleIds.caption, children: runs }))]
}

/**
 * A map's width: across both columns, at the narrowest width at which its legend still
 * prints at `map.minTextPt` (the maps set the legend 0.2 pt above it at `printWidthMm`,
 * `layout/maps/render.ts`). Word and LibreOffice have no float to fill the page that a
 * map leaves short, so the few millimetres let a map and its caption share a page with
 * the heading and the lines that introduce it.
 */
function mapWidth(brand: Brand): number {
  const { minTextPt } = brand.tokens.map
  return Math.floor((pageSetup(brand).wideImageWidth * minTextPt) / (minTextPt + 0.2))
}
