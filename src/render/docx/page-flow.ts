/**
 * The DOCX's float and fit pass, as the PDF's (`pdf/page-flow.ts`) but with Word's own
 * pagination: docx's `layoutDocument` lays the pages out as Word does (LibreOffice breaks
 * the brand's pages at the same places once the margin notes are left out: `inFlow`), and where a page fails a designer's measure the
 * blocks are rearranged and laid out again. Word and LibreOffice have no float a map could
 * drift in, so the pass moves blocks:
 *
 * - a page under `gapFill` full because a heading with its map did not fit under it: the
 *   map goes after the text that follows it, as far as that text fills the page (the
 *   heading stays with the text), and heads the next page; where too little text follows
 *   it, the map of the page before goes after its own text instead;
 * - a page under `runtFill` full where a chapter ends: the page breaks earlier, before the
 *   latest block of the page before that moves enough onto it, as long as the page before
 *   stays over `gapFill` full (over `runtFill` where a chapter then ends there).
 *
 * A rearrangement is kept only when the pages fall short by less in all, so the pass never
 * makes a document worse, and the same content gives the same decisions.
 */
import { Paragraph } from 'docx'
import type { DocumentLayout } from 'docx/layout'
import { fillFailures, gapFill, runtFill, shortfall, type FillFailure } from '../page-measures.ts'
import type { Block } from './state.ts'

/** A top-level element of a section and the blocks it became. */
export interface FlowUnit {
  /** Index of its section in the document. */
  section: number
  /** A section's title (a chapter opens), a heading with its map, or anything else. */
  kind: 'title' | 'map' | 'other'
  blocks: readonly Block[]
  /** A map's: where its figure's blocks start after its heading's. */
  split?: number
  /** Its text's start, to find it in the layout. */
  label: string
  /** A page may not break before it (it follows a heading or a line leading into it). */
  keptWithPrevious?: boolean
}

export interface FlowGeometry {
  /** Margins of the body's pages, in pixels at 96 per inch (the layout's unit). */
  marginTop: number
  marginBottom: number
  /** The Word section of the document that holds the body (the cover is before it). */
  bodySection: number
}

/**
 * Framed paragraphs (a route's facts in the margin column): the layout leaves them out of
 * the flow and out of its count of paragraphs.
 */
export const outOfFlow = new WeakSet<Block>()

/** Lays the document out with the body's blocks given, or nothing when it cannot. */
export type LayOut = (blocks: Block[]) => DocumentLayout | undefined

export interface Arrangement {
  /** A map's unit index → how many of the units after it its figure goes after. */
  floats: ReadonlyMap<number, number>
  /** Units a page breaks before. */
  breaks: ReadonlySet<number>
  /** The pages of the document in this arrangement, frames left out, when it was laid out. */
  layout?: DocumentLayout
}

interface Placed {
  blocks: Block[]
  /** The unit of each block the layout counts. */
  unitAt: number[]
}

interface Measured {
  layout: DocumentLayout
  pages: { number: number; body: boolean; fill: number; firstUnit: number | undefined; lastBottom: number }[]
  /** The page and top of each unit's first line. */
  starts: Map<number, { page: number; top: number }>
  failures: FillFailure[]
}

/** Most layouts after the first. */
const maximumLayouts = 8
/** Room kept for what the layout of pages adds (a line's worth). */
const slack = 0.03

/** The body's blocks in `arrangement`: maps floated, pages broken. */
export const arranged = (units: readonly FlowUnit[], arrangement: Arrangement): Block[] => place(units, arrangement).blocks

/**
 * Where the maps of `units` float and where pages break, so the pages fall short the least.
 * The units are laid out and so used up: docx turns a paragraph's links into its document's
 * relationships as it writes the paragraph, once, so a block a layout wrote would lose its
 * links in the document written after it. The arrangement is for units made anew.
 */
