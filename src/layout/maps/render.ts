/**
 * Draws a route map as SVG text: base map, shaded countries, arrows, place symbols, labels
 * and legend, in that order of layers. Everything is computed from the content, and numbers
 * are rounded, so the same content gives the same bytes.
 */
import countryCodes from 'i18n-iso-countries'
import { geoPath } from 'd3-geo'
import type { Brand } from '../../brand/brand.ts'
import type { Content } from '../../content/load.ts'
import { createLookup } from '../../content/lookup.ts'
import { curve, routeEdges, type Node } from './arrows.ts'
import { loadAtlas, placeOnMap, type PlaceOnMap } from './geography.ts'
import { boxesAlong, placeLabels, type Box, type LabelRequest } from './labels.ts'
import { drawLegend, type LegendEntry } from './legend.ts'
import { fitFrame } from './projection.ts'
import { journeyStages, mapAlt, mapCaption, selectRoutes } from './select.ts'
import { lineStyles, styleAt } from './styles.ts'
import { element, escapeXml, number, shapePath, title } from './svg.ts'
import { drawSymbol, symbolFor, symbolLabels, symbolOrder, symbolRadius, type SymbolKind } from './symbols.ts'
import { textMeasure } from './text-metrics.ts'
import type { MapSpec, RouteMap } from './types.ts'

const WIDTH = 1000
const MARGIN = 44
const LABEL_SIZE = 15
const LINE_WIDTH = 2.6
/** Below this projected area (square units) a country has no visible shape and gets a point. */
const TINY_AREA = 20

