/**
 * The legend under the map: each route as a sample of its line (with its arrowhead, or its
 * band for a sea crossing, or its symbol for a route drawn as points only), then every
 * symbol and area the map draws. Each row has its heading above it; entries flow in rows
 * that wrap. In a language written from right to left the legend is mirrored: entries flow
 * from the right, each sample to the right of its words, the text set against the right
 * edge, and a line's arrow points left.
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
  /** Mirrored, for a language written from right to left. */
  rtl?: boolean
}

const SAMPLE = 46
const GAP = 24

export function drawLegend(options: LegendOptions): { svg: string; bottom: number } {
  const { brand, measure, size } = options
  const rtl = options.rtl === true
  const colors = brand.tokens.colors
  const ink = colors.text ?? '#000000'
  const rowHeight = Math.max(24, size * 1.6)
  const parts: string[] = []
  // The side entries start from, and which way they run from it. The text stays anchored by
  // the page's sides (the map's SVG is "ltr"), so that Chromium and resvg set it alike.
  const start = rtl ? options.right : options.left
  const step = rtl ? -1 : 1
  const anchor = rtl ? 'end' : undefined
  let y = options.top
  const row = (heading: string, entries: LegendEntry[]) => {
    if (entries.length === 0) return
    y += size
    parts.push(element('text', { x: start, y, 'font-size': size, 'font-weight': 700, fill: ink, 'text-anchor': anchor }, escapeXml(heading)))
    y += rowHeight * 0.5 + 4
    let x = start
    for (const entry of entries) {
      const width = SAMPLE + 8 + measure.width(entry.label, size)
      const room = rtl ? x - width >= options.left : x + width <= options.right
      if (!room && x !== start) {
        x = start
        y += rowHeight
      }
      // The sample's left edge, and where its words begin (their left or right end).
      const sampleX = rtl ? x - SAMPLE : x
      const textX = x + step * (SAMPLE + 8)
      parts.push(sample(entry, sampleX, y, colors, rtl), element('text', { x: textX, y: y + size * 0.35, 'font-size': size, fill: ink, 'text-anchor': anchor }, escapeXml(entry.label)))
      x += step * (width + GAP)
    }
    y += rowHeight * 0.5 + 6
  }
  row(options.headings.routes, options.routes)
  row(options.headings.places, options.places)
  return { svg: element('g', { class: 'legend' }, parts.join('')), bottom: y + 4 }
}

/** The sample of an entry in the `SAMPLE` units from `x`; mirrored, a line points left and a start's dot sits at the right. */
function sample(entry: LegendEntry, x: number, y: number, colors: Record<string, string>, rtl: boolean): string {
  const muted = colors.muted ?? '#888888'
  // A point `offset` units into the sample from the side it starts on.
  const along = (offset: number) => (rtl ? x + SAMPLE - offset : x + offset)
  const at = (offset: number) => number(along(offset))
  if (entry.line) {
    const line = entry.line
    if (entry.band) {
      return [
        element('path', { d: `M${number(x + 4)} ${number(y)}L${number(x + SAMPLE - 4)} ${number(y)}`, fill: 'none', stroke: line.color, 'stroke-opacity': 0.28, 'stroke-width': 16, 'stroke-linecap': 'round' }),
        element('path', { d: dashedPath([[along(4), y], [along(SAMPLE - 4), y]], line.dash, number), fill: 'none', stroke: line.color, 'stroke-width': 2.8, 'stroke-linecap': line.cap, 'data-dash': line.dash }),
      ].join('')
    }
    return [
      element('path', { d: dashedPath([[along(0), y], [along(SAMPLE - 10), y]], line.dash, number), fill: 'none', stroke: line.color, 'stroke-width': 2.8, 'stroke-linecap': line.cap, 'data-dash': line.dash }),
      element('path', { d: `M${at(SAMPLE)} ${number(y)}L${at(SAMPLE - 13)} ${number(y - 5.5)}L${at(SAMPLE - 13)} ${number(y + 5.5)}Z`, fill: line.color }),
    ].join('')
  }
  if (entry.symbol) return drawSymbol(entry.symbol, x + SAMPLE / 2, y, colors, entry.ink)
  // The dot with the start of a line leaving it, so that it is not read as a place's dot.
  if (entry.start) {
    return [
      element('path', { d: `M${at(8)} ${number(y)}L${at(SAMPLE - 6)} ${number(y)}`, fill: 'none', stroke: muted, 'stroke-width': 2.8 }),
      element('circle', { cx: at(8), cy: y, r: 3.5, fill: muted, stroke: colors.white ?? '#FFFFFF', 'stroke-width': 0.8 }),
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