export function flowArrangement(units: readonly FlowUnit[], layOut: LayOut, geometry: FlowGeometry): Arrangement {
  const plain: Arrangement = { floats: new Map(), breaks: new Set() }
  const first = place(units, plain)
  const initial = layOut(inFlow(first.blocks))
  if (!initial || initial.stoppedAt) return plain
  const offset = offsetOf(initial, units, first)
  if (offset === undefined) return { ...plain, layout: initial }
  let best = { arrangement: { ...plain, layout: initial } as Arrangement, placed: first, measured: measure(initial, units, first, offset, geometry) }
  let layouts = 0
  while (best.measured.failures.length > 0 && layouts < maximumLayouts) {
    let improved = false
    for (const failure of best.measured.failures) {
      for (const arrangement of mends(failure, best.arrangement, best.measured, units)) {
        if (layouts >= maximumLayouts) break
        layouts++
        const placed = place(units, arrangement)
        const layout = layOut(inFlow(placed.blocks))
        if (!layout || layout.stoppedAt) continue
        const measured = measure(layout, units, placed, offset, geometry)
        if (shortfall(measured) < shortfall(best.measured) - 1e-6) {
          best = { arrangement: { ...arrangement, layout }, placed, measured }
          improved = true
          break
        }
      }
      if (improved) break
    }
    if (!improved) break
  }
  return best.arrangement
}

/**
 * What the layout lays out: LibreOffice lets a framed note run past the foot of the page
 * beside its paragraph, where Word would move the paragraph over, so the pages are laid
 * out without the frames, as LibreOffice breaks them.
 */
const inFlow = (blocks: readonly Block[]) => blocks.filter((block) => !outOfFlow.has(block))

/** The blocks of `units` as `arrangement` orders them. */
function place(units: readonly FlowUnit[], arrangement: Arrangement): Placed {
  const blocks: Block[] = []
  const unitAt: number[] = []
  const put = (unit: number, own: readonly Block[]) => {
    if (arrangement.breaks.has(unit) && own === units[unit]?.blocks) {
      // A paragraph of no height that starts the page, so the unit's own blocks stay as made.
      blocks.push(new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' } }))
      unitAt.push(unit)
    }
    for (const block of own) {
      blocks.push(block)
      if (!outOfFlow.has(block)) unitAt.push(unit)
    }
  }
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] as FlowUnit
    const followers = arrangement.floats.get(index) ?? 0
    if (followers > 0 && unit.split !== undefined) {
      put(index, unit.blocks.slice(0, unit.split))
      for (let next = index + 1; next <= index + followers; next++) put(next, (units[next] as FlowUnit).blocks)
      put(index, unit.blocks.slice(unit.split))
      index += followers
    } else {
      put(index, unit.blocks)
    }
  }
  return { blocks, unitAt }
}

/** A heading's text as both the layout and the blocks give it: soft hyphens, zero-width spaces and white space dropped, case folded. */
export const comparable = (text: string) => text.replace(/[\u00AD\u200B\s]/g, '').toLowerCase()

/** Its start, which tells the section titles apart. */
const titleStart = (text: string) => comparable(text).slice(0, 16)

/**
 * How many paragraphs and tables come before the body's blocks in the layout (the cover's,
 * the contents'): where the last section title lands, checked against the first.
 */
function offsetOf(layout: DocumentLayout, units: readonly FlowUnit[], placed: Placed): number | undefined {
  const titles = units.flatMap((unit, index) => (unit.kind === 'title' && titleStart(unit.label) !== '' ? [index] : []))
  const firstTitle = titles[0]
  const lastTitle = titles.at(-1)
  if (firstTitle === undefined || lastTitle === undefined) return undefined
  const texts = new Map<number, string>()
  for (const page of layout.pages) {
    for (const block of page.body) if (block.type === 'paragraph') texts.set(block.index, (texts.get(block.index) ?? '') + block.lines.map((line) => line.text).join(''))
  }
  const lastAt = placed.unitAt.indexOf(lastTitle)
  const firstAt = placed.unitAt.indexOf(firstTitle)
  const wanted = titleStart((units[lastTitle] as FlowUnit).label)
  const found = [...texts].filter(([index, text]) => index >= lastAt && titleStart(text) === wanted).map(([index]) => index).at(-1)
  if (found === undefined) return undefined
  const offset = found - lastAt
  return titleStart(texts.get(offset + firstAt) ?? '') === titleStart((units[firstTitle] as FlowUnit).label) ? offset : undefined
}

