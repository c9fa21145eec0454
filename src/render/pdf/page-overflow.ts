/**
 * Chromium fits a print to its widest content: one picture, table or line wider than the
 * page's text column shrinks every page of the document (its text, and the cover's colour,
 * which then stops short of the page's edge). The stylesheet makes pictures, code and long
 * words fit; what still does not fit is found here, before printing, and reported at its
 * section, so that a document is never shrunk without a word.
 *
 * The page is laid out for print at the width of the page's text column (read from the
 * document's own `@page` rule). A table wider than the column first sets its type smaller,
 * in half-point steps down to `smallestTablePoints`, with its cells' padding in proportion
 * (its words already break at their soft hyphens); then every element that still reaches
 * past the column is named.
 */
import type { Page } from 'puppeteer-core'

/** One thing wider than the column: where it is and how wide. */
export interface OverflowingElement {
  /** The `id` of its section (`section-<id>` in the HTML, without the prefix), or nothing on the cover or back cover. */
  sectionId: string | null
  /** What it is, in words: "a table", "a picture", "a code block", "a line of text". */
  kind: string
  /** Its first words, to find it by. */
  text: string
  /** Its alternative text, for a picture. */
  alt: string | null
  widthMillimetres: number
  columnMillimetres: number
}

export class PageOverflowError extends Error {
  readonly elements: readonly OverflowingElement[]
  constructor(elements: readonly OverflowingElement[]) {
    const first = elements[0]
    super(first ? describeOverflow(first) : 'Internal error: an overflow without an element')
    this.name = 'PageOverflowError'
    this.elements = elements
  }
}

