/**
 * One panel of a route map: the whole map, or an inset that shows a crowded part of it at a
 * larger scale. A panel draws, with its own projection and inside its own rectangle, the
 * base map, the shaded countries, the regions as areas, the arrows, the place symbols and
 * the labels of the places it is asked to label. It reports which labels found no free
 * place, so that the map can move their places into an inset.
 */
import countryCodes from 'i18n-iso-countries'
import type { GeoProjection } from 'd3-geo'
import type { Route } from '../../content/schema.ts'
import { curve, type Edge } from './arrows.ts'
import { dashedPath } from './dashes.ts'
import { outlinePathsAt, type Atlas, type PlaceOnMap } from './geography.ts'
import { boxesAlong, COST, placeLabels, type Box, type LabelRequest, type Obstacle, type PlacedLabel } from './labels.ts'
import type { LineStyle } from './styles.ts'
import { element, escapeXml, number, title } from './svg.ts'
import { drawSymbol, symbolLabel, symbolOrder, symbolRadius, type SymbolKind } from './symbols.ts'
import type { Words } from '../../content/words.ts'
import type { TextMeasure } from './text-metrics.ts'

const LINE_WIDTH = 2.8
/** Width of a sea crossing's band. */
const BAND_WIDTH = 16

/** What every panel of one map shares: the routes, their places and how each is drawn. */
export interface MapScene {
  atlas: Atlas
  colors: Record<string, string>
  color(name: string): string
  measure: TextMeasure
  /** Size of place labels, in map units: at least the smallest text print allows. */
  labelSize: number
  /** The event's words, for the titles of regions, arrows and symbols. */
  words: Words
  places: Map<string, PlaceOnMap>
  highlightCode?: string
  highlight?: PlaceOnMap
  /** Countries shaded as on a route: those the routes name. */
  onRoute: Set<string>
  routes: Array<{ route: Route; style: LineStyle; edges: Edge[]; pointOnly: boolean }>
  /** Sea crossings: a band from where people leave through the seas the text names, with no end it does not name. */
  bands: Array<{ route: Route; style: LineStyle; from: PlaceOnMap; waters: PlaceOnMap[] }>
  /** The symbols each place gets over all routes, and the route and role each is drawn for. */
  symbols: Array<{ route: Route; place: PlaceOnMap; role: string; kind: SymbolKind }>
}

export interface PanelOptions {
  name: 'map' | 'inset'
  id: string
  projection: GeoProjection
  bounds: Box
  /** Places to label in this panel. */
  labelled: PlaceOnMap[]
  /** Rectangles labels must keep out of: an inset drawn over this panel. */
  keepOut: Box[]
  /** Drawn over the panel's content, under its labels: the outline of an inset's area. */
  overlay?: string
}

export interface PanelDrawing {
  /** The panel's SVG, drawn when asked: a panel the map tries and sets aside costs no base map. */
  draw(): string
  labels: PlacedLabel[]
  /** Keys of the places whose labels touch something or leave the panel. */
  crowded: string[]
}

const inside = (bounds: Box, [x, y]: [number, number], margin = 0) =>
  x >= bounds.x0 - margin && x <= bounds.x1 + margin && y >= bounds.y0 - margin && y <= bounds.y1 + margin

