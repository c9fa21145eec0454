/**
 * The float and fit pass: after a print, the pages are measured (`page-fill.ts`) and, only
 * when one fails a designer's measure, the page's layout is changed where it failed and
 * printed again, in the same browser page (nothing is loaded twice). Two failures are
 * mended:
 *
 * - a page under `gapFill` full whose part goes on overleaf, because a heading with its map
 *   did not fit under it: the map floats past the text that follows it, as far as that text
 *   fills the page, and heads the next page (the heading stays with the text); where too
 *   little text follows that map, the map of the page before floats past its own text,
 *   which then fills the page before, and heads this page;
 * - a page under `runtFill` full where a chapter ends (a few lines spilled): the page breaks
 *   earlier, before the latest block on the page before that moves enough onto it, as long
 *   as the page before stays over `gapFill` full (or over `runtFill` where a chapter then
 *   ends there).
 *
 * One mend a print, the earliest page first, since a mend moves every page after it; a
 * print is kept only when its pages fall short by less in all than the one before (see
 * `shortfall`), so the pass never makes a document worse. The same print gives the same
 * decisions, so the bytes are repeatable.
 */
import type { Page } from 'puppeteer-core'
import type { PDFDocument } from 'pdf-lib'
import { headingPlaces, pageFills, type HeadingPlace, type PageFill, type PageGeometry } from './page-fill.ts'

import { fillFailures, gapFill, runtFill, shortfall, type FillFailure } from '../page-measures.ts'

export { gapFill, runtFill }
/** Most prints after the first. */
const maximumReprints = 3

export interface PageFlow {
  geometry: PageGeometry
  /** Parses a print; the caller may keep the parsed document of the print it is given back. */
  load(pdf: Uint8Array): Promise<PDFDocument>
  /** Counts the time of measuring and reprinting (`build --profile`). */
  time?: <T>(stage: string, work: () => Promise<T>) => Promise<T>
}

/** A heading's place, and whether it is a section's title (it opens a chapter). */
export interface FlowHeading extends HeadingPlace {
  chapter: boolean
}

export type FlowFailure = FillFailure

/** What a designer would send back: runt pages, and pages left half empty whose part goes on. */
export function flowFailures(pages: readonly PageFill[], headings: readonly FlowHeading[]): FlowFailure[] {
  // A page that a section title opens (a chapter starts there) ends the part before it.
  const chapterTops = new Map<number, number>()
  for (const heading of headings) if (heading.chapter && !chapterTops.has(heading.page)) chapterTops.set(heading.page, heading.top)
  const opensChapter = (page: PageFill | undefined) => !page?.furnished || (chapterTops.get(page.number) ?? 1) < 0.02
  return fillFailures(pages.filter((page) => page.furnished).map((page) => ({ number: page.number, fill: page.fill, partEnds: opensChapter(pages[page.number]) })))
}

/**
 * Prints `page` with `print`, then mends and prints again while the pages fail and a mend
 * helps. `first` is the print already made.
 */
export async function reflowed(page: Page, first: Uint8Array, print: () => Promise<Uint8Array>, flow: PageFlow): Promise<Uint8Array> {
  const time = flow.time ?? ((_stage, work) => work())
  const measure = (pdf: Uint8Array) =>
    time('page flow', async () => {
      const document = await flow.load(pdf)
      const pages = pageFills(document, flow.geometry)
      const headings = headingPlaces(document, flow.geometry)
      const chapters = await page.evaluate(`(${chapterFlags})()`) as boolean[] | null
      const marked: FlowHeading[] = chapters && chapters.length <= headings.length ? headings.map((heading, index) => ({ ...heading, chapter: chapters[index - (headings.length - chapters.length)] ?? false })) : headings.map((heading) => ({ ...heading, chapter: false }))
      return { pages, headings: marked, failures: flowFailures(pages, marked) }
    })
  let best = first
  let measured = await measure(first)
  for (let reprint = 0; reprint < maximumReprints && measured.failures.length > 0; reprint++) {
    const mended = (await page.evaluate(`(${mendOne})(${JSON.stringify({ pages: measured.pages, headings: measured.headings, failures: measured.failures, runtFill, gapFill, areaMillimetres: areaMillimetres(flow.geometry) })})`)) as string | null
    if (!mended) break
    const next = await time('reprint for page flow', print)
    const remeasured = await measure(next)
    if (shortfall(remeasured) >= shortfall(measured)) break
    best = next
    measured = remeasured
  }
  return best
}

/** The height of the area between the margins of an A4 page (the brand's only size), in millimetres. */
const areaMillimetres = (geometry: PageGeometry) => 297 - ((geometry.marginTop + geometry.marginBottom) * 25.4) / 72

/**
 * In the page: for each heading of the body (the outline's last entries, in order), whether
 * it is a section's title (it opens a chapter).
 */
const chapterFlags = String.raw`function () {
  return Array.from(document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)')).map((heading) => heading.matches('h1.section-title'))
}`

/**
 * In the page: mends the earliest failing page it can, and says how ("floated ...",
 * "broke before ..."), or null. Heights are read from the layout for print at the column's
 * width (`page-overflow.ts` left the viewport there); pages and headings from the print.
 */
