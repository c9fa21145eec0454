/**
 * Draws a route map as SVG text: the map panel (base map, shaded countries, regions as
 * areas, sea crossings as bands, arrows, place symbols, labels), an inset where places
 * crowd, then the legend. Everything is computed from the content, and numbers are
 * rounded, so the same content gives the same bytes.
 */
import { geoPath, type GeoProjection } from 'd3-geo'
import { fontFamilies, fontStack, type Brand } from '../../brand/brand.ts'
import type { EventContext } from '../../content/event.ts'
import type { Words } from '../../content/words.ts'
import { routeEdges, type Node } from './arrows.ts'
import { loadAtlas, placeOnMap, type PlaceOnMap } from './geography.ts'
import { crowdedGroup, insetBelow } from './inset.ts'
import { drawLegend, type LegendEntry } from './legend.ts'
import { drawPanel, type MapScene, type PanelDrawing } from './panel.ts'
import { fitFrame, type Frame } from './projection.ts'
import { journeyStages, mapAlt, mapCaption, selectRoutes, type MapSelection } from './select.ts'
import { lineStyles, styleAt, type LineStyle } from './styles.ts'
import { element, escapeXml, title } from './svg.ts'
import { symbolFor, symbolLabel, symbolOrder, symbolRadius, type SymbolKind } from './symbols.ts'
import { textMeasure, type TextMeasure } from './text-metrics.ts'
import type { MapSpec, RouteMap } from './types.ts'

/** A map is 1000 units across, whatever its printed width. */
export const WIDTH = 1000
const MARGIN = 44
/** Below this projected area (square units) a country has no visible shape and gets a point. */
const TINY_AREA = 20

/**
 * Text sizes in map units, from the printed width of a map and the smallest text print
 * allows (`map` in styles/brand.json): labels a little above it, the legend at it.
 */
export function mapTextSizes(brand: Brand): { label: number; legend: number; unitsPerPoint: number } {
  const { printWidthMm, minTextPt } = brand.tokens.map
  const unitsPerPoint = WIDTH / ((printWidthMm / 25.4) * 72)
  const ceil = (value: number) => Math.ceil(value * 10) / 10
  return { label: ceil((minTextPt + 0.5) * unitsPerPoint), legend: ceil((minTextPt + 0.2) * unitsPerPoint), unitsPerPoint }
}

