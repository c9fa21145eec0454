/**
 * `<p>` in the style its class or its container gives it. The classes are the ones the
 * content directives set (see `sanitize-schema.ts`); the CSS styles the same classes.
 */
import { Paragraph } from 'docx'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { hasClass } from './class-names.ts'

const styleOfClass: Record<string, string> = {
  lead: styleIds.lead,
  'theme-subtitle': styleIds.themeSubtitle,
  'route-facts': styleIds.routeFacts,
  'proposed-by': styleIds.proposedBy,
  'signatory-name': styleIds.signatoryName,
  'signatory-role': styleIds.signatoryRole,
  'signature-image-wrapper': styleIds.figure,
}

export const paragraph: BlockHandler = (node, state) => {
  const runs = state.inline(node.children)
  if (runs.length === 0) return []
  const style = Object.entries(styleOfClass).find(([name]) => hasClass(node, name))?.[1] ?? state.context.paragraphStyle
  return [new Paragraph(state.paragraph({ style, children: runs }))]
}
