/**
 * `<ul>` and `<ol>` as Word numbering. Each `<ol>` takes a numbering instance of its own
 * so it counts from 1 (a `start` attribute is not honoured yet); a list inside an item is
 * one level deeper.
 */
import type { Element } from 'hast'
import { listReferences } from '../numbering.ts'
import { styleIds } from '../styles.ts'
import type { Block, BlockHandler } from '../state.ts'
import { stateFor } from '../revision.ts'

export const list: BlockHandler = (node, state) => {
  const ordered = node.tagName === 'ol'
  const reference = ordered ? listReferences.ordered : listReferences.bullet
  const instance = ordered ? state.nextListInstance() : 0
  const level = Math.min(state.context.listLevel + 1, 8)
  const items = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li')
  return items.flatMap((item): Block[] => {
    state.startListItem({ reference, level, instance })
    return stateFor(item, state).blocks(item.children, { paragraphStyle: styleIds.listParagraph, listLevel: level })
  })
}
