/**
 * A publication designer's measures of a printed PDF, from pdf.js text positions: how long
 * the body lines run, how full each page is, and which headings a page foot strands.
 * Page geometry (margins, body size) comes from `styles/brand.json`, as the print does.
 */
import fs from 'node:fs/promises'
import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface Geometry {
  /** Body text size, in points. */
  bodySize: number
  /** Size of a section title, in points. */
  sectionTitleSize: number
  /** Page margins, in points. */
  marginTop: number
  marginBottom: number
}

/** One run of text on one baseline, without a wide gap in it (a margin note beside a line is a line of its own). */
export interface Line {
  text: string
  size: number
  x: number
  /** Baseline, in PDF points from the page's foot. */
  y: number
  width: number
}

export interface MeasuredPage {
  /** 1-based. */
  number: number
  /** A page with the running furniture (a page number at its foot); covers have none. */
  furnished: boolean
  /** Lines in the area between the margins, top to bottom. */
  lines: Line[]
  /** How far down the area between the margins the content reaches, 0–1. */
  fill: number
  /** Boxes of the pictures on the page, in PDF points from its foot (when measured with `pictures`). */
  pictures?: { top: number; bottom: number }[]
}

export interface MeasuredHeading {
  title: string
  page: number
  /** The top of the heading, as its bookmark points at it. */
  y: number
}

export interface PageMeasures {
  pages: MeasuredPage[]
  headings: MeasuredHeading[]
}

const millimetre = 72 / 25.4
const points = (length: string) => {
  const match = /^(\d+(?:\.\d+)?)mm$/.exec(length)
  if (!match) throw new Error(`not a length in millimetres: ${length}`)
  return Number(match[1]) * millimetre
}

export async function brandGeometry(brandFile = 'styles/brand.json'): Promise<Geometry> {
  const tokens = JSON.parse(await fs.readFile(brandFile, 'utf8')) as { sizes: Record<string, number>; page: Record<string, string> }
  return {
    bodySize: tokens.sizes.body ?? 0,
    sectionTitleSize: tokens.sizes.heading1 ?? 0,
    marginTop: points(tokens.page.marginTop ?? ''),
    marginBottom: points(tokens.page.marginBottom ?? ''),
  }
}

export interface MeasureOptions {
  /**
   * Count pictures as well as text in a page's fill: LibreOffice exports a DOCX's maps as
   * images, where Chromium draws them as paths (and its print has no picture a fill hangs on).
   */
  pictures?: boolean
}

export async function measurePdf(file: string, geometry: Geometry, options: MeasureOptions = {}): Promise<PageMeasures> {
  const document = await getDocument({ data: new Uint8Array(await fs.readFile(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  try {
    const pages: MeasuredPage[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const [, , , height = 0] = page.view
      const top = height - geometry.marginTop
      const bottom = geometry.marginBottom
      const content = await page.getTextContent()
      // Turned text is the draft mark across the page, not content.
      const items = content.items.flatMap((item) =>
        'str' in item && item.str !== '' && Math.abs(item.transform[1] as number) < 0.01 ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, size: Math.hypot(item.transform[0] as number, item.transform[1] as number), width: item.width }] : [],
      )
      const furnished = items.some((item) => item.y < bottom && /\d/.test(item.text))
      const inside = items.filter((item) => item.y > bottom && item.y < top)
      const lines = toLines(inside)
      const pictures = options.pictures ? (await pictureBoxes(page)).filter((box) => box.bottom > bottom && box.bottom < top) : undefined
      const pictureFoots = (pictures ?? []).map((box) => box.bottom)
      const lowest = Math.min(...inside.filter((item) => item.text.trim() !== '').map((item) => item.y - 0.3 * item.size), ...pictureFoots)
      const fill = Number.isFinite(lowest) ? Math.min(1, Math.max(0, (top - lowest) / (top - bottom))) : 0
      pages.push({ number, furnished, lines, fill, ...(pictures ? { pictures } : {}) })
    }
    const headings: MeasuredHeading[] = []
    const walk = async (entries: Awaited<ReturnType<typeof document.getOutline>>) => {
      for (const entry of entries ?? []) {
        const destination = typeof entry.dest === 'string' ? await document.getDestination(entry.dest) : entry.dest
        const [reference, , , y] = destination ?? []
        if (reference && typeof reference === 'object' && typeof y === 'number') {
          headings.push({ title: entry.title.replace(/\s+/g, ' ').trim(), page: (await document.getPageIndex(reference as { num: number; gen: number })) + 1, y })
        }
        await walk(entry.items)
      }
    }
    await walk(await document.getOutline())
    return { pages, headings }
  } finally {
    await document.destroy()
  }
}

type Item = { text: string; x: number; y: number; size: number; width: number }
type Transform = [number, number, number, number, number, number]

/** The boxes (PDF points, from the page's foot) that a page paints its images into. */
async function pictureBoxes(page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }> }): Promise<{ top: number; bottom: number }[]> {
  const { fnArray, argsArray } = await page.getOperatorList()
  const boxes: { top: number; bottom: number }[] = []
  const stack: Transform[] = []
  let ctm: Transform = [1, 0, 0, 1, 0, 0]
  const painted = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat])
  fnArray.forEach((fn, index) => {
    const then = (matrix: Transform | null | undefined) => {
      if (!matrix) return
      const [a, b, c, d, e, f] = matrix
      const [A, B, C, D, E, F] = ctm
      ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
    }
    if (fn === OPS.save) stack.push(ctm)
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm
    else if (fn === OPS.transform) then(argsArray[index] as Transform)
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm)
      then((argsArray[index] as [Transform | null])[0])
    } else if (painted.has(fn)) {
      // An image fills the unit square of the current transform.
      const ys = [0, 1].flatMap((u) => [0, 1].map((v) => ctm[1] * u + ctm[3] * v + ctm[5]))
      boxes.push({ top: Math.max(...ys), bottom: Math.min(...ys) })
    }
  })
  return boxes
}

