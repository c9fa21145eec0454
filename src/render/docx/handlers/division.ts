/**
 * Containers: `<div>`, `<aside>`, `<section>`, `<blockquote>`. They have no box of their
 * own in Word, so they pass a paragraph style down to what they hold: a proposition's
 * paragraphs take the Proposition style, a figure callout's the Callout style.
 */
import type { ElementContent } from 'hast'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { docxStylesOfClasses } from '../../../transform/document-classes.ts'
import { hasClass } from './class-names.ts'
import { signatures } from './signatures.ts'

const styleOfClass = Object.fromEntries(docxStylesOfClasses('container').map(([name, style]) => [name, styleIds[style]]))

export const division: BlockHandler = (node, state) => {
  if (hasClass(node, 'signatures')) return signatures(node, state)
  if (hasClass(node, 'route')) return state.blocks(withFactsFirst(node.children))
  const style = Object.entries(styleOfClass).find(([name]) => hasClass(node, name))?.[1]
  return state.blocks(node.children, style ? { paragraphStyle: style } : {})
}

export const blockquote: BlockHandler = (node, state) => state.blocks(node.children, { paragraphStyle: styleIds.quote })

/**
 * A route's facts moved before its text: Word sets a framed paragraph level with the
 * paragraph after it, so the margin note then stands beside the route's text, under its
 * heading.
 */
function withFactsFirst(children: ElementContent[]): ElementContent[] {
  const facts = children.find((child) => child.type === 'element' && hasClass(child, 'route-facts'))
  if (!facts) return children
  const rest = children.filter((child) => child !== facts)
  const heading = rest.findIndex((child) => child.type === 'element' && /^h[1-6]$/.test(child.tagName))
  return [...rest.slice(0, heading + 1), facts, ...rest.slice(heading + 1)]
}