export function renderMap(content: Content, brand: Brand, spec: MapSpec): RouteMap {
  const lookup = createLookup(content)
  const atlas = loadAtlas()
  const colors = brand.tokens.colors
  const color = (name: string): string => {
    const value = colors[name]
    if (!value) throw new Error(`Internal error: no colour "${name}" in styles/brand.json`)
    return value
  }
  const measure = textMeasure(brand)
  const selection = selectRoutes(content, spec, lookup)
  const styles = lineStyles(brand)

  const places = new Map<string, PlaceOnMap>()
  for (const { route } of selection.routes) {
    for (const stop of route.stops) if (!places.has(stop.place)) places.set(stop.place, placeOnMap(stop.place, content, lookup, atlas))
  }
  const highlight = spec.highlight === undefined ? undefined : placeOnMap(spec.highlight, content, lookup, atlas)

  // A brief's map closes in on its country's routes; the report's maps, and a brief's map of a kind of route that does not name the country, show the region.
  const closeUp = highlight !== undefined && selection.routes.length > 0
  const frame = fitFrame([...places.values(), ...(highlight ? [highlight] : [])].map((place) => place.coordinates), WIDTH, MARGIN, closeUp ? 'close-up' : 'region')
  const { projection } = frame
  const area = geoPath(projection)
  const project = (place: PlaceOnMap): [number, number] => {
    const point = projection(place.coordinates)
    if (!point) throw new Error(`Internal error: ${place.name} does not project`)
    return point
  }
  const isTiny = (code: string) => {
    const shape = atlas.shapeOf(code)
    return !shape || area.area(shape) < TINY_AREA
  }

  // Symbols each place gets, over all routes: arrows stop short of the largest.
  const symbolsAt = new Map<string, Set<SymbolKind>>()
  for (const { route } of selection.routes) {
    for (const stop of route.stops) {
      const place = places.get(stop.place)!
      const kind = symbolFor(stop.role, place, place.kind === 'country' && isTiny(place.id))
      if (!kind) continue
      const set = symbolsAt.get(place.id) ?? new Set<SymbolKind>()
      set.add(kind)
      symbolsAt.set(place.id, set)
    }
  }
  const radiusAt = (id: string) => Math.max(0, ...[...(symbolsAt.get(id) ?? [])].map(symbolRadius))
  const node = (place: PlaceOnMap): Node => {
    const [x, y] = project(place)
    return { id: place.id, x, y, radius: radiusAt(place.id) }
  }

  // Base map: land, then the countries on a route, then the highlighted country.
  const onRoute = new Set<string>()
  for (const place of places.values()) for (const code of place.countries) onRoute.add(code)
  let land = ''
  const shaded: string[] = []
  let highlighted = ''
  for (const shape of atlas.shapes) {
    const code = countryCodes.numericToAlpha3(shape.id)
    const d = shapePath(projection, shape)
    if (d === '') continue
    if (code !== undefined && code === spec.highlight) {
      highlighted = element('path', { d, fill: color('accent'), stroke: color('primaryDark'), 'stroke-width': 1.2, 'data-highlight': code })
    } else if (code !== undefined && onRoute.has(code)) {
      shaded.push(element('path', { d, fill: color('accentLight'), stroke: color('accent'), 'stroke-width': 0.6, 'data-country': code }))
    } else {
      land += d
    }
  }
  if (spec.highlight !== undefined && highlighted === '') {
    // A country too small for the atlas: a ring marks it instead.
    const [x, y] = project(highlight!)
    highlighted = element('circle', { cx: x, cy: y, r: 9, fill: 'none', stroke: color('accent'), 'stroke-width': 3, 'data-highlight': spec.highlight })
  }

  const obstacles: Array<{ box: Box; weight: number }> = []
  const openRegions = [...places.values()].filter((place) => place.openRegion)
  const regionShapes = openRegions.map((place) => {
    const [x, y] = project(place)
    return element('ellipse', {
      cx: x, cy: y, rx: 58, ry: 34,
      fill: color('muted'), 'fill-opacity': 0.08,
      stroke: color('muted'), 'stroke-width': 1.2, 'stroke-dasharray': '5 4',
      'data-place': place.id,
    }, title(`${place.name}: the report does not say which countries`))
  })

  // Arrows, route by route; a second arrow between the same two places bends further out.
  const pairs = new Map<string, number>()
  const categoryIndex = new Map(selection.allCategories.map((category, index) => [category.key, index]))
  const arrows: string[] = []
  const symbols: string[] = []
  for (const { route, category } of selection.routes) {
    const style = styleAt(styles, categoryIndex.get(category) ?? 0)
    const stages = journeyStages(route)
    const nodes = stages.map((stage) => stage.map((stop) => node(places.get(stop.place)!)))
    const edges = routeEdges(nodes, stages[0]?.[0]?.role === 'origin')
    for (const edge of edges) {
      const pair = [edge.from.id, edge.to.id].sort().join('|')
      const count = pairs.get(pair) ?? 0
      pairs.set(pair, count + 1)
      const shape = curve(edge.from, edge.to, 0.14 + 0.1 * count, number)
      const from = places.get(edge.from.id)!.name
      const to = places.get(edge.to.id)!.name
      const line = { fill: 'none', 'stroke-linecap': style.cap, 'stroke-linejoin': 'round' }
      arrows.push(
        element('g', { 'data-route': route.id, 'data-from': edge.from.id, 'data-to': edge.to.id }, [
          title(`${route.name}: ${from} to ${to}`),
          element('path', { d: shape.line, ...line, stroke: color('white'), 'stroke-width': LINE_WIDTH + 3, 'stroke-linecap': 'round', 'stroke-opacity': 0.9 }),
          element('path', { d: shape.line, ...line, stroke: style.color, 'stroke-width': LINE_WIDTH, 'stroke-dasharray': style.dash }),
          element('path', { d: shape.head, fill: style.color, stroke: color('white'), 'stroke-width': 0.8, 'stroke-linejoin': 'round' }),
          edge.fromOrigin && edge.from.radius === 0
            ? element('circle', { cx: shape.start[0], cy: shape.start[1], r: 3, fill: style.color, stroke: color('white'), 'stroke-width': 0.8 })
            : '',
        ].join('')),
      )
      for (const box of boxesAlong(shape.samples, 3.5)) obstacles.push({ box, weight: 3 })
    }
    for (const stop of route.stops) {
      const place = places.get(stop.place)!
      const kind = symbolFor(stop.role, place, place.kind === 'country' && isTiny(place.id))
      if (!kind) continue
      const [x, y] = project(place)
      symbols.push(
        element('g', { 'data-route': route.id, 'data-place': place.id, 'data-role': stop.role, 'data-order': symbolOrder.indexOf(kind) }, [
          title(`${place.name}: ${symbolLabels[kind].toLowerCase()} (${route.name})`),
          drawSymbol(kind, x, y, colors),
        ].join('')),
      )
      const r = symbolRadius(kind)
      obstacles.push({ box: { x0: x - r, y0: y - r, x1: x + r, y1: y + r }, weight: 5 })
    }
  }
  // Larger outlines under smaller symbols, whatever the route order.
  symbols.sort((a, b) => Number(/data-order="(\d+)"/.exec(a)?.[1]) - Number(/data-order="(\d+)"/.exec(b)?.[1]))

  // Labels: places with symbols first (they are the most crowded), then countries, then regions.
  const labelPlaces = [...places.values(), ...(highlight && !places.has(highlight.id) ? [highlight] : [])]
  const rank = (place: PlaceOnMap) => (symbolsAt.has(place.id) && place.kind !== 'region' ? 0 : place.kind === 'country' ? 1 : 2)
  const requests: LabelRequest[] = [...labelPlaces]
    .sort((a, b) => rank(a) - rank(b))
    .map((place) => {
      const [x, y] = project(place)
      const weight = place.id === spec.highlight ? 700 : place.kind === 'country' ? 600 : 400
      return {
        key: place.id, text: place.name, x, y,
        radius: Math.max(radiusAt(place.id), 2),
        width: measure.width(place.name, LABEL_SIZE, weight, place.kind === 'region'),
        size: LABEL_SIZE,
      }
    })
  const labels = placeLabels(requests, { bounds: { x0: 4, y0: 4, x1: WIDTH - 4, y1: frame.height - 4 }, obstacles })
  const labelSvg = labels.map((label) => {
    const place = labelPlaces.find((entry) => entry.id === label.request.key)!
    const leader = label.leader
      ? element('line', { x1: label.leader.x0, y1: label.leader.y0, x2: label.leader.x1, y2: label.leader.y1, stroke: color('muted'), 'stroke-width': 0.8 })
      : ''
    // A light box behind the label keeps it legible over arrows and borders. Not a stroked
    // halo: Chromium prints stroked text as Type 3 fonts, which PDF/UA readers cannot use.
    const { box } = label
    const backing = element('rect', { x: round1(box.x0), y: round1(box.y0), width: round1(box.x1 - box.x0), height: round1(box.y1 - box.y0), rx: 2, fill: color('white'), 'fill-opacity': 0.8 })
    return leader + backing + element('text', {
      x: label.x, y: label.y, 'text-anchor': label.anchor,
      'font-weight': place.id === spec.highlight ? 700 : place.kind === 'country' ? 600 : undefined,
      'font-style': place.kind === 'region' ? 'italic' : undefined,
      'data-label': place.id,
    }, escapeXml(label.request.text))
  })

  const legendEntries: LegendEntry[] = selection.categories.map((category) => {
    const routes = selection.routes.filter((entry) => entry.category === category.key)
    const pointOnly = routes.every((entry) => journeyStages(entry.route).length < 2)
    const kinds = [...new Set(routes.flatMap((entry) => entry.route.stops.map((stop) => symbolFor(stop.role, places.get(stop.place)!, false))))]
    const symbol = pointOnly ? kinds.find((kind) => kind && kind !== 'place' && kind !== 'region') : undefined
    return { label: category.label, line: pointOnly ? undefined : styleAt(styles, categoryIndex.get(category.key) ?? 0), symbol }
  })
  const used = new Set([...symbolsAt.values()].flatMap((set) => [...set]))
  const placeEntries: LegendEntry[] = [
    ...symbolOrder.filter((kind) => used.has(kind) && kind !== 'place' && kind !== 'region').reverse().map((kind) => ({ label: symbolLabels[kind], symbol: kind })),
    ...(onRoute.size > 0 ? [{ label: 'Country on a route', swatch: { fill: color('accentLight'), stroke: color('accent') } }] : []),
    ...(spec.highlight ? [{ label: highlight!.name, swatch: { fill: color('accent'), stroke: color('primaryDark') } }] : []),
    ...(openRegions.length > 0 ? [{ label: 'Region the report names without its countries', area: true }] : []),
  ]
  const legend = drawLegend({
    top: frame.height + 14,
    left: MARGIN / 2,
    right: WIDTH - MARGIN / 2,
    routes: legendEntries,
    places: placeEntries,
    note: selection.routes.some((entry) => journeyStages(entry.route).length >= 2)
      ? 'Arrows point the way people are moved. Each place is joined to the nearest place of the next stage of its route (origin; transit or hub; destination); the report does not say which origin uses which hub.'
      : undefined,
    brand,
    measure,
  })
  const height = Math.round(legend.bottom + 10)

  const caption = mapCaption(content, spec, lookup)
  const alt = mapAlt(content, spec, lookup)
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="'Source Sans 3'" font-size="${LABEL_SIZE}" data-map="${escapeXml(spec.routes)}"${spec.highlight ? ` data-highlight-country="${escapeXml(spec.highlight)}"` : ''}>`,
    title(caption),
    `<desc>${escapeXml(alt)}</desc>`,
    element('rect', { x: 0, y: 0, width: WIDTH, height, fill: color('white') }),
    element('clipPath', { id: `map-clip-${spec.routes}${spec.highlight ? `-${spec.highlight}` : ''}` }, element('rect', { x: 0, y: 0, width: WIDTH, height: frame.height })),
    element('g', { 'clip-path': `url(#map-clip-${spec.routes}${spec.highlight ? `-${spec.highlight}` : ''})` }, [
      element('rect', { x: 0, y: 0, width: WIDTH, height: frame.height, fill: color('surface') }),
      element('path', { d: land, fill: color('white'), stroke: color('rule'), 'stroke-width': 0.6, 'stroke-linejoin': 'round' }),
      ...shaded,
      highlighted,
      ...regionShapes,
      element('g', { class: 'routes' }, arrows.join('')),
      element('g', { class: 'places' }, symbols.join('')),
      element('g', { class: 'labels', fill: color('text') }, labelSvg.join('')),
    ].join('')),
    element('rect', { x: 0.5, y: 0.5, width: WIDTH - 1, height: frame.height - 1, fill: 'none', stroke: color('rule'), 'stroke-width': 1 }),
    legend.svg,
    '</svg>',
  ].join('')
  return { svg, alt, caption, width: WIDTH, height, routes: selection.routes.map((entry) => entry.route.id) }
}

const round1 = (value: number) => Math.round(value * 10) / 10
