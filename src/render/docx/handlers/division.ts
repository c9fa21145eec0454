/**
 * Containers: `<div>`, `<aside>`, `<section>`, `<blockquote>`. They have no box of their
 * own in Word, so they pass a paragraph style down to what they hold: a proposition's
 * paragraphs take the Proposition style, a figure callout's the Callout style.
 */
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { docxStylesOfClasses } from '../../../transform/document-classes.ts'
import { hasClass } from './class-names.ts'

const styleOfClass = Object.fromEntries(docxStylesOfClasses('container').map(([name, style]) => [name, styleIds[style]]))

export const division: BlockHandler = (node, state) => {
  const style = Object.entries(styleOfClass).find(([name]) => hasClass(node, name))?.[1]
  return state.blocks(node.children, style ? { paragraphStyle: style } : {})
}

export const blockquote: BlockHandler = (node, state) => state.blocks(node.children, { paragraphStyle: styleIds.quote })
