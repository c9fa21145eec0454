/**
 * The base map and where each place of a route lies on it. Country shapes come from
 * `world-atlas` (Natural Earth 1:50m) through `topojson-client`; coordinates of cities and
 * anchors of regions come from the content, never from code. The outlines a map draws are
 * simplified for its scale (`outlinesAt`); where places lie is read from the whole shapes.
 *
 * What stays in module scope, and why: the atlas and its simplified outlines are static
 * package data, the same for every session and never changed after they are made, so a
 * second session gains nothing by making them again and cannot see another's state. The
 * outlines are kept for a few scales only.
 */
import { createRequire } from 'node:module'
import countryCodes from 'i18n-iso-countries'
import { geoArea, geoCentroid, type GeoProjection } from 'd3-geo'
import { feature } from 'topojson-client'
import { presimplify, sphericalTriangleArea } from 'topojson-simplify'
import { LRUCache } from 'lru-cache'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Topology, GeometryCollection } from 'topojson-specification'
import type { Lookup } from '../../content/lookup.ts'
import { shapePath } from './svg.ts'
import { typographicApostrophes } from '../../transform/plugins/rehype-typography.ts'

export type CountryShape = Feature<Geometry, { name: string }> & { id: string }

export interface Atlas {
  /** Every shape of the atlas, in the atlas's order (so output is stable). */
  shapes: CountryShape[]
  /** Shape of a country by ISO alpha-3 code. */
  shapeOf(code: string): CountryShape | undefined
}

const require = createRequire(import.meta.url)
type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>
type Arc = Array<[number, number]>
let atlas: Atlas | undefined
let topology: Countries | undefined
/** The atlas with every vertex weighted by the area its removal would cost (Visvalingam), made once. */
let weighted: Countries | undefined
/** The atlas's geometries that are countries, in the atlas's order: the same order as `Atlas.shapes`. */
let countryGeometries: Countries['objects']['countries']['geometries'] | undefined
/**
 * Outlines simplified for one weight, made one country at a time as panels ask for them
 * (a regional map needs a tenth of the world), from arcs simplified as their countries need them.
 */
interface Outlines {
  arcs: Arc[]
  shapes: Array<CountryShape | undefined>
}
const outlines = new LRUCache<number, Outlines>({ max: 16 })
/**
 * Path data of the outlines, by the projection they were drawn with: the briefs' maps of one
 * kind of route mostly share a frame (20 of the 42 panels of the report and its briefs).
 */
const outlinePaths = new LRUCache<string, Array<{ id: string; d: string }>>({ max: 32 })
/** Where each country can appear, by the atlas's order: see `reach`. */
let reaches: Array<Reach | undefined> | undefined
/** Centroids of the atlas's shapes, which do not change. */
const centroids = new WeakMap<CountryShape, [number, number]>()

const loadTopology = (): Countries => (topology ??= require('world-atlas/countries-50m.json') as Countries)

const isCountry = (geometry: { id?: string | number }) => typeof geometry.id === 'string'

const countryShapes = (countries: Countries): CountryShape[] =>
  (feature(countries, countries.objects.countries) as FeatureCollection<Geometry, { name: string }>).features.filter((shape): shape is CountryShape => typeof shape.id === 'string')

/**
 * The countries' outlines a panel drawn with `projection` may show, simplified for
 * its scale (the projection's units per radian): every vertex whose removal changes the
 * outline by less than `detail` square units on the map is dropped, borders shared by two
 * countries the same way for both (the simplification works on the atlas's shared arcs), so
 * neighbours still meet. The weight is rounded to a quarter power of two, so maps of near
 * scales share one set of outlines. A country that lies wholly outside the projection's clip
 * extent is left out: projecting and clipping it would draw nothing.
 */
export function outlinesAt(projection: GeoProjection, detail = 4): CountryShape[] {
  const scale = projection.scale()
  const exponent = Math.round(Math.log2(detail / (scale * scale)) * 4) / 4
  let found = outlines.get(exponent)
  if (!found) {
    found = { arcs: [], shapes: [] }
    outlines.set(exponent, found)
  }
  const set = found
  weighted ??= presimplify(loadTopology(), sphericalTriangleArea) as Countries
  countryGeometries ??= weighted.objects.countries.geometries.filter(isCountry)
  reaches ??= loadAtlas().shapes.map(reach)
  const view = viewOf(projection)
  const minWeight = 2 ** exponent
  const shapes: CountryShape[] = []
  countryGeometries.forEach((geometry, index) => {
    if (view && outside(reaches![index]!, view)) return
    let shape = set.shapes[index]
    if (!shape) {
      // Simplified as topojson-simplify's `simplify` does, for this country's arcs only.
      for (const arc of arcsOf(geometry)) {
        if (set.arcs[arc]) continue
        const kept: Arc = []
        for (const point of weighted!.arcs[arc]! as Array<[number, number, number]>) if (point[2] >= minWeight) kept.push([point[0], point[1]])
        set.arcs[arc] = kept
      }
      shape = feature({ ...weighted!, arcs: set.arcs } as unknown as Countries, geometry) as unknown as CountryShape
      set.shapes[index] = shape
    }
    shapes.push(shape)
  })
  return shapes
}