export function drawPanel(scene: MapScene, options: PanelOptions): PanelDrawing {
  const { color, colors } = scene
  const { projection, bounds } = options
  const project = projector(projection)

  const regionShapes = [...scene.places.values()]
    .filter((place) => place.openRegion && inside(bounds, project(place), 60))
    .map((place) => {
      const [x, y] = project(place)
      return element('ellipse', {
        cx: x, cy: y, rx: 58, ry: 34,
        fill: color('muted'), 'fill-opacity': 0.08,
        stroke: color('muted'), 'stroke-width': 1.2, 'stroke-dasharray': '5 4',
        'data-place': place.id,
      }, title(scene.words.say('map.region-title', { place: place.name })))
    })

  const radiusAt = new Map<string, number>()
  for (const symbol of scene.symbols) radiusAt.set(symbol.place.id, Math.max(radiusAt.get(symbol.place.id) ?? 0, symbolRadius(symbol.kind)))

  const obstacles: Obstacle[] = []
  // Symbols of places, where a curve should not pass unless it ends there.
  const symbolPoints = [...radiusAt].map(([id, radius]) => {
    const [x, y] = project(scene.places.get(id)!)
    return { id, x, y, radius }
  })
  const passesSymbols = (samples: Array<[number, number]>, ends: string[]) => {
    let total = 0
    for (const point of symbolPoints) {
      if (ends.includes(point.id)) continue
      for (const [x, y] of samples) if (Math.hypot(x - point.x, y - point.y) < point.radius + 5) total++
    }
    return total
  }
  const bands = scene.bands.map(({ route, style, from, waters }) => {
    const points = [from, ...waters].map((place) => project(place))
    const line = smoothLine(points)
    if (!line.some((point) => inside(bounds, point, 10))) return ''
    const d = `M${line.map(([x, y]) => `${number(x)} ${number(y)}`).join('L')}`
    const ends = [from.id, ...waters.map((water) => water.id)]
    for (const box of boxesAlong(alongPolyline(line, 6), BAND_WIDTH / 2)) obstacles.push({ box, weight: COST.line, ends })
    return element('g', { 'data-route': route.id, 'data-from': from.id, 'data-to': waters.at(-1)!.id, 'data-band': '' }, [
      title(scene.words.say('map.band-title', { route: route.name, from: from.name, waters: scene.words.list(waters.map((water) => water.name)) })),
      element('path', { d, fill: 'none', stroke: style.color, 'stroke-opacity': 0.28, 'stroke-width': BAND_WIDTH, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
      element('path', { d: style.dash ? dashedPath(line, style.dash, number) : d, fill: 'none', stroke: style.color, 'stroke-width': LINE_WIDTH, 'stroke-linecap': style.cap, 'stroke-linejoin': 'round', 'data-dash': style.dash }),
    ].join(''))
  })
  const pairs = new Map<string, number>()
  const arrows: string[] = []
  for (const { route, style, edges } of scene.routes) {
    for (const edge of edges) {
      // Flows between the same two places are bent apart, each a little more than the one before.
      const pair = [edge.from.id, edge.to.id].sort().join('|')
      const count = pairs.get(pair) ?? 0
      pairs.set(pair, count + 1)
      const fromPlace = scene.places.get(edge.from.id)!
      const toPlace = scene.places.get(edge.to.id)!
      const [fx, fy] = project(fromPlace)
      const [tx, ty] = project(toPlace)
      const from = { ...edge.from, x: fx, y: fy }
      const to = { ...edge.to, x: tx, y: ty }
      // Of a few bends, the one that passes fewest other places' symbols (the first on a tie).
      const base = 0.14 + 0.1 * count
      let shape = curve(from, to, base, number)
      let passes = passesSymbols(shape.samples, [edge.from.id, edge.to.id])
      for (const bend of [-base, base * 1.8, -base * 1.8]) {
        if (passes === 0) break
        const other = curve(from, to, bend, number)
        const otherPasses = passesSymbols(other.samples, [edge.from.id, edge.to.id])
        if (otherPasses < passes) [shape, passes] = [other, otherPasses]
      }
      if (!shape.samples.some((point) => inside(bounds, point, 10))) continue
      const line = { fill: 'none', 'stroke-linecap': style.cap, 'stroke-linejoin': 'round' }
      arrows.push(
        element('g', { 'data-route': route.id, 'data-from': edge.from.id, 'data-to': edge.to.id }, [
          title(scene.words.say('map.arrow-title', { route: route.name, from: fromPlace.name, to: toPlace.name })),
          element('path', { d: shape.line, ...line, stroke: color('white'), 'stroke-width': LINE_WIDTH + 3, 'stroke-linecap': 'round', 'stroke-opacity': 0.9 }),
          element('path', { d: style.dash ? dashedPath(shape.points, style.dash, number) : shape.line, ...line, stroke: style.color, 'stroke-width': LINE_WIDTH, 'data-dash': style.dash }),
          element('path', { d: shape.head, fill: style.color, stroke: color('white'), 'stroke-width': 0.8, 'stroke-linejoin': 'round' }),
          edge.fromOrigin && edge.from.radius === 0
            ? element('circle', { cx: shape.start[0], cy: shape.start[1], r: 3.5, fill: style.color, stroke: color('white'), 'stroke-width': 0.8 })
            : '',
        ].join('')),
      )
      const ends = [edge.from.id, edge.to.id]
      for (const box of boxesAlong(shape.samples, 3.5)) obstacles.push({ box, weight: COST.line, ends })
      // The arrowhead is wider than the line: the samples cover its middle up to the tip, its base covers the wings.
      const [, left, right] = shape.headCorners as [[number, number], [number, number], [number, number]]
      for (const box of boxesAlong(alongPolyline([left, right], 3), 3.5)) obstacles.push({ box, weight: COST.line, ends })
    }
  }

  const symbols: Array<{ order: number; svg: string }> = []
  const pointOnly = new Map(scene.routes.filter((entry) => entry.pointOnly).map((entry) => [entry.route.id, entry.style.color]))
  for (const { route, place, role, kind } of scene.symbols) {
    const [x, y] = project(place)
    // A symbol is drawn whole or not at all: one cut by an inset's edge reads as a different symbol.
    if (!inside(bounds, [x, y], -symbolRadius(kind))) continue
    symbols.push({
      order: symbolOrder.indexOf(kind),
      svg: element('g', { 'data-route': route.id, 'data-place': place.id, 'data-role': role, 'data-order': symbolOrder.indexOf(kind) }, [
        title(scene.words.say('map.symbol-title', { place: place.name, symbol: symbolLabel(scene.words, kind).toLocaleLowerCase(scene.words.language), route: route.name })),
        drawSymbol(kind, x, y, colors, pointOnly.get(route.id)),
      ].join('')),
    })
    const r = symbolRadius(kind)
    obstacles.push({ box: { x0: x - r - 1.5, y0: y - r - 1.5, x1: x + r + 1.5, y1: y + r + 1.5 }, weight: COST.symbol, owner: place.id })
  }
  // Larger outlines under smaller symbols, whatever the route order.
  symbols.sort((a, b) => a.order - b.order)
  for (const box of options.keepOut) obstacles.push({ box, weight: COST.outside })

  const labels = drawLabels(scene, options, obstacles, radiusAt)
  const draw = () => {
    const base = drawBaseMap(scene, projection, bounds)
    return panelSvg(scene, options, [
      base.land,
      ...base.shaded,
      base.highlighted,
      ...regionShapes,
      element('g', { class: 'routes' }, bands.join('') + arrows.join('')),
      element('g', { class: 'places' }, symbols.map((symbol) => symbol.svg).join('')),
      options.overlay ?? '',
      element('g', { class: 'labels', fill: color('text') }, labels.svg),
    ])
  }
  // Crowded: a label that touches something, or had to go far from its place to find room.
  const far = (label: PlacedLabel) => (label.leader ? Math.hypot(label.leader.x1 - label.leader.x0, label.leader.y1 - label.leader.y0) > 60 : false)
  return { draw, labels: labels.placed, crowded: labels.placed.filter((label) => !label.free || far(label)).map((label) => label.request.key) }
}

const round1 = (value: number) => Math.round(value * 10) / 10

const projector = (projection: GeoProjection) => (place: PlaceOnMap): [number, number] => {
  const point = projection(place.coordinates)
  if (!point) throw new Error(`Internal error: ${place.name} does not project`)
  return point
}

/**
 * Base map: land, then the countries on a route, then the highlighted country, from the
 * outlines simplified for this panel's scale.
 */
function drawBaseMap(scene: MapScene, projection: GeoProjection, bounds: Box): { land: string; shaded: string[]; highlighted: string } {
  const { color } = scene
  let land = ''
  const shaded: string[] = []
  let highlighted = ''
  for (const { id, d } of outlinePathsAt(projection)) {
    const code = countryCodes.numericToAlpha3(id)
    if (code !== undefined && code === scene.highlightCode) {
      highlighted = element('path', { d, fill: color('accent'), stroke: color('primaryDark'), 'stroke-width': 1.2, 'data-highlight': code })
    } else if (code !== undefined && scene.onRoute.has(code)) {
      shaded.push(element('path', { d, fill: color('accentLight'), stroke: color('accent'), 'stroke-width': 0.6, 'data-country': code }))
    } else {
      land += d
    }
  }
  const project = projector(projection)
  if (scene.highlight && highlighted === '' && inside(bounds, project(scene.highlight))) {
    // A country too small for the atlas: a ring marks it instead.
    const [x, y] = project(scene.highlight)
    highlighted = element('circle', { cx: x, cy: y, r: 9, fill: 'none', stroke: color('accent'), 'stroke-width': 3, 'data-highlight': scene.highlightCode })
  }
  const landPath = element('path', { d: land, fill: color('white'), stroke: color('rule'), 'stroke-width': 0.6, 'stroke-linejoin': 'round' })
  return { land: landPath, shaded, highlighted }
}

/** The labels of the places this panel labels, placed clear of `obstacles` where they can be. */
function drawLabels(scene: MapScene, options: PanelOptions, obstacles: Obstacle[], radiusAt: Map<string, number>): { placed: PlacedLabel[]; svg: string } {
  const { color, measure } = scene
  const { bounds } = options
  const project = projector(options.projection)
  // Labels: places with symbols first (they are the most crowded), then countries, then regions.
  const rank = (place: PlaceOnMap) => (radiusAt.has(place.id) && place.kind !== 'region' ? 0 : place.kind === 'country' ? 1 : 2)
  const italic = (place: PlaceOnMap) => place.kind === 'region' || place.kind === 'sea'
  const size = scene.labelSize
  const weightOf = (place: PlaceOnMap) => (place.id === scene.highlightCode ? 700 : place.kind === 'country' ? 600 : 400)
  const requests: LabelRequest[] = [...options.labelled]
    .filter((place) => inside(bounds, project(place)))
    .sort((a, b) => rank(a) - rank(b))
    .map((place) => {
      const [x, y] = project(place)
      return {
        key: place.id, text: place.name, x, y,
        radius: Math.max(radiusAt.get(place.id) ?? 0, 2),
        width: measure.width(place.name, size, weightOf(place), italic(place)),
        size,
        ...measure.extent(weightOf(place), italic(place)),
      }
    })
  const inner = { x0: bounds.x0 + 4, y0: bounds.y0 + 4, x1: bounds.x1 - 4, y1: bounds.y1 - 4 }
  // Greedy placement depends on order: when some labels find no free place, try them first, then the whole order reversed.
  // Placement is a function of the order (the obstacles stay), so an order tried before is not placed again.
  const tried = new Map<string, PlacedLabel[]>()
  const placeInOrder = (order: LabelRequest[]) => {
    const key = order.map((request) => request.key).join('\0')
    let placed = tried.get(key)
    if (!placed) {
      placed = placeLabels(order, { bounds: inner, obstacles })
      tried.set(key, placed)
    }
    return placed
  }
  let labels = placeInOrder(requests)
  const stuckCount = (placed: PlacedLabel[]) => placed.filter((label) => !label.free).length
  for (let attempt = 0; attempt < 4 && stuckCount(labels) > 0; attempt++) {
    const stuck = new Set(labels.filter((label) => !label.free).map((label) => label.request.key))
    const order =
      attempt % 2 === 0
        ? [...requests.filter((request) => stuck.has(request.key)), ...requests.filter((request) => !stuck.has(request.key))]
        : [...requests].reverse()
    const retry = placeInOrder(order)
    if (stuckCount(retry) < stuckCount(labels)) labels = retry
  }
  const labelSvg = labels.map((label) => {
    const place = scene.places.get(label.request.key) ?? scene.highlight!
    const leader = label.leader
      ? element('line', { x1: label.leader.x0, y1: label.leader.y0, x2: label.leader.x1, y2: label.leader.y1, stroke: color('muted'), 'stroke-width': 0.8, 'data-leader': place.id })
      : ''
    // A light box behind the label keeps it legible over arrows and borders. Not a stroked
    // halo: Chromium prints stroked text as Type 3 fonts, which PDF/UA readers cannot use.
    const { box } = label
    const backing = element('rect', { x: round1(box.x0), y: round1(box.y0), width: round1(box.x1 - box.x0), height: round1(box.y1 - box.y0), rx: 2, fill: color('white'), 'fill-opacity': 0.8 })
    return leader + backing + element('text', {
      x: label.x, y: label.y, 'text-anchor': label.anchor,
      'font-weight': weightOf(place) === 400 ? undefined : weightOf(place),
      'font-style': italic(place) ? 'italic' : undefined,
      'data-label': place.id,
    }, escapeXml(label.request.text))
  })

  return { placed: labels, svg: labelSvg.join('') }
}

/** The panel's layers inside its clip and its frame. */
function panelSvg(scene: MapScene, options: PanelOptions, layers: string[]): string {
  const { color } = scene
  const { bounds } = options
  const clip = `map-clip-${options.id}-${options.name}`
  const width = bounds.x1 - bounds.x0
  const height = bounds.y1 - bounds.y0
  return [
    element('clipPath', { id: clip }, element('rect', { x: bounds.x0, y: bounds.y0, width, height })),
    element('g', { 'clip-path': `url(#${clip})`, 'data-panel': options.name, 'data-panel-bounds': [bounds.x0, bounds.y0, bounds.x1, bounds.y1].map(number).join(' ') }, [
      element('rect', { x: bounds.x0, y: bounds.y0, width, height, fill: color('surface') }),
      ...layers,
    ].join('')),
    element('rect', {
      x: bounds.x0 + 0.5, y: bounds.y0 + 0.5, width: width - 1, height: height - 1, fill: 'none',
      stroke: options.name === 'inset' ? color('primaryDark') : color('rule'), 'stroke-width': options.name === 'inset' ? 1.5 : 1,
    }),
  ].join('')
}

/** Points every `step` units or closer along a polyline, so that boxes around them leave no gap a label fits in. */
function alongPolyline(points: Array<[number, number]>, step: number): Array<[number, number]> {
  const along: Array<[number, number]> = [points[0]!]
  for (let index = 1; index < points.length; index++) {
    const [x0, y0] = points[index - 1]!
    const [x1, y1] = points[index]!
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step))
    for (let at = 1; at <= steps; at++) along.push([x0 + ((x1 - x0) * at) / steps, y0 + ((y1 - y0) * at) / steps])
  }
  return along
}

/** Points along a smooth curve through `points` (Catmull-Rom), for a band that bends as a sea route does. */
function smoothLine(points: Array<[number, number]>): Array<[number, number]> {
  if (points.length < 3) return points
  const line: Array<[number, number]> = [points[0]!]
  for (let index = 0; index + 1 < points.length; index++) {
    const p0 = points[Math.max(0, index - 1)]!
    const p1 = points[index]!
    const p2 = points[index + 1]!
    const p3 = points[Math.min(points.length - 1, index + 2)]!
    const steps = Math.max(2, Math.ceil(Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) / 6))
    for (let step = 1; step <= steps; step++) {
      const t = step / steps
      const t2 = t * t
      const t3 = t2 * t
      const along = (a: number, b: number, c: number, d: number) => 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3)
      line.push([along(p0[0], p1[0], p2[0], p3[0]), along(p0[1], p1[1], p2[1], p3[1])])
    }
  }
  return line
}
