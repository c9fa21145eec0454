/**
 * Reads a route map's SVG back into geometry: the boxes of its place labels, its markers,
 * its route lines and leader lines, panel by panel (the map and any inset), and says where a
 * label would be hard to read at print size: on another label, a marker or a route line, or
 * cut by its panel's edge. Independent of the placer: boxes are measured again from the
 * drawn text with the brand's font widths.
 */
import type { TextMeasure } from '../../src/layout/maps/text-metrics.ts'

export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface MapLabel {
  key: string
  text: string
  box: Box
}

export interface Panel {
  name: string
  bounds: Box
  labels: MapLabel[]
  markers: Array<{ key: string; box: Box }>
  /** Route lines, arrowheads and leader lines as points every few units. */
  lines: Array<{ key: string; points: Array<[number, number]>; ends?: string[] }>
}

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
const numbers = (value: string): number[] => [...value.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => Number(match[0]))
const unescape = (value: string) => value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

/** Points along an SVG path made of M, L, Q and Z commands (all the maps draw). */
function pathPoints(d: string): Array<[number, number]> {
  const points: Array<[number, number]> = []
  let current: [number, number] = [0, 0]
  let start: [number, number] = [0, 0]
  const line = (to: [number, number]) => {
    const steps = Math.max(1, Math.ceil(Math.hypot(to[0] - current[0], to[1] - current[1]) / 3))
    for (let step = 1; step <= steps; step++) points.push([current[0] + ((to[0] - current[0]) * step) / steps, current[1] + ((to[1] - current[1]) * step) / steps])
    current = to
  }
  for (const [, command, args] of d.matchAll(/([MLQZ])([^MLQZ]*)/g)) {
    const values = numbers(args ?? '')
    if (command === 'M') {
      current = [values[0]!, values[1]!]
      start = current
      points.push(current)
    } else if (command === 'L') {
      for (let index = 0; index + 1 < values.length; index += 2) line([values[index]!, values[index + 1]!])
    } else if (command === 'Q') {
      const [cx, cy, x, y] = values as [number, number, number, number]
      const from = current
      const steps = Math.max(2, Math.ceil(Math.hypot(x - from[0], y - from[1]) / 3))
      for (let step = 1; step <= steps; step++) {
        const t = step / steps
        points.push([(1 - t) ** 2 * from[0] + 2 * (1 - t) * t * cx + t * t * x, (1 - t) ** 2 * from[1] + 2 * (1 - t) * t * cy + t * t * y])
      }
      current = [x, y]
    } else if (command === 'Z') {
      line(start)
    }
  }
  return points
}

const boxOf = (points: Array<[number, number]>): Box => ({
  x0: Math.min(...points.map(([x]) => x)),
  y0: Math.min(...points.map(([, y]) => y)),
  x1: Math.max(...points.map(([x]) => x)),
  y1: Math.max(...points.map(([, y]) => y)),
})

