/**
 * The page numbers a package is written with (its contents' entries, its "of N" pages),
 * read from the layout the page flow already made of the same blocks, rather than from a
 * layout of docx's own: that is one more layout of the whole document (two passes or
 * more), and it would lay the route facts' frames out as Word does, where the flow leaves
 * them out as LibreOffice does, the reader that shows the numbers as written.
 *
 * The flow's layout is of the body without the framed paragraphs, so a paragraph of the
 * package is found in it by its place among the paragraphs and tables that are not framed.
 * Where a bookmarked paragraph's text is not the text at that place in the layout, the
 * numbers are worked out by docx's own estimate after all, so a wrong number is never written.
 */
import type { EstimatedPageNumbers, IContext, IXmlableObject, PageNumberEstimator } from 'docx'
import { estimatePageNumbers, type DocumentLayout } from 'docx/layout'
import { comparable } from './page-flow.ts'

type Element = Record<string, unknown>

const isElement = (value: unknown): value is Element => typeof value === 'object' && value !== null && !Array.isArray(value)
const nameOf = (element: Element) => Object.keys(element).find((key) => key !== '_attr')
const childrenOf = (element: Element): Element[] => {
  const name = nameOf(element)
  const content = name === undefined ? undefined : element[name]
  return Array.isArray(content) ? content.filter(isElement) : []
}
const textOf = (element: Element): string => {
  const name = nameOf(element)
  const content = name === undefined ? undefined : element[name]
  if (name === 'w:t') return (Array.isArray(content) ? content : [content]).filter((part): part is string => typeof part === 'string').join('')
  // Neither a field's instruction nor deleted text is laid out.
  if (name === 'w:instrText' || name === 'w:delText') return ''
  return childrenOf(element).map(textOf).join('')
}
const bookmarksIn = (element: Element): string[] =>
  nameOf(element) === 'w:bookmarkStart' ? [String((element['w:bookmarkStart'] as { _attr?: Record<string, unknown> } | undefined)?._attr?.['w:name'] ?? '')] : childrenOf(element).flatMap(bookmarksIn)
const framed = (paragraph: Element) => childrenOf(childrenOf(paragraph).find((child) => nameOf(child) === 'w:pPr') ?? {}).some((child) => nameOf(child) === 'w:framePr')

/** The paragraphs and tables of a formatted body in the order the layout counts them, frames left out. */
function blocksOf(elements: readonly Element[]): Element[] {
  return elements.flatMap((element) => {
    const name = nameOf(element)
    if (name === 'w:p') return framed(element) ? [] : [element]
    if (name === 'w:tbl') return [element]
    if (name === 'w:sdt') return blocksOf(childrenOf(childrenOf(element).find((child) => nameOf(child) === 'w:sdtContent') ?? {}))
    return []
  })
}

/** The page numbers of the package whose body, frames left out, `layout` laid out. */
export function pageNumbersFrom(layout: DocumentLayout): PageNumberEstimator {
  const estimate = (body: IXmlableObject, context: IContext): EstimatedPageNumbers => {
    const firstPage = new Map<number, number>()
    const texts = new Map<number, string>()
    for (const [page, { body: blocks }] of layout.pages.entries()) {
      for (const block of blocks) {
        if (!firstPage.has(block.index)) firstPage.set(block.index, page)
        if (block.type === 'paragraph') texts.set(block.index, (texts.get(block.index) ?? '') + block.lines.map((line) => line.text).join(''))
      }
    }
    const bookmarks = new Map<string, string>()
    const numbers = new Map<string, number>()
    for (const [index, block] of blocksOf(childrenOf(body as Element)).entries()) {
      const names = nameOf(block) === 'w:p' ? bookmarksIn(block).filter((name) => name !== '') : []
      if (names.length === 0) continue
      const page = firstPage.get(index)
      const shown = page === undefined ? undefined : layout.pages[page]?.pageNumber
      if (shown === undefined || comparable(texts.get(index) ?? '') !== comparable(textOf(block))) return estimatePageNumbers(body, context)
      for (const name of names) {
        bookmarks.set(name, shown)
        if (/^\d+$/.test(shown)) numbers.set(name, Number(shown))
      }
    }
    // Each section starts a page of its own (sections.ts), so its pages are those that start in it; one that starts none is left unknown.
    const sectionPageCounts: (number | undefined)[] = []
    for (const page of layout.pages) sectionPageCounts[page.section] = (sectionPageCounts[page.section] ?? 0) + 1
    return { bookmarks, bookmarkPageNumbers: numbers, pageCount: layout.pages.length, sectionPageCounts: Array.from(sectionPageCounts) }
  }
  // The entries of numbered headings start with their numbers, as docx's own estimate writes them.
  return Object.assign(estimate, estimatePageNumbers.listNumbers ? { listNumbers: estimatePageNumbers.listNumbers } : {})
}
