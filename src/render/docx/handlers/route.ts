/**
 * A route (`div.route`): its heading, its facts, then its text. Word sets a framed
 * paragraph (the facts, in the margin column: paragraph.ts) level with the paragraph after
 * it, so the facts go before the text to stand beside it, under the route's heading.
 */
import type { ElementContent } from 'hast'
import type { BlockHandler } from '../state.ts'
import { hasClass } from './class-names.ts'

export const route: BlockHandler = (node, state) => state.blocks(withFactsFirst(node.children))

function withFactsFirst(children: ElementContent[]): ElementContent[] {
  const facts = children.find((child) => child.type === 'element' && hasClass(child, 'route-facts'))
  if (!facts) return children
  const rest = children.filter((child) => child !== facts)
  const heading = rest.findIndex((child) => child.type === 'element' && /^h[1-6]$/.test(child.tagName))
  return [...rest.slice(0, heading + 1), facts, ...rest.slice(heading + 1)]
}