/** The panels of a map SVG: each `data-panel` group with what is drawn in it. */
export function readMap(svg: string, measure: TextMeasure): Panel[] {
  const size = Number(/<svg[^>]*\sfont-size="([\d.]+)"/.exec(svg)?.[1] ?? 15)
  const chunks = svg.split(/(?=<g [^>]*data-panel=")/).slice(1)
  return chunks.map((chunk) => {
    const open = /^<g [^>]*>/.exec(chunk)![0]
    const [x0, y0, x1, y1] = numbers(attribute(open, 'data-panel-bounds') ?? '') as [number, number, number, number]
    const labels: MapLabel[] = []
    for (const match of chunk.matchAll(/<text ([^>]*data-label="[^"]*"[^>]*)>([^<]*)<\/text>/g)) {
      const tag = ` ${match[1]!}`
      const text = unescape(match[2]!)
      const x = Number(attribute(tag, 'x'))
      const y = Number(attribute(tag, 'y'))
      const fontSize = Number(attribute(tag, 'font-size') ?? size)
      const width = measure.width(text, fontSize, Number(attribute(tag, 'font-weight') ?? 400), attribute(tag, 'font-style') === 'italic')
      const anchor = attribute(tag, 'text-anchor') ?? 'start'
      const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x
      // As tall as a browser lays out the line: the font's ascent and descent.
      const { ascent, descent } = measure.extent(Number(attribute(tag, 'font-weight') ?? 400), attribute(tag, 'font-style') === 'italic')
      labels.push({ key: attribute(tag, 'data-label')!, text, box: { x0: left, y0: y - fontSize * ascent, x1: left + width, y1: y + fontSize * descent } })
    }
    const markers: Panel['markers'] = []
    for (const match of chunk.matchAll(/<g [^>]*data-place="([^"]*)"[^>]*data-role="[^"]*"[^>]*>(.*?)<\/g>/g)) {
      const body = match[2]!
      const points: Array<[number, number]> = []
      for (const circle of body.matchAll(/<circle [^>]*>/g)) {
        const [cx, cy, r] = ['cx', 'cy', 'r'].map((name) => Number(attribute(circle[0], name))) as [number, number, number]
        points.push([cx - r, cy - r], [cx + r, cy + r])
      }
      for (const path of body.matchAll(/<path\s[^>]*?\bd="([^"]*)"/g)) points.push(...pathPoints(path[1]!))
      if (points.length > 0) markers.push({ key: match[1]!, box: boxOf(points) })
    }
    const lines: Panel['lines'] = []
    for (const match of chunk.matchAll(/<g [^>]*data-route="([^"]*)"[^>]*data-from="([^"]*)"[^>]*data-to="([^"]*)"[^>]*>(.*?)<\/g>/g)) {
      for (const path of match[4]!.matchAll(/<path\s[^>]*?\bd="([^"]*)"/g)) lines.push({ key: `route ${match[1]}`, points: pathPoints(path[1]!), ends: [match[2]!, match[3]!] })
    }
    for (const leader of chunk.matchAll(/<line [^>]*data-leader="([^"]*)"[^>]*>/g)) {
      const [lx0, ly0, lx1, ly1] = ['x1', 'y1', 'x2', 'y2'].map((name) => Number(attribute(leader[0], name))) as [number, number, number, number]
      lines.push({ key: `leader of ${leader[1]}`, points: pathPoints(`M${lx0} ${ly0}L${lx1} ${ly1}`) })
    }
    return { name: attribute(open, 'data-panel')!, bounds: { x0, y0, x1, y1 }, labels, markers, lines }
  })
}

const overlaps = (a: Box, b: Box, slack = 0.5): boolean =>
  a.x0 + slack < b.x1 && b.x0 + slack < a.x1 && a.y0 + slack < b.y1 && b.y0 + slack < a.y1

/** Half the width of a drawn route line: a label may come this close to its centre line, no closer. */
const LINE_HALF = 1.5

/**
 * Every place a label is hard to read, as sentences; empty when none: a label on another
 * label or on a symbol, or cut by its panel's edge; with `lines`, also a label on a route
 * line that neither leaves nor reaches its place (which a crowded map may need).
 */
export function legibilityProblems(panels: Panel[], options: { lines?: boolean } = {}): string[] {
  const problems: string[] = []
  const main = panels[0]
  for (const panel of panels) {
    for (const [index, label] of panel.labels.entries()) {
      const { box } = label
      if (box.x0 < panel.bounds.x0 || box.y0 < panel.bounds.y0 || box.x1 > panel.bounds.x1 || box.y1 > panel.bounds.y1) {
        problems.push(`${panel.name}: "${label.text}" is cut by the frame`)
      }
      for (const other of panel.labels.slice(index + 1)) if (overlaps(box, other.box)) problems.push(`${panel.name}: "${label.text}" overlaps "${other.text}"`)
      for (const marker of panel.markers) if (overlaps(box, marker.box)) problems.push(`${panel.name}: "${label.text}" covers the marker of ${marker.key}`)
      for (const line of options.lines ? panel.lines : panel.lines.filter((line) => line.key.startsWith('leader of '))) {
        // A place's own leader, and the flows that leave or reach it, meet its label.
        if (line.key === `leader of ${label.key}` || line.ends?.includes(label.key)) continue
        const hit = line.points.some(([x, y]) => overlaps(box, { x0: x - LINE_HALF, y0: y - LINE_HALF, x1: x + LINE_HALF, y1: y + LINE_HALF }))
        if (hit) problems.push(`${panel.name}: "${label.text}" lies on the ${line.key}`)
      }
      if (panel !== main) continue
      for (const inset of panels.slice(1)) if (overlaps(box, inset.bounds)) problems.push(`${panel.name}: "${label.text}" is hidden under the ${inset.name}`)
    }
    if (panel === main) {
      for (const inset of panels.slice(1)) {
        for (const marker of panel.markers) if (overlaps(marker.box, inset.bounds)) problems.push(`${panel.name}: the marker of ${marker.key} is hidden under the ${inset.name}`)
      }
    }
  }
  return [...new Set(problems)]
}

