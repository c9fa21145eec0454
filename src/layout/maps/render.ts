/**
 * Draws a route map as SVG text: the map panel (base map, shaded countries, regions as
 * areas, arrows, place symbols, labels), an inset where places crowd, then the legend.
 * Everything is computed from the content, and numbers are rounded, so the same content
 * gives the same bytes.
 */
import { geoPath, type GeoProjection } from 'd3-geo'
import type { Brand } from '../../brand/brand.ts'
import type { EventContext } from '../../content/event.ts'
import type { Words } from '../../content/words.ts'
import { routeEdges, type Node } from './arrows.ts'
import { loadAtlas, placeOnMap, type PlaceOnMap } from './geography.ts'
import { crowdedGroup, planInset } from './inset.ts'
import { boxesAlong, type Box } from './labels.ts'
import { drawLegend, type LegendEntry } from './legend.ts'
import { drawPanel, LABEL_SIZE, type MapScene, type PanelDrawing } from './panel.ts'
import { fitFrame, type Frame } from './projection.ts'
import { journeyStages, mapAlt, mapCaption, selectRoutes, type MapSelection } from './select.ts'
import { lineStyles, styleAt, type LineStyle } from './styles.ts'
import { element, escapeXml, title } from './svg.ts'
import { symbolFor, symbolLabel, symbolOrder, symbolRadius, type SymbolKind } from './symbols.ts'
import { textMeasure, type TextMeasure } from './text-metrics.ts'
import type { MapSpec, RouteMap } from './types.ts'

const WIDTH = 1000
const MARGIN = 44
/** Below this projected area (square units) a country has no visible shape and gets a point. */
const TINY_AREA = 20

