/** `<h1>`–`<h6>` as Heading 1–3, each with a bookmark for links and the table of contents. */
import { Bookmark, Paragraph } from 'docx'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'

/**
 * A Word bookmark name for an element id: Word allows letters, digits and underscores,
 * at most 40 characters, starting with a letter; anything else makes it drop the bookmark.
 */
export function bookmarkName(id: string): string {
  const name = `_${id}`.replace(/[^A-Za-z0-9_]/g, '_')
  return `h${name}`.slice(0, 40)
}

export const heading: BlockHandler = (node, state) => {
  const depth = Math.min(Number(node.tagName.slice(1)), 3)
  const isSectionTitle = depth === 1 && !state.context.listed
  const style = isSectionTitle ? styleIds.unlistedHeading : (styleIds.heading[depth - 1] ?? styleIds.heading[2])
  const runs = state.inline(node.children)
  const id = typeof node.properties.id === 'string' ? node.properties.id : undefined
  return [
    new Paragraph(
      state.paragraph({
        style,
        children: id ? [new Bookmark({ id: bookmarkName(id), children: runs })] : runs,
      }),
    ),
  ]
}