function measure(layout: DocumentLayout, units: readonly FlowUnit[], placed: Placed, offset: number, geometry: FlowGeometry): Measured {
  const starts = new Map<number, { page: number; top: number }>()
  const pages = layout.pages.map((page, index) => {
    const top = geometry.marginTop
    const area = page.height - geometry.marginTop - geometry.marginBottom
    let lastBottom = top
    let firstUnit: number | undefined
    for (const block of page.body) {
      const unit = placed.unitAt[block.index - offset]
      const firstTop = block.type === 'paragraph' ? block.lines[0]?.y : block.rows[0]?.y
      if (unit !== undefined && firstTop !== undefined) {
        firstUnit ??= unit
        if (!starts.has(unit)) starts.set(unit, { page: index + 1, top: (firstTop - top) / area })
      }
      for (const line of block.type === 'paragraph' ? block.lines : block.rows) {
        // An empty paragraph (the page break's) fills nothing.
        if (block.type === 'paragraph' && block.lines.length === 1 && 'text' in line && line.text.trim() === '' && line.textWidth === 0) continue
        lastBottom = Math.max(lastBottom, line.y + line.height)
      }
    }
    const body = page.section === geometry.bodySection
    return { number: index + 1, body, fill: body ? Math.min(1, Math.max(0, (lastBottom - top) / area)) : 0, firstUnit, lastBottom: (lastBottom - top) / area }
  })
  const opensChapter = (page: (typeof pages)[number] | undefined) => !page?.body || (page.firstUnit !== undefined && units[page.firstUnit]?.kind === 'title' && starts.get(page.firstUnit)?.page === page.number)
  const failures = fillFailures(pages.filter((page) => page.body).map((page) => ({ number: page.number, fill: page.fill, partEnds: opensChapter(pages[page.number]) })))
  return { layout, pages, starts, failures }
}

/** The units after a map's that belong to it: up to the next map, chapter or section. */
function followersOf(units: readonly FlowUnit[], map: number): number {
  let count = 0
  for (let next = map + 1; next < units.length; next++) {
    const unit = units[next] as FlowUnit
    if (unit.kind !== 'other' || unit.section !== units[map]?.section) break
    count++
  }
  return count
}

/** The rearrangements that may mend `failure`, the likeliest first. */
function mends(failure: Measured['failures'][number], current: Arrangement, measured: Measured, units: readonly FlowUnit[]): Arrangement[] {
  const floated = (map: number, count: number): Arrangement => ({ floats: new Map([...current.floats, [map, count]]), breaks: current.breaks })
  const free = (map: number) => units[map]?.kind === 'map' && !current.floats.has(map) && ![...current.floats].some(([other, count]) => map > other && map <= other + count)
  if (failure.kind === 'gap') {
    const found: Arrangement[] = []
    // The map heading the next page: its heading and the text after it come here, as much as fills the page.
    const next = measured.pages[failure.page]
    const map = next?.firstUnit
    if (map !== undefined && free(map) && measured.starts.get(map)?.page === failure.page + 1) {
      const count = followersOf(units, map)
      for (let take = count; take >= 1; take--) found.push(floated(map, take))
    }
    // Too little text follows that map: the map of the page before goes after its own text.
    const before = [...measured.starts].filter(([unit, start]) => units[unit]?.kind === 'map' && start.page === failure.page - 1 && free(unit)).map(([unit]) => unit).at(-1)
    if (before !== undefined && followersOf(units, before) > 0) found.push(floated(before, followersOf(units, before)))
    return found
  }
  // A runt where a chapter ends: break the page earlier.
  const here = measured.pages[failure.page - 1]
  const before = measured.pages[failure.page - 2]
  const after = measured.pages[failure.page]
  if (!here || !before?.body) return []
  const endsChapter = !after?.body || (after.firstUnit !== undefined && units[after.firstUnit]?.kind === 'title')
  if (!endsChapter) return []
  const candidates = [...measured.starts].filter(([unit, start]) => start.page === failure.page - 1 && start.top > 0.02 && !units[unit]?.keptWithPrevious && !current.breaks.has(unit)).sort((a, b) => b[1].top - a[1].top)
  const found: Arrangement[] = []
  for (const [unit, start] of candidates) {
    const moved = before.lastBottom - start.top + here.fill
    if (moved < runtFill + slack || moved > 1 - slack) continue
    if (start.top < (units[unit]?.kind === 'title' ? runtFill : gapFill) + slack) break
    found.push({ floats: current.floats, breaks: new Set([...current.breaks, unit]) })
    if (found.length >= 2) break
  }
  return found
}