export function renderMap(event: EventContext, brand: Brand, spec: MapSpec, measure: TextMeasure = textMeasure(brand)): RouteMap {
  const { lookup, words } = event
  const say = words.say
  const atlas = loadAtlas()
  const colors = brand.tokens.colors
  const color = (name: string): string => {
    const value = colors[name]
    if (!value) throw new Error(`Internal error: no colour "${name}" in styles/brand.json`)
    return value
  }
  const selection = selectRoutes(event, spec)
  const styles = lineStyles(brand)

  const places = new Map<string, PlaceOnMap>()
  for (const { route } of selection.routes) {
    for (const stop of route.stops) if (!places.has(stop.place)) places.set(stop.place, placeOnMap(stop.place, lookup, atlas))
  }
  const highlight = spec.highlight === undefined ? undefined : placeOnMap(spec.highlight, lookup, atlas)

  // A brief's map closes in on its country's routes; the report's maps, and a brief's map of a kind of route that does not name the country, show the region.
  const closeUp = highlight !== undefined && selection.routes.length > 0
  const frame = fitFrame([...places.values(), ...(highlight ? [highlight] : [])].map((place) => place.coordinates), WIDTH, MARGIN, closeUp ? 'close-up' : 'region')
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
  const routes: MapScene['routes'] = selection.routes.map(({ route, category }) => {
    const stages = journeyStages(route)
    const nodes = stages.map((stage) => stage.map((stop) => node(places.get(stop.place)!)))
    return { route, style: styleAt(styles, categoryIndex.get(category) ?? 0), edges: routeEdges(nodes, stages[0]?.[0]?.role === 'origin') }
  })

  // Only the countries the routes name are shaded: a city marks itself, not its country, and a region is drawn as an area.
  const onRoute = new Set<string>([...places.values()].filter((place) => place.kind === 'country').map((place) => place.id))
  const scene: MapScene = { atlas, colors, color, measure, words, places, highlightCode: spec.highlight, highlight, onRoute, routes, symbols }

  const labelPlaces = [...places.values(), ...(highlight && !places.has(highlight.id) ? [highlight] : [])]
  const id = `${spec.routes}${spec.highlight ? `-${spec.highlight}` : ''}`
  const panels = drawPanels(scene, { id, projection, frame, labelPlaces, say })
  const legend = drawMapLegend(scene, { spec, selection, styles, categoryIndex, panels: panels.length, frame, brand, say })
  const height = Math.round(legend.bottom + 10)

  const caption = mapCaption(event, spec, selection)
  const alt = mapAlt(event, spec, selection)
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="'Source Sans 3'" font-size="${LABEL_SIZE}" data-map="${escapeXml(spec.routes)}"${spec.highlight ? ` data-highlight-country="${escapeXml(spec.highlight)}"` : ''}>`,
    title(caption),
    `<desc>${escapeXml(alt)}</desc>`,
    element('rect', { x: 0, y: 0, width: WIDTH, height, fill: color('white') }),
    ...panels.map((panel) => panel.svg),
    legend.svg,
    '</svg>',
  ].join('')
  return { svg, alt, caption, width: WIDTH, height, routes: selection.routes.map((entry) => entry.route.id) }
}


/**
 * The map's panels: the whole map, and where labels find no free place, an inset that
 * shows the crowded places at a larger scale, when it leaves fewer labels crowded.
 */
function drawPanels(scene: MapScene, options: { id: string; projection: GeoProjection; frame: Frame; labelPlaces: PlaceOnMap[]; say: Words['say'] }): PanelDrawing[] {
  const { id, projection, frame, labelPlaces, say } = options
  const { places, routes, color } = scene
  const mapBounds: Box = { x0: 0, y0: 0, x1: WIDTH, y1: frame.height }
  const project = (place: PlaceOnMap): [number, number] => projection(place.coordinates)!
  let panels = [drawPanel(scene, { name: 'map', id, projection, bounds: mapBounds, labelled: labelPlaces, keepOut: [] })]

  // Where labels find no free place, the crowded places go into an inset at a larger scale.
  if (panels[0]!.crowded.length > 0) {
    const points = new Map(labelPlaces.map((place) => [place.id, project(place)] as [string, [number, number]]))
    // Regions stay labelled on the map: their names label an area, which the map has room for once the crowded places move out.
    const group = crowdedGroup(panels[0]!.crowded.filter((key) => places.get(key)?.kind !== 'region'), points)
    for (const key of group) if (places.get(key)?.kind === 'region') group.delete(key)
    const hidden = (box: Box) => {
      let total = 0
      for (const [, [x, y]] of points) if (x >= box.x0 - 30 && x <= box.x1 + 30 && y >= box.y0 - 20 && y <= box.y1 + 20) total += 1000
      for (const { edges } of routes) for (const edge of edges) {
        for (const sample of boxesAlong([[edge.from.x, edge.from.y], [(edge.from.x + edge.to.x) / 2, (edge.from.y + edge.to.y) / 2], [edge.to.x, edge.to.y]], 0)) {
          if (sample.x0 >= box.x0 && sample.x0 <= box.x1 && sample.y0 >= box.y0 && sample.y0 <= box.y1) total += 1
        }
      }
      return total
    }
    // An inset is for a crowd: one or two places get their labels on the map.
    const plans = group.size < 3 ? [] : planInset(group, places, { projection, width: WIDTH, height: frame.height }, hidden)
    for (const plan of plans) {
      const { outline } = plan
      const overlay = element('rect', {
        x: outline.x0, y: outline.y0, width: outline.x1 - outline.x0, height: outline.y1 - outline.y0,
        fill: 'none', stroke: color('primaryDark'), 'stroke-width': 1.2, 'data-inset-area': '',
      }, title(say('map.inset-area')))
      const inset = drawPanel(scene, {
        name: 'inset', id, projection: plan.projection, bounds: plan.bounds,
        labelled: labelPlaces.filter((place) => plan.places.has(place.id)), keepOut: [],
      })
      const map = drawPanel(scene, {
        name: 'map', id, projection, bounds: mapBounds,
        labelled: labelPlaces.filter((place) => !plan.places.has(place.id)), keepOut: [plan.bounds], overlay,
      })
      const stuck = inset.crowded.length + map.crowded.length
      // An inset is drawn only where it leaves fewer labels crowded than the map alone.
      if (stuck < panels.reduce((total, panel) => total + panel.crowded.length, 0)) panels = [map, inset]
      if (stuck === 0) break
    }
  }

  return panels
}

/** The legend: what each line and symbol drawn stands for, and the notes the map needs. */
function drawMapLegend(
  scene: MapScene,
  options: { spec: MapSpec; selection: MapSelection; styles: LineStyle[]; categoryIndex: Map<string, number>; panels: number; frame: Frame; brand: Brand; say: Words['say'] },
) {
  const { spec, selection, styles, categoryIndex, frame, brand, say } = options
  const { symbols, places, onRoute, highlight, color, measure, words } = scene
  const used = new Set<SymbolKind>(symbols.map((symbol) => symbol.kind))
  const openRegions = [...places.values()].filter((place) => place.openRegion)
  const legendEntries: LegendEntry[] = selection.categories.map((category) => {
    const inCategory = selection.routes.filter((entry) => entry.category === category.key)
    const pointOnly = inCategory.every((entry) => journeyStages(entry.route).length < 2)
    const kinds = [...new Set(inCategory.flatMap((entry) => entry.route.stops.map((stop) => symbolFor(stop.role, places.get(stop.place)!, false))))]
    const symbol = pointOnly ? kinds.find((kind) => kind && kind !== 'place' && kind !== 'region') : undefined
    return { label: category.label, line: pointOnly ? undefined : styleAt(styles, categoryIndex.get(category.key) ?? 0), symbol }
  })
  const placeEntries: LegendEntry[] = [
    ...symbolOrder.filter((kind) => used.has(kind) && kind !== 'place' && kind !== 'region').reverse().map((kind) => ({ label: symbolLabel(words, kind), symbol: kind })),
    ...(onRoute.size > 0 ? [{ label: say('map.country-on-route'), swatch: { fill: color('accentLight'), stroke: color('accent') } }] : []),
    ...(spec.highlight ? [{ label: highlight!.name, swatch: { fill: color('accent'), stroke: color('primaryDark') } }] : []),
    ...(openRegions.length > 0 ? [{ label: say('map.region-without-countries'), area: true }] : []),
  ]
  // How the arrows are drawn is said once, under the report's maps; a brief's map (one with a highlight) leaves it out.
  const method = spec.highlight === undefined
  const notes = [
    method && selection.routes.some((entry) => journeyStages(entry.route).length >= 2) ? say('map.arrows-note') : undefined,
    method && spec.routes === 'trafficking' && selection.routes.length > 0 ? say('map.trafficking-style-note') : undefined,
    options.panels > 1 ? say('map.inset-note') : undefined,
  ].filter((note) => note !== undefined)
  const legend = drawLegend({
    top: frame.height + 14,
    left: MARGIN / 2,
    right: WIDTH - MARGIN / 2,
    routes: legendEntries,
    places: placeEntries,
    headings: { routes: say('map.legend.routes'), places: say('map.legend.places') },
    note: notes.length > 0 ? notes.join(' ') : undefined,
    brand,
    measure,
  })
  return legend
}