/** The smallest text of a map, in points, when the map is printed `printWidthMm` across. */
export function smallestTextPt(svg: string, printWidthMm: number): number {
  const width = Number(/viewBox="0 0 ([\d.]+)/.exec(svg)![1])
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((match) => Number(match[1]))
  return (Math.min(...sizes) * ((printWidthMm / 25.4) * 72)) / width
}

/** Points of everything drawn for each route (lines, bands, arrowheads, its symbols), panel by panel. */
function routePoints(svg: string): Map<string, Array<Array<[number, number]>>> {
  const byRoute = new Map<string, Array<Array<[number, number]>>>()
  for (const chunk of svg.split(/(?=<g [^>]*data-panel=")/).slice(1)) {
    const inPanel = new Map<string, Array<[number, number]>>()
    for (const match of chunk.matchAll(/<g [^>]*data-route="([^"]*)"[^>]*>(.*?)<\/g>/g)) {
      const points = inPanel.get(match[1]!) ?? []
      for (const path of match[2]!.matchAll(/<path\s[^>]*?\bd="([^"]*)"/g)) points.push(...pathPoints(path[1]!))
      for (const circle of match[2]!.matchAll(/<circle [^>]*>/g)) points.push([Number(attribute(circle[0], 'cx')), Number(attribute(circle[0], 'cy'))])
      inPanel.set(match[1]!, points)
    }
    for (const [route, points] of inPanel) byRoute.set(route, [...(byRoute.get(route) ?? []), points])
  }
  return byRoute
}

/** How far each route reaches on the map, in map units: the diagonal of what is drawn for it, in the panel where it is largest. */
export function routeReach(svg: string): Map<string, number> {
  const reach = new Map<string, number>()
  for (const [route, panels] of routePoints(svg)) {
    reach.set(route, Math.max(0, ...panels.filter((points) => points.length > 0).map((points) => {
      const box = boxOf(points)
      return Math.hypot(box.x1 - box.x0, box.y1 - box.y0)
    })))
  }
  return reach
}

/**
 * The style each route is drawn in: the colour and dash pattern of its line, or the colour of
 * its own symbols for a route drawn as points only.
 */
export function routeStyles(svg: string): Map<string, string> {
  const styles = new Map<string, string>()
  for (const match of svg.matchAll(/<g [^>]*data-route="([^"]*)"[^>]*data-from="[^"]*"[^>]*>(.*?)<\/g>/g)) {
    if (styles.has(match[1]!)) continue
    // The line is the path with a stroke-width under 5 (the white casing and the band are wider).
    const line = [...match[2]!.matchAll(/<path [^>]*>/g)].map((path) => path[0]).find((path) => Number(attribute(path, 'stroke-width')) < 5 && attribute(path, 'fill') === 'none')
    if (line) styles.set(match[1]!, `${attribute(line, 'stroke')} ${attribute(line, 'stroke-dasharray') ?? attribute(line, 'data-dash') ?? 'solid'}`)
  }
  for (const match of svg.matchAll(/<g [^>]*data-route="([^"]*)"[^>]*data-role="[^"]*"[^>]*>(.*?)<\/g>/g)) {
    if (styles.has(match[1]!)) continue
    const shape = /<(?:path|circle) [^>]*>/.exec(match[2]!)?.[0]
    const fill = shape && attribute(shape, 'fill')
    const stroke = shape && attribute(shape, 'stroke')
    if (shape) styles.set(match[1]!, `symbols ${fill === 'none' || fill === '#FFFFFF' ? stroke : fill}`)
  }
  return styles
}