function toLines(items: Item[]): Line[] {
  const byBaseline = new Map<number, Item[]>()
  for (const item of items) {
    const key = Math.round(item.y * 2) / 2
    byBaseline.set(key, [...(byBaseline.get(key) ?? []), item])
  }
  const lines: Line[] = []
  for (const [y, row] of [...byBaseline].sort((a, b) => b[0] - a[0])) {
    row.sort((a, b) => a.x - b.x)
    let current: Item[] = []
    const flush = () => {
      const visible = current.filter((item) => item.text.trim() !== '')
      const first = visible[0]
      const last = visible.at(-1)
      if (first && last) {
        lines.push({
          text: current.map((item) => item.text).join('').replace(/\s+/g, ' ').trim(),
          size: Math.max(...visible.map((item) => item.size)),
          x: first.x,
          y,
          width: last.x + last.width - first.x,
        })
      }
      current = []
    }
    for (const item of row) {
      const previous = current.filter((entry) => entry.text.trim() !== '').at(-1)
      // A gap wider than two spaces is a column's edge, not a word space.
      if (previous && item.text.trim() !== '' && item.x - (previous.x + previous.width) > item.size) flush()
      if (item.text.trim() === '' && item.width > 3 * item.size) continue
      current.push(item)
    }
    flush()
  }
  return lines
}

/** Characters of the full lines at the body size: lines at least 85 % as wide as the widest usual one (a paragraph's last line is not full). */
export function fullBodyLineLengths(measures: PageMeasures, geometry: Geometry): number[] {
  const body = measures.pages.filter((page) => page.furnished).flatMap((page) => page.lines.filter((line) => Math.abs(line.size - geometry.bodySize) < 0.05))
  const widths = body.map((line) => line.width).sort((a, b) => a - b)
  const usual = widths[Math.floor(widths.length * 0.9)] ?? 0
  return body.filter((line) => line.width >= 0.85 * usual).map((line) => [...line.text].length)
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN
}

/**
 * Headings followed on their page by at most one line of their text (any line smaller than
 * the heading: a lead paragraph counts), when the document goes on after that page.
 */
export function strandedHeadings(measures: PageMeasures, geometry: Geometry): MeasuredHeading[] {
  const lastFurnished = Math.max(...measures.pages.filter((page) => page.furnished).map((page) => page.number))
  return measures.headings.filter((heading) => {
    const page = measures.pages[heading.page - 1]
    if (!page?.furnished || heading.page >= lastFurnished) return false
    const start = heading.title.slice(0, 12)
    const own = page.lines.find((line) => line.y <= heading.y + 1 && line.text.startsWith(start))
    const size = own?.size ?? geometry.bodySize + 0.05
    const after = page.lines.filter((line) => line.y < (own?.y ?? heading.y - 2) && line.size < size - 0.5)
    // A picture under the heading on its page (a map) is what the heading introduces.
    const pictured = (page.pictures ?? []).some((picture) => picture.top < (own?.y ?? heading.y))
    return after.length <= 1 && !pictured
  })
}

/** Whether a page opens with a section title (a chapter starts there, and the page before may end short). */
function opensChapter(page: MeasuredPage | undefined, geometry: Geometry): boolean {
  const first = page?.lines[0]
  return !page?.furnished || (first !== undefined && first.size >= geometry.sectionTitleSize - 0.05)
}

/** Pages under `threshold` full, other than covers; with `continued`, only those whose part goes on overleaf. */
export function emptyPages(measures: PageMeasures, geometry: Geometry, threshold: number, continued: boolean): MeasuredPage[] {
  return measures.pages.filter((page) => {
    if (!page.furnished || page.fill >= threshold) return false
    const next = measures.pages[page.number]
    if (continued) return next !== undefined && !opensChapter(next, geometry)
    return true
  })
}