export function describeOverflow(element: OverflowingElement): string {
  const named = element.alt ? ` "${element.alt}"` : element.text ? ` beginning "${element.text}"` : ''
  return `${capitalise(element.kind)}${named} is ${element.widthMillimetres} mm wide, wider than the page's text column (${element.columnMillimetres} mm); the print would shrink every page to fit it`
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** The smallest type a table is set in to fit its column: below it, print stops being read. */
export const smallestTablePoints = 7

/** Page widths of the `size` keywords a brand may use, in millimetres. */
const pageWidths: Record<string, number> = { a3: 297, a4: 210, a5: 148, letter: 215.9, legal: 215.9 }

/**
 * Throws a `PageOverflowError` naming what is wider than the page's text column when the
 * page is printed. Call it after `emulateMediaType('print')`; it leaves the viewport at
 * the column's width, which the print does not use.
 */
export async function assertFitsPage(page: Page): Promise<void> {
  const column = await inPage<number | null>(page, readColumnMillimetres, pageWidths)
  if (column === null) return
  const pixelsPerMillimetre = 96 / 25.4
  const viewport = page.viewport()
  await page.setViewport({ width: Math.floor(column * pixelsPerMillimetre), height: viewport?.height ?? 1123 })
  await inPage<number>(page, fitTables, smallestTablePoints)
  const found = await inPage<Found[]>(page, findOverflowing)
  if (found.length === 0) return
  throw new PageOverflowError(found.map((entry) => ({
    ...entry,
    widthMillimetres: Math.round(entry.widthPixels / pixelsPerMillimetre),
    columnMillimetres: Math.round(column),
  })))
}

/** What `findOverflowing` (in the page) gives back for each element. */
type Found = Omit<OverflowingElement, 'widthMillimetres' | 'columnMillimetres'> & { widthPixels: number }

/**
 * Runs one of the functions below in the page. They are page script, written as plain
 * JavaScript text: the project's types have no DOM, and a function compiled by the
 * TypeScript loader may carry helpers (esbuild's `__name`) that the page does not have.
 */
function inPage<T>(page: Page, source: string, ...values: unknown[]): Promise<T> {
  return page.evaluate(`(${source})(...${JSON.stringify(values)})`) as Promise<T>
}

/** In the page: the width of the default `@page` rule's text column, in millimetres. */
const readColumnMillimetres = String.raw`function (widths) {
  const millimetres = (value) => {
    const match = /^([\d.]+)(mm|cm|in|pt|px)$/.exec(value.trim())
    if (!match) return undefined
    return Number(match[1]) * { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 }[match[2]]
  }
  const rulesOf = (sheet) => {
    // A sheet from elsewhere (blocked by the print's interception) has no rules to read.
    try { return Array.from(sheet.cssRules) } catch { return [] }
  }
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of rulesOf(sheet)) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText !== '') continue
      const size = rule.style.getPropertyValue('size').trim().toLowerCase().split(/\s+/)
      const named = size.find((word) => word in widths)
      const width = named ? (size.includes('landscape') ? undefined : widths[named]) : millimetres(size[0] || '')
      const left = millimetres(rule.style.getPropertyValue('margin-left') || '0mm') || 0
      const right = millimetres(rule.style.getPropertyValue('margin-right') || '0mm') || 0
      return width === undefined ? null : width - left - right
    }
  }
  return null
}`

/**
 * In the page: sets each table wider than the column in smaller type until it fits or
 * reaches the smallest size; gives back how many tables it changed. The styles stay on the
 * page that prints.
 */
const fitTables = String.raw`function (smallest) {
  const limit = document.documentElement.clientWidth + 1
  const points = (pixels) => pixels * 72 / 96
  const tooWide = (table) => table.getBoundingClientRect().right > limit
  let changed = 0
  for (const table of Array.from(document.querySelectorAll('table'))) {
    if (!tooWide(table)) continue
    changed++
    const start = points(parseFloat(getComputedStyle(table).fontSize))
    const cells = Array.from(table.querySelectorAll('th, td')).map((cell) => {
      const style = getComputedStyle(cell)
      return { cell, vertical: points(parseFloat(style.paddingTop)), horizontal: points(parseFloat(style.paddingLeft)) }
    })
    for (let size = Math.floor(start * 2) / 2; size >= smallest && tooWide(table); size -= 0.5) {
      const ratio = size / start
      table.style.fontSize = size + 'pt'
      for (const { cell, vertical, horizontal } of cells) cell.style.padding = (vertical * ratio).toFixed(2) + 'pt ' + (horizontal * ratio * ratio).toFixed(2) + 'pt'
    }
  }
  return changed
}`

/**
 * In the page: the outermost elements that reach past the viewport's right edge. A picture,
 * table, code block or figure is named as a whole; otherwise the innermost element whose
 * own text runs past the edge (a long word or address).
 */
const findOverflowing = String.raw`function () {
  const limit = document.documentElement.clientWidth + 1
  if (document.documentElement.scrollWidth <= limit) return []
  const kinds = { TABLE: 'a table', IMG: 'a picture', PRE: 'a code block', FIGURE: 'a figure', svg: 'a drawing', UL: 'a list', OL: 'a list' }
  const overflows = (element) => element.getBoundingClientRect().right > limit || (element instanceof HTMLElement && element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1)
  const results = []
  const visit = (element) => {
    if (element.classList.contains('draft-watermark')) return
    const reaches = overflows(element)
    if (reaches && (kinds[element.tagName] || !Array.from(element.children).some(overflows))) {
      const section = element.closest('section[id^="section-"]')
      results.push({
        sectionId: section ? section.id.slice('section-'.length) : null,
        kind: kinds[element.tagName] || 'a line of text',
        text: (element.textContent || '').replace(/\s+/g, ' ').trim().replace(/^(.{0,40})(\s.*)?$/, '$1').slice(0, 40),
        alt: element instanceof HTMLImageElement ? element.alt : null,
        widthPixels: Math.max(element.getBoundingClientRect().width, element instanceof HTMLElement ? element.scrollWidth : 0),
      })
      return
    }
    for (const child of Array.from(element.children)) visit(child)
  }
  visit(document.body)
  return results
}`
