/** The contents of a document and the headings of its printed form, the same in every format. */
import { toString } from 'hast-util-to-string'
import type { Element } from 'hast'
import { visit } from 'unist-util-visit'
import type { PublishedDocument } from '../assemble/model.ts'
import { pageNumberText } from './page.ts'

export interface TocEntry {
  id: string
  title: string
  level: 1 | 2
  /** Page number in print, once known. */
  page: string
}

/** Headings of level 1 and 2 in the sections listed in the table of contents. */
export function tableOfContents(document: PublishedDocument, pageNumbers?: ReadonlyMap<string, number>): TocEntry[] {
  const entries: TocEntry[] = []
  for (const section of document.sections) {
    if (!section.toc) continue
    visit(section.tree, 'element', (node: Element) => {
      if (node.tagName !== 'h1' && node.tagName !== 'h2') return
      const id = String(node.properties.id ?? '')
      if (!id) return
      const page = pageNumbers?.get(id)
      entries.push({ id, title: toString(node), level: node.tagName === 'h1' ? 1 : 2, page: page === undefined ? '' : pageNumberText(document.metadata.language, page) })
    })
  }
  return entries
}

/** Every heading of the printed document in reading order: the cover's title, the contents, the sections'. */
export function documentHeadings(document: PublishedDocument): string[] {
  const headings = [document.cover.title, ...(document.tableOfContents ? [document.words.contents] : [])]
  for (const section of document.sections) {
    visit(section.tree, 'element', (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName)) headings.push(toString(node).replace(/\s+/g, ' ').trim())
    })
  }
  return headings
}