export function renderMap(event: EventContext, brand: Brand, spec: MapSpec, measure: TextMeasure = textMeasure(brand, event.words.language)): RouteMap {
  const { lookup, words } = event
  const say = words.say
  const atlas = loadAtlas()
  const colors = brand.tokens.colors
  const color = (name: string): string => {
    const value = colors[name]
    if (!value) throw new Error(`Internal error: no colour "${name}" in styles/brand.json`)
    return value
  }
  const sizes = mapTextSizes(brand)
  const selection = selectRoutes(event, spec)
  const styles = lineStyles(brand)

  const places = new Map<string, PlaceOnMap>()
  for (const { route } of selection.routes) {
    for (const stop of route.stops) if (!places.has(stop.place)) places.set(stop.place, placeOnMap(stop.place, lookup, atlas))
    for (const water of route.waters ?? []) if (!places.has(water)) places.set(water, placeOnMap(water, lookup, atlas))
  }
  const highlight = spec.highlight === undefined ? undefined : placeOnMap(spec.highlight, lookup, atlas)

  // The frame fits the places the routes name; a map with no route shows the region around its country.
  // A brief's routes each name a place in its country, so fitting the routes shows it too (its centre may lie far from a local route).
  const framed = selection.routes.length > 0 ? [...places.values()] : highlight ? [highlight] : []
  // Its centre is framed too when it lies near them (as far as half their spread): a brief's country named only by a port stays on its map, not cut at the frame.
  if (highlight && selection.routes.length > 0 && !places.has(highlight.id) && nearSpread(highlight.coordinates, framed.map((place) => place.coordinates))) framed.push(highlight)
  const frame = fitFrame(framed.map((place) => place.coordinates), WIDTH, MARGIN, selection.routes.length > 0 ? 'fit' : 'region')
  const { projection } = frame
  const project = (place: PlaceOnMap): [number, number] => {
    const point = projection(place.coordinates)
    if (!point) throw new Error(`Internal error: ${place.name} does not project`)
    return point
  }
  const area = geoPath(projection)
  const isTiny = (code: string) => {
    const shape = atlas.shapeOf(code)
    return !shape || area.area(shape) < TINY_AREA
  }

  const symbols: MapScene['symbols'] = []
  for (const { route } of selection.routes) {
    for (const stop of route.stops) {
      const place = places.get(stop.place)!
      const kind = symbolFor(stop.role, place, place.kind === 'country' && isTiny(place.id))
      if (kind) symbols.push({ route, place, role: stop.role, kind })
    }
  }
  const radiusAt = (id: string) => Math.max(0, ...symbols.filter((symbol) => symbol.place.id === id).map((symbol) => symbolRadius(symbol.kind)))
  const node = (place: PlaceOnMap): Node => {
    const [x, y] = project(place)
    return { id: place.id, x, y, radius: radiusAt(place.id) }
  }
  // Which place joins which is decided once, on the map, so that an inset draws the same arrows.
  const categoryIndex = new Map(selection.allCategories.map((category, index) => [category.key, index]))
  const styleOf = (category: string) => styleAt(styles, categoryIndex.get(category) ?? 0)
  const routes: MapScene['routes'] = selection.routes.map(({ route, category }) => {
    const stages = journeyStages(route)
    const nodes = stages.map((stage) => stage.map((stop) => node(places.get(stop.place)!)))
    return { route, style: styleOf(category), edges: routeEdges(nodes, stages[0]?.[0]?.role === 'origin'), pointOnly: stages.length < 2 && !route.waters }
  })
  // A sea crossing starts where people leave (its departure point, else its first stop) and goes through the seas its text names, in order.
  const bands: MapScene['bands'] = selection.routes.flatMap(({ route, category }) => {
    if (!route.waters) return []
    const start = route.stops.find((stop) => stop.role === 'departure-point') ?? route.stops[0]!
    return [{ route, style: styleOf(category), from: places.get(start.place)!, waters: route.waters.map((water) => places.get(water)!) }]
  })

  // Only the countries the routes name are shaded: a city marks itself, not its country, and a region is drawn as an area.
  const onRoute = new Set<string>([...places.values()].filter((place) => place.kind === 'country').map((place) => place.id))
  const scene: MapScene = { atlas, colors, color, measure, labelSize: sizes.label, words, places, highlightCode: spec.highlight, highlight, onRoute, routes, bands, symbols }

  const labelPlaces = [...places.values(), ...(highlight && !places.has(highlight.id) ? [highlight] : [])]
  const id = `${spec.routes}${spec.highlight ? `-${spec.highlight}` : ''}`
  const legendTop = frame.height + 14
  // Written from right to left, the page is read from its right side: the inset goes there and the legend beside it, mirrored.
  const rtl = words.direction === 'rtl'
  const panels = drawPanels(scene, { id, projection, frame, labelPlaces, say, top: legendTop, side: rtl ? 'right' : 'left' })
  const inset = panels[1]
  const legend = drawMapLegend(scene, {
    spec, selection, styles: styleOf, frame, brand, say, size: sizes.legend, inset: inset !== undefined, rtl,
    top: legendTop,
    left: inset && !rtl ? inset.bounds.x1 + 24 : MARGIN / 2,
    right: inset && rtl ? inset.bounds.x0 - 24 : WIDTH - MARGIN / 2,
  })
  const height = Math.round(Math.max(legend.bottom, inset ? inset.bounds.y1 : 0) + 10)

  const caption = mapCaption(event, spec, selection)
  const alt = mapAlt(event, spec, selection)
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="${escapeXml(fontStack(fontFamilies(brand.tokens, words.language).body, 'sans-serif'))}" direction="ltr" font-size="${sizes.label}" data-map="${escapeXml(spec.routes)}"${spec.highlight ? ` data-highlight-country="${escapeXml(spec.highlight)}"` : ''}>`,
    title(caption),
    `<desc>${escapeXml(alt)}</desc>`,
    element('rect', { x: 0, y: 0, width: WIDTH, height, fill: color('white') }),
    ...panels.map((panel) => panel.draw()),
    legend.svg,
    '</svg>',
  ].join('')
  return { svg, alt, caption, width: WIDTH, height, routes: selection.routes.map((entry) => entry.route.id) }
}

/** Whether `point` lies within half the spread of `points` (in degrees) of the nearest of them. */
function nearSpread(point: [number, number], points: Array<[number, number]>): boolean {
  const spread = Math.max(
    Math.max(...points.map(([longitude]) => longitude)) - Math.min(...points.map(([longitude]) => longitude)),
    Math.max(...points.map(([, latitude]) => latitude)) - Math.min(...points.map(([, latitude]) => latitude)),
  )
  return points.some(([longitude, latitude]) => Math.hypot(longitude - point[0], latitude - point[1]) <= spread / 2)
}

/**
 * The map's panels: the whole map, and where labels find no clear place, an inset under
 * the map, beside the legend, that shows the crowded places at a larger scale. Under the
 * map, not on it, so that it never covers a route.
 */
function drawPanels(scene: MapScene, options: { id: string; projection: GeoProjection; frame: Frame; labelPlaces: PlaceOnMap[]; say: Words['say']; top: number; side: 'left' | 'right' }): Array<PanelDrawing & { bounds: { x0: number; y0: number; x1: number; y1: number } }> {
  const { id, projection, frame, labelPlaces, say } = options
  const { places, color } = scene
  const mapBounds = { x0: 0, y0: 0, x1: WIDTH, y1: frame.height }
  const project = (place: PlaceOnMap): [number, number] => projection(place.coordinates)!
  const whole = drawPanel(scene, { name: 'map', id, projection, bounds: mapBounds, labelled: labelPlaces, keepOut: [] })
  if (whole.crowded.length === 0) return [{ ...whole, bounds: mapBounds }]

  const points = new Map(labelPlaces.map((place) => [place.id, project(place)] as [string, [number, number]]))
  // Regions and seas stay labelled on the map: their names label an area, which the map has room for once the crowded places move out.
  const areaLike = (key: string) => ['region', 'sea'].includes(places.get(key)?.kind ?? '')
  const group = crowdedGroup(whole.crowded.filter((key) => !areaLike(key)), points, 60, 30)
  for (const key of group) if (areaLike(key)) group.delete(key)
  // An inset is for a crowd: one or two places find room on the map.
  if (group.size < 3) return [{ ...whole, bounds: mapBounds }]
  const plan = insetBelow(group, places, { projection, width: WIDTH, top: options.top, side: options.side })
  const { outline } = plan
  const overlay = element('rect', {
    x: outline.x0, y: outline.y0, width: outline.x1 - outline.x0, height: outline.y1 - outline.y0,
    fill: 'none', stroke: color('primaryDark'), 'stroke-width': 1.5, 'data-inset-area': '',
  }, title(say('map.inset-area')))
  const inset = drawPanel(scene, { name: 'inset', id, projection: plan.projection, bounds: plan.bounds, labelled: labelPlaces.filter((place) => plan.places.has(place.id)), keepOut: [] })
  const map = drawPanel(scene, { name: 'map', id, projection, bounds: mapBounds, labelled: labelPlaces.filter((place) => !plan.places.has(place.id)), keepOut: [], overlay })
  // The inset earns its room only when it leaves no more labels crowded than the map alone (it shows the crowded places larger besides).
  if (inset.crowded.length + map.crowded.length > whole.crowded.length) return [{ ...whole, bounds: mapBounds }]
  return [{ ...map, bounds: mapBounds }, { ...inset, bounds: plan.bounds }]
}

/** The legend: each route in its own style, and every symbol and area drawn, in plain words. */
function drawMapLegend(
  scene: MapScene,
  options: { spec: MapSpec; selection: MapSelection; styles: (category: string) => LineStyle; frame: Frame; brand: Brand; say: Words['say']; size: number; inset: boolean; rtl: boolean; top: number; left: number; right: number },
) {
  const { spec, selection, styles, brand, say } = options
  const { symbols, places, onRoute, highlight, color, measure, words, routes, bands } = scene
  const used = new Set<SymbolKind>(symbols.map((symbol) => symbol.kind))
  const openRegions = [...places.values()].filter((place) => place.openRegion)
  const legendEntries: LegendEntry[] = selection.categories.map((category) => {
    const inCategory = routes.filter((entry) => selection.routes.find((selected) => selected.route.id === entry.route.id)?.category === category.key)
    const style = styles(category.key)
    const pointOnly = inCategory.every((entry) => entry.pointOnly)
    const band = inCategory.some((entry) => bands.some((crossing) => crossing.route.id === entry.route.id))
    if (pointOnly) {
      const kind = symbols.find((symbol) => inCategory.some((entry) => entry.route.id === symbol.route.id) && symbol.kind !== 'region')?.kind
      return { label: category.label, symbol: kind, ink: style.color }
    }
    return { label: category.label, line: style, band }
  })
  const starts = routes.some((entry) => entry.edges.some((edge) => edge.fromOrigin && edge.from.radius === 0))
  const placeEntries: LegendEntry[] = [
    ...symbolOrder.filter((kind) => used.has(kind) && kind !== 'region').reverse().map((kind) => ({ label: symbolLabel(words, kind), symbol: kind })),
    ...(starts ? [{ label: say('map.symbol.start'), start: true }] : []),
    ...(onRoute.size > 0 ? [{ label: say('map.country-on-route'), swatch: { fill: color('accentLight'), stroke: color('accent') } }] : []),
    ...(spec.highlight ? [{ label: highlight!.name, swatch: { fill: color('accent'), stroke: color('primaryDark') } }] : []),
    ...(openRegions.length > 0 ? [{ label: say('map.region-without-countries'), area: true }] : []),
    ...(options.inset ? [{ label: say('map.inset-area'), outline: color('primaryDark') }] : []),
  ]
  return drawLegend({
    top: options.top,
    left: options.left,
    right: options.right,
    rtl: options.rtl,
    size: options.size,
    routes: legendEntries,
    places: placeEntries,
    headings: { routes: say(selection.grouped ? 'map.legend.routes-grouped' : 'map.legend.routes'), places: say('map.legend.places') },
    brand,
    measure,
  })
}
