/**
 * An author-defined collection (`src/content/author-collections.ts`) as Markdown nodes:
 * its template renders the data to Markdown, parsed here (CommonMark and GFM), so that it
 * goes on through the same pipeline as any section: sanitised, then into every format.
 * A template that fails (a field its data lacks) is reported on the template's file.
 */
import type { RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { visit } from 'unist-util-visit'
import type { AuthorCollection } from '../content/author-collections.ts'
import { report } from '../errors/catalogue.ts'

export function collectionNodes(collection: AuthorCollection, data: unknown): RootContent[] {
  let markdown: string
  try {
    markdown = collection.render(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false })
  } catch (error) {
    const { lineNumber, column } = error as { lineNumber?: number; column?: number }
    const place = lineNumber === undefined ? undefined : { line: lineNumber, column: (column ?? 0) + 1 }
    report(collection.templateFile, 'template', `The template failed: ${(error as Error).message.split('\n')[0]}`, { place })
    return []
  }
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  // Places in the template's output mean nothing in the section that shows it.
  visit(tree, (node) => {
    delete node.position
  })
  return tree.children
}