const mendOne = String.raw`function (input) {
  const { pages, headings, failures, runtFill, gapFill, areaMillimetres } = input
  const area = areaMillimetres * 96 / 25.4
  // Room kept for what the layout of pages adds (a line's worth).
  const slack = 0.03
  const all = Array.from(document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)'))
  if (headings.length < all.length) return null
  const placed = headings.slice(headings.length - all.length)
  const placeOf = new Map(all.map((heading, index) => [heading, placed[index]]))
  const fillOf = (number) => pages[number - 1]
  const style = (element) => getComputedStyle(element)
  const outerTop = (element) => element.getBoundingClientRect().top - parseFloat(style(element).marginTop)
  const outerBottom = (element) => element.getBoundingClientRect().bottom + parseFloat(style(element).marginBottom)
  const label = (element) => (element.querySelector('h1, h2, h3, h4, figcaption, p') || element).textContent.replace(/\s+/g, ' ').trim().slice(0, 60)
  // A block a page may not break before: what follows a heading or a line leading into it.
  const keptWithPrevious = (element) => {
    const previous = element.previousElementSibling
    return !previous || previous.matches('h1, h2, h3, h4, h5, h6, .lead, .theme-subtitle, p:has(+ ul, + ol)')
  }

  const keeps = Array.from(document.querySelectorAll('main .keep-together')).flatMap((keep) => {
    const heading = keep.querySelector(':scope > :is(h2, h3, h4)')
    const figure = keep.querySelector(':scope > figure')
    const place = heading && placeOf.get(heading)
    return figure && place ? [{ keep, heading, figure, place }] : []
  })
  // The blocks after a heading's map that belong to it: up to the next heading of its rank, map or chapter.
  const followersOf = (keep) => {
    const found = []
    for (let next = keep.nextElementSibling; next && !next.matches('.keep-together, figure, h1, h2'); next = next.nextElementSibling) found.push(next)
    return found
  }
  // Moves the map after the followers given; its heading stays before them, with the text.
  const float = ({ keep, heading, figure }, followers) => {
    keep.replaceWith(heading)
    followers[followers.length - 1].after(figure)
    return 'floated the map "' + label(figure) + '" past ' + followers.length + ' block(s)'
  }

  const floatMap = (failure) => {
    const fill = fillOf(failure.page).fill
    // The map heading the next page: a heading with its map that did not fit here. Its
    // heading and as much of the text after the map as fits come here.
    const next = keeps.find(({ place }) => place.page === failure.page + 1 && place.top <= 0.05)
    let fitting = []
    let filled = fill
    if (next) {
      const room = (1 - fill - slack) * area
      // The heading, then what follows the map, without the map between them.
      const headingHeight = outerBottom(next.heading) - outerTop(next.heading)
      const after = outerBottom(next.keep)
      for (const follower of followersOf(next.keep)) {
        const height = headingHeight + outerBottom(follower) - after
        if (height > room) break
        fitting.push(follower)
        filled = fill + height / area
      }
    }
    // Too little text follows that map to fill this page: the map of the page before
    // floats instead, past the text of its own that begins this page, which takes its
    // place there; the map then heads this page.
    if (filled < gapFill - slack) {
      const previous = keeps.filter(({ place }) => place.page === failure.page - 1).pop()
      const followers = previous ? followersOf(previous.keep) : []
      const last = followers[followers.length - 1]
      if (previous && last && outerBottom(last) - outerBottom(previous.keep) <= outerBottom(previous.figure) - outerBottom(previous.heading)) return float(previous, followers)
    }
    return fitting.length > 0 ? float(next, fitting) : null
  }

  const breakEarlier = (failure) => {
    const here = fillOf(failure.page)
    const before = fillOf(failure.page - 1)
    const next = fillOf(failure.page + 1)
    if (!before || !before.furnished) return null
    // Only where a chapter ends: the next page is a cover or opens a chapter.
    const sections = Array.from(document.querySelectorAll('main > section, main > .section'))
    const titleOf = (section) => section.querySelector(':scope > h1.section-title')
    const landed = sections.filter((section) => { const place = titleOf(section) && placeOf.get(titleOf(section)); return place && place.page <= failure.page })
    const section = landed[landed.length - 1]
    if (!section) return null
    const following = sections[sections.indexOf(section) + 1]
    const followingPlace = following && titleOf(following) && placeOf.get(titleOf(following))
    if (next && next.furnished && !(followingPlace && followingPlace.page === failure.page + 1 && followingPlace.top < 0.02)) return null
    const end = section.getBoundingClientRect().bottom
    const onPage = here.fill * area
    const candidates = []
    for (let index = sections.indexOf(section); index >= 0; index--) {
      const children = Array.from(sections[index].children).slice(1).reverse()
      for (const child of children) if (!keptWithPrevious(child)) candidates.push({ element: child, chapter: false })
      candidates.push({ element: sections[index], chapter: true })
    }
    for (const { element, chapter } of candidates) {
      const height = end - element.getBoundingClientRect().top
      if (height <= onPage + 1) continue
      const moved = (height - onPage) / area
      if (moved > before.fill) break
      if (height / area < runtFill + slack || height / area > 1 - slack) continue
      if (before.fill - moved < (chapter ? runtFill : gapFill) + slack) break
      element.style.breakBefore = 'page'
      return 'broke the page before "' + label(element) + '"'
    }
    return null
  }

  for (const failure of failures) {
    const done = failure.kind === 'gap' ? floatMap(failure) : breakEarlier(failure)
    if (done) return 'p. ' + failure.page + ': ' + done
  }
  return null
}`