/**
 * The path data of each country's outline a panel drawn with `projection` shows (`outlinesAt`),
 * countries that draw nothing left out. Every map projects with Natural Earth (`projection.ts`,
 * `inset.ts`), so the projection's settings say what it draws.
 */
export function outlinePathsAt(projection: GeoProjection): Array<{ id: string; d: string }> {
  const key = JSON.stringify([projection.rotate(), projection.center(), projection.scale(), projection.translate(), projection.clipExtent(), projection.clipAngle(), projection.precision(), projection.angle(), projection.reflectX(), projection.reflectY()])
  let paths = outlinePaths.get(key)
  if (!paths) {
    paths = outlinesAt(projection)
      .map((shape) => ({ id: shape.id, d: shapePath(projection, shape) }))
      .filter((path) => path.d !== '')
    outlinePaths.set(key, paths)
  }
  return paths
}

/** The arcs a polygon or multipolygon of the topology is made of. */
function arcsOf(geometry: object): number[] {
  const indices: number[] = []
  const walk = (value: unknown): void => {
    if (typeof value === 'number') indices.push(value < 0 ? ~value : value)
    else if (Array.isArray(value)) for (const item of value) walk(item)
  }
  walk((geometry as { arcs?: unknown }).arcs)
  return indices
}

/**
 * How far in longitude and latitude a country's outline can reach, at any simplification:
 * the box of its vertices (a simplified outline keeps a subset of them), its latitudes
 * widened by how far a great-circle edge between two of them can bow towards the pole
 * (d3 draws edges as great circles). A country whose outline crosses the antimeridian, or
 * spans half the globe, has no reach: it is always drawn.
 */
interface Reach {
  west: number
  width: number
  south: number
  north: number
}

function reach(shape: CountryShape): Reach | undefined {
  let west = Infinity
  let east = -Infinity
  let south = Infinity
  let north = -Infinity
  let crosses = false
  const ring = (points: number[][]) => {
    for (let index = 0; index < points.length; index++) {
      const [longitude, latitude] = points[index] as [number, number]
      if (index > 0 && Math.abs(longitude - points[index - 1]![0]!) > 180) crosses = true
      west = Math.min(west, longitude)
      east = Math.max(east, longitude)
      south = Math.min(south, latitude)
      north = Math.max(north, latitude)
    }
  }
  const { geometry } = shape
  if (geometry.type === 'Polygon') geometry.coordinates.forEach(ring)
  else if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach((polygon) => polygon.forEach(ring))
  else return undefined
  const width = east - west
  if (crosses || !(width < 180)) return undefined
  // A great circle between two points at most `width` apart in longitude peaks within half of it of the nearer one: tan φ ≤ tan φmax / cos(width / 2).
  const bow = (latitude: number) => (Math.atan(Math.tan((Math.abs(latitude) * Math.PI) / 180) / Math.cos((width * Math.PI) / 360)) * 180) / Math.PI
  return { west, width, south: south < 0 ? -bow(south) : south, north: north > 0 ? bow(north) : north }
}

/** Longitudes relative to the projection's centre, and latitudes, the panel can show; none when it shows the globe's edge. */
interface View {
  rotation: number
  west: number
  east: number
  south: number
  north: number
}

function viewOf(projection: GeoProjection): View | undefined {
  const [rotation, tilt, roll] = projection.rotate()
  const extent = projection.clipExtent()
  if (tilt !== 0 || roll !== 0 || !projection.invert || !extent) return undefined
  const [[x0, y0], [x1, y1]] = extent
  const bounds = { x0, y0, x1, y1 }
  const view: View = { rotation, west: Infinity, east: -Infinity, south: Infinity, north: -Infinity }
  // The panel's edge taken back to the globe: the projection is continuous, so the box of its edge holds the whole panel.
  const steps = 64
  for (let step = 0; step <= steps; step++) {
    const t = step / steps
    const x = bounds.x0 + (bounds.x1 - bounds.x0) * t
    const y = bounds.y0 + (bounds.y1 - bounds.y0) * t
    for (const point of [[x, bounds.y0], [x, bounds.y1], [bounds.x0, y], [bounds.x1, y]] as Array<[number, number]>) {
      const place = projection.invert(point)
      const back = place && projection(place)
      // Off the globe: the panel shows its edge, and every country may be near it.
      if (!place || !back || !(Math.hypot(back[0] - point[0], back[1] - point[1]) < 0.5)) return undefined
      const longitude = normalise(place[0] + rotation)
      view.west = Math.min(view.west, longitude)
      view.east = Math.max(view.east, longitude)
      view.south = Math.min(view.south, place[1])
      view.north = Math.max(view.north, place[1])
    }
  }
  const pad = 1
  view.west -= pad
  view.east += pad
  view.south -= pad
  view.north += pad
  if (view.west < -179 || view.east > 179 || view.south < -89 || view.north > 89) return undefined
  return view
}

