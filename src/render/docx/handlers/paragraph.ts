/**
 * `<p>` in the style its class or its container gives it; which class takes which style
 * is said once, in the registry of the document's classes (`document-classes.ts`).
 */
import { Paragraph } from 'docx'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { docxStylesOfClasses } from '../../../transform/document-classes.ts'
import { hasClass } from './class-names.ts'
import { marginNoteFrame } from '../page-setup.ts'
import { outOfFlow } from '../page-flow.ts'

const styleOfClass = Object.fromEntries(docxStylesOfClasses('paragraph').map(([name, style]) => [name, styleIds[style]]))

export const paragraph: BlockHandler = (node, state) => {
  const runs = state.inline(node.children)
  if (runs.length === 0) return []
  const style = Object.entries(styleOfClass).find(([name]) => hasClass(node, name))?.[1] ?? state.context.paragraphStyle
  // A route's facts stand in the margin column, as in print.
  const frame = hasClass(node, 'route-facts') ? { frame: marginNoteFrame(state.brand) } : {}
  const kept = state.context.keepWithNext ? { keepNext: true, keepLines: true } : {}
  const made = new Paragraph(state.paragraph({ style, children: runs, ...frame, ...kept }))
  if (hasClass(node, 'route-facts')) outOfFlow.add(made)
  return [made]
}
