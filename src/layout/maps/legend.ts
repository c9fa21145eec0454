/**
 * The legend under the map: each route as a sample of its line (with its arrowhead, or its
 * band for a sea crossing, or its symbol for a route drawn as points only), then every
 * symbol and area the map draws. Each row has its heading above it; entries flow in rows
 * that wrap.
 */
import type { Brand } from '../../brand/brand.ts'
import { dashedPath } from './dashes.ts'
import type { LineStyle } from './styles.ts'
import { element, escapeXml, number } from './svg.ts'
import { drawSymbol, type SymbolKind } from './symbols.ts'
import type { TextMeasure } from './text-metrics.ts'

export interface LegendEntry {
  label: string
  line?: LineStyle
  /** The line is drawn over a band: a sea crossing. */
  band?: boolean
  symbol?: SymbolKind
  /** The colour of a route's own symbols. */
  ink?: string
  swatch?: { fill: string; stroke: string }
  /** A dashed area, as drawn for regions without countries. */
  area?: boolean
  /** The dot where an arrow leaves an origin. */
  start?: boolean
  /** A frame in this colour: the area an inset enlarges. */
  outline?: string
}

export interface LegendOptions {
  top: number
  left: number
  right: number
  /** Text size, in map units. */
  size: number
  routes: LegendEntry[]
  places: LegendEntry[]
  /** The row headings, in the event's words. */
  headings: { routes: string; places: string }
  brand: Brand
  measure: TextMeasure
}

const SAMPLE = 46
const GAP = 24

export function drawLegend(options: LegendOptions): { svg: string; bottom: number } {
  const { brand, measure, size } = options
  const colors = brand.tokens.colors
  const ink = colors.text ?? '#000000'
  const rowHeight = Math.max(24, size * 1.6)
  const parts: string[] = []
  let y = options.top
  const row = (heading: string, entries: LegendEntry[]) => {
    if (entries.length === 0) return
    y += size
    parts.push(element('text', { x: options.left, y, 'font-size': size, 'font-weight': 700, fill: ink }, escapeXml(heading)))
    y += rowHeight * 0.5 + 4
    let x = options.left
    for (const entry of entries) {
      const width = SAMPLE + 8 + measure.width(entry.label, size)
      if (x + width > options.right && x > options.left) {
        x = options.left
        y += rowHeight
      }
      parts.push(sample(entry, x, y, colors), element('text', { x: x + SAMPLE + 8, y: y + size * 0.35, 'font-size': size, fill: ink }, escapeXml(entry.label)))
      x += width + GAP
    }
    y += rowHeight * 0.5 + 6
  }
  row(options.headings.routes, options.routes)
  row(options.headings.places, options.places)
  return { svg: element('g', { class: 'legend' }, parts.join('')), bottom: y + 4 }
}

function sample(entry: LegendEntry, x: number, y: number, colors: Record<string, string>): string {
  const muted = colors.muted ?? '#888888'
  if (entry.line) {
    const end = x + SAMPLE
    const line = entry.line
    if (entry.band) {
      return [
        element('path', { d: `M${number(x + 4)} ${number(y)}L${number(end - 4)} ${number(y)}`, fill: 'none', stroke: line.color, 'stroke-opacity': 0.28, 'stroke-width': 16, 'stroke-linecap': 'round' }),
        element('path', { d: dashedPath([[x + 4, y], [end - 4, y]], line.dash, number), fill: 'none', stroke: line.color, 'stroke-width': 2.8, 'stroke-linecap': line.cap, 'data-dash': line.dash }),
      ].join('')
    }
    return [
      element('path', { d: dashedPath([[x, y], [end - 10, y]], line.dash, number), fill: 'none', stroke: line.color, 'stroke-width': 2.8, 'stroke-linecap': line.cap, 'data-dash': line.dash }),
      element('path', { d: `M${number(end)} ${number(y)}L${number(end - 13)} ${number(y - 5.5)}L${number(end - 13)} ${number(y + 5.5)}Z`, fill: line.color }),
    ].join('')
  }
  if (entry.symbol) return drawSymbol(entry.symbol, x + SAMPLE / 2, y, colors, entry.ink)
  // The dot with the start of a line leaving it, so that it is not read as a place's dot.
  if (entry.start) {
    return [
      element('path', { d: `M${number(x + 8)} ${number(y)}L${number(x + SAMPLE - 6)} ${number(y)}`, fill: 'none', stroke: muted, 'stroke-width': 2.8 }),
      element('circle', { cx: x + 8, cy: y, r: 3.5, fill: muted, stroke: colors.white ?? '#FFFFFF', 'stroke-width': 0.8 }),
    ].join('')
  }
  if (entry.swatch) {
    return element('rect', { x: x + 6, y: y - 8, width: SAMPLE - 12, height: 16, fill: entry.swatch.fill, stroke: entry.swatch.stroke, 'stroke-width': 1 })
  }
  if (entry.outline) return element('rect', { x: x + 6, y: y - 8, width: SAMPLE - 12, height: 16, fill: 'none', stroke: entry.outline, 'stroke-width': 1.5 })
  if (entry.area) {
    return [
      element('ellipse', { cx: x + SAMPLE / 2, cy: y, rx: SAMPLE / 2 - 2, ry: 9, fill: muted, 'fill-opacity': 0.08, stroke: muted, 'stroke-width': 1.2, 'stroke-dasharray': '5 4' }),
      drawSymbol('region', x + SAMPLE / 2, y, colors),
    ].join('')
  }
  return ''
}