const normalise = (longitude: number) => ((((longitude + 180) % 360) + 360) % 360) - 180

/** Whether a country lies wholly outside the view. */
function outside(reach: Reach | undefined, view: View): boolean {
  if (!reach) return false
  if (reach.north < view.south || reach.south > view.north) return true
  const west = normalise(reach.west + view.rotation)
  const east = west + reach.width
  // Across the projection's own antimeridian: clipped there, and drawn.
  if (east > 180) return false
  return east < view.west || west > view.east
}

/** Loaded once per process: the atlas is static package data. */
export function loadAtlas(): Atlas {
  if (atlas) return atlas
  const shapes = countryShapes(loadTopology())
  // Some codes have several features (Australia and the Ashmore and Cartier Islands share 036): the largest stands for the country.
  const byNumeric = new Map<string, CountryShape>()
  for (const shape of shapes) {
    const known = byNumeric.get(shape.id)
    if (!known || geoArea(shape) > geoArea(known)) byNumeric.set(shape.id, shape)
  }
  atlas = {
    shapes,
    shapeOf(code) {
      const numeric = countryCodes.alpha3ToNumeric(code)
      return numeric === undefined ? undefined : byNumeric.get(numeric)
    },
  }
  return atlas
}

export type PlaceKind = 'country' | 'city' | 'region' | 'sea'

export interface PlaceOnMap {
  /** The country code or place id the routes use. */
  id: string
  name: string
  kind: PlaceKind
  /** [longitude, latitude] where arrows meet and the label goes. */
  coordinates: [number, number]
  /** Countries to shade: the country itself, or the country a city lies in; none for a region. */
  countries: string[]
  /**
   * A region: drawn as a labelled area, never by shading countries, because the report names
   * its regions without saying which countries it means (shading "South Asia" by a list from
   * elsewhere would mark Iran as an origin on routes that never name it).
   */
  openRegion: boolean
}

/** Thrown when a place cannot be put on the map; the message names the place and the fix. */
export class MapPlaceError extends Error {
  /** The country code the map cannot place. */
  readonly code: string
  constructor(message: string, code: string) {
    super(message)
    this.code = code
    this.name = 'MapPlaceError'
  }
}

export function placeOnMap(reference: string, lookup: Lookup, world: Atlas = loadAtlas()): PlaceOnMap {
  const resolved = lookup.place(reference)
  if (resolved.kind === 'country') {
    const country = lookup.country(reference)
    const shape = world.shapeOf(reference)
    const coordinates = country.anchor ?? (shape ? centroidOf(shape) : undefined)
    if (!coordinates) {
      throw new MapPlaceError(`The map cannot place ${country.name} (${reference}): the atlas has no shape for it`, reference)
    }
    return { id: reference, name: country.shortName ?? country.name, kind: 'country', coordinates, countries: [reference], openRegion: false }
  }
  const place = resolved.place
  if (!place) throw new Error(`Internal error: place ${reference} has no entry`)
  if (place.kind === 'region' || place.kind === 'sea') {
    // A map's label has no article: "EU", "Bay of Bengal".
    const name = typographicApostrophes(place.name.replace(/^the /i, ''))
    const label = name.charAt(0).toUpperCase() + name.slice(1)
    return { id: place.id, name: label, kind: place.kind, coordinates: place.anchor, countries: [], openRegion: place.kind === 'region' }
  }
  // A label is set as the text is (`rehype-typography.ts`): "Cox’s Bazar".
  return { id: place.id, name: typographicApostrophes(place.name), kind: 'city', coordinates: place.coordinates, countries: [place.country], openRegion: false }
}

/** A shape's centroid, worked out once: every map that shows the country asks for it. */
function centroidOf(shape: CountryShape): [number, number] {
  let centroid = centroids.get(shape)
  if (!centroid) {
    centroid = geoCentroid(shape) as [number, number]
    centroids.set(shape, centroid)
  }
  return centroid
}
