/**
 * The legend under the map: route kinds as line samples with an arrowhead, place roles as
 * their symbols, and a note on how arrows join stages. Laid out in rows that wrap.
 */
import type { Brand } from '../../brand/brand.ts'
import type { LineStyle } from './styles.ts'
import { element, escapeXml, number } from './svg.ts'
import { drawSymbol, type SymbolKind } from './symbols.ts'
import type { TextMeasure } from './text-metrics.ts'

export interface LegendEntry {
  label: string
  line?: LineStyle
  symbol?: SymbolKind
  swatch?: { fill: string; stroke: string }
  /** A dashed area, as drawn for regions without countries. */
  area?: boolean
}

export interface LegendOptions {
  top: number
  left: number
  right: number
  routes: LegendEntry[]
  places: LegendEntry[]
  /** The row headings, in the event's words. */
  headings: { routes: string; places: string }
  note?: string
  brand: Brand
  measure: TextMeasure
}

const SIZE = 14
const ROW = 24
const SAMPLE = 44
const HEADING = 74

export function drawLegend(options: LegendOptions): { svg: string; bottom: number } {
  const { brand, measure } = options
  const colors = brand.tokens.colors
  const ink = colors.text ?? '#000000'
  const parts: string[] = []
  let y = options.top
  const row = (heading: string, entries: LegendEntry[]) => {
    if (entries.length === 0) return
    y += ROW / 2 + 4
    parts.push(element('text', { x: options.left, y: y + SIZE * 0.35, 'font-size': SIZE, 'font-weight': 700, fill: ink }, escapeXml(heading)))
    let x = options.left + HEADING
    for (const entry of entries) {
      const width = SAMPLE + 8 + measure.width(entry.label, SIZE) + 22
      if (x + width - 22 > options.right && x > options.left + HEADING) {
        x = options.left + HEADING
        y += ROW
      }
      parts.push(sample(entry, x, y, colors), element('text', { x: x + SAMPLE + 8, y: y + SIZE * 0.35, 'font-size': SIZE, fill: ink }, escapeXml(entry.label)))
      x += width
    }
    y += ROW / 2
  }
  row(options.headings.routes, options.routes)
  row(options.headings.places, options.places)
  if (options.note) {
    const size = 12.5
    const words = options.note.split(' ')
    const lines: string[] = []
    let current = ''
    for (const word of words) {
      const next = current ? `${current} ${word}` : word
      if (measure.width(next, size) > options.right - options.left && current) {
        lines.push(current)
        current = word
      } else {
        current = next
      }
    }
    if (current) lines.push(current)
    y += 8
    for (const line of lines) {
      y += size * 1.3
      parts.push(element('text', { x: options.left, y, 'font-size': size, fill: colors.muted ?? ink }, escapeXml(line)))
    }
  }
  return { svg: element('g', { class: 'legend' }, parts.join('')), bottom: y + 4 }
}

function sample(entry: LegendEntry, x: number, y: number, colors: Record<string, string>): string {
  if (entry.line) {
    const end = x + SAMPLE
    return [
      element('path', { d: `M${number(x)} ${number(y)}L${number(end - 10)} ${number(y)}`, fill: 'none', stroke: entry.line.color, 'stroke-width': 2.6, 'stroke-dasharray': entry.line.dash, 'stroke-linecap': entry.line.cap }),
      element('path', { d: `M${number(end)} ${number(y)}L${number(end - 13)} ${number(y - 5.5)}L${number(end - 13)} ${number(y + 5.5)}Z`, fill: entry.line.color }),
    ].join('')
  }
  if (entry.symbol) return drawSymbol(entry.symbol, x + SAMPLE / 2, y, colors)
  if (entry.swatch) {
    return element('rect', { x: x + 6, y: y - 8, width: SAMPLE - 12, height: 16, fill: entry.swatch.fill, stroke: entry.swatch.stroke, 'stroke-width': 1 })
  }
  if (entry.area) {
    return element('ellipse', { cx: x + SAMPLE / 2, cy: y, rx: SAMPLE / 2 - 2, ry: 9, fill: colors.muted ?? '#888888', 'fill-opacity': 0.08, stroke: colors.muted ?? '#888888', 'stroke-width': 1.2, 'stroke-dasharray': '5 4' })
  }
  return ''
}
