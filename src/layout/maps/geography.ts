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
import { geoArea, geoCentroid } from 'd3-geo'
import { feature } from 'topojson-client'
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify'
import { LRUCache } from 'lru-cache'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Topology, GeometryCollection } from 'topojson-specification'
import type { Lookup } from '../../content/lookup.ts'
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
let atlas: Atlas | undefined
let topology: Countries | undefined
/** The atlas with every vertex weighted by the area its removal would cost (Visvalingam), made once. */
let weighted: Countries | undefined
const outlines = new LRUCache<number, CountryShape[]>({ max: 8 })

const loadTopology = (): Countries => (topology ??= require('world-atlas/countries-50m.json') as Countries)

const countryShapes = (countries: Countries): CountryShape[] =>
  (feature(countries, countries.objects.countries) as FeatureCollection<Geometry, { name: string }>).features.filter((shape): shape is CountryShape => typeof shape.id === 'string')

/**
 * The countries' outlines for a map drawn at `scale` (the projection's units per radian):
 * every vertex whose removal changes the outline by less than `detail` square units on the
 * map is dropped, borders shared by two countries the same way for both (the simplification
 * works on the atlas's shared arcs), so neighbours still meet. The weight is rounded to a
 * quarter power of two, so maps of near scales share one set of outlines.
 */
export function outlinesAt(scale: number, detail = 4): CountryShape[] {
  const exponent = Math.round(Math.log2(detail / (scale * scale)) * 4) / 4
  const found = outlines.get(exponent)
  if (found) return found
  weighted ??= presimplify(loadTopology(), sphericalTriangleArea) as Countries
  const shapes = countryShapes(simplify(weighted, 2 ** exponent) as Countries)
  outlines.set(exponent, shapes)
  return shapes
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
    const coordinates = country.anchor ?? (shape ? (geoCentroid(shape) as [number, number]) : undefined)
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
