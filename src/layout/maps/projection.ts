/**
 * A projection fitted to what a map needs: the places its routes name, with room around
 * them in proportion to their spread, so a local route fills its frame; a brief's map of a
 * kind of route that does not name its country shows the Asia-Pacific around it. Maps that reach the
 * Americas are centred on the Pacific, because the routes cross the Pacific and a map cut
 * there would send the arrows the wrong way round the world.
 */
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo'

export interface Frame {
  projection: GeoProjection
  width: number
  height: number
}

/** The Asia-Pacific, which every map shows at least. */
const asiaPacific: Array<[number, number]> = [
  [68, 40], [180, 40], [68, -44], [180, -44], [124, 44], [124, -44],
]

const normalise = (longitude: number) => ((((longitude + 180) % 360) + 360) % 360) - 180

/** The longitude at the middle of the shortest arc that holds every longitude given. */
function centralLongitude(longitudes: number[]): number {
  if (longitudes.some((longitude) => longitude < -30 && longitude > -170)) return 150
  const sorted = [...new Set(longitudes.map(normalise))].sort((a, b) => a - b)
  let gapEnd = sorted[0] ?? 0
  let largest = -1
  sorted.forEach((longitude, index) => {
    const next = index + 1 < sorted.length ? sorted[index + 1]! : sorted[0]! + 360
    if (next - longitude > largest) {
      largest = next - longitude
      gapEnd = next
    }
  })
  // The covering arc starts where the largest gap ends and spans 360 - gap degrees.
  return normalise(gapEnd + (360 - largest) / 2)
}

/**
 * The corners of the box that holds `points`, with room around them in proportion to their
 * spread (a tenth of it, between 0.15 and 8 degrees), so that a local
 * route fills its map and a route across oceans keeps its ends off the frame. Longitudes are
 * taken relative to `centre`, so a box across the antimeridian stays one box.
 */
function fitted(points: Array<[number, number]>, centre: number): { corners: Array<[number, number]>; centre: number } {
  const longitudes = points.map(([longitude]) => normalise(longitude - centre))
  const latitudes = points.map(([, latitude]) => latitude)
  const around = (values: number[], limit: number): [number, number] => {
    const [low, high] = [Math.min(...values), Math.max(...values)]
    const pad = Math.min(8, Math.max(0.15, (high - low) * 0.1))
    return [Math.max(-limit, low - pad), Math.min(limit, high + pad)]
  }
  const [west, east] = around(longitudes, 180)
  const [south, north] = around(latitudes, 80)
  const middle = (west + east) / 2 + centre
  const corners: Array<[number, number]> = [[west + centre, south], [east + centre, south], [west + centre, north], [east + centre, north], [middle, north], [middle, south]]
  return { corners: corners.map(([longitude, latitude]) => [normalise(longitude), latitude]), centre: Math.round(normalise(middle) * 100) / 100 }
}

/**
 * `points` are the places the map must show; `extent` says whether the map fits them
 * ('fit', every map that draws routes) or shows the Asia-Pacific around them ('region', a
 * brief's map of a kind of route that does not name its country).
 */
export function fitFrame(points: Array<[number, number]>, width: number, margin: number, extent: 'region' | 'fit' = 'fit'): Frame {
  const regional = extent === 'region' || points.length === 0
  const wide = [...asiaPacific, ...points]
  const { corners: all, centre } = regional
    ? { corners: wide, centre: Math.round(centralLongitude(wide.map(([longitude]) => longitude))) }
    : fitted(points, centralLongitude(points.map(([longitude]) => longitude)))
  const shape = { type: 'MultiPoint' as const, coordinates: all }
  const probe = geoNaturalEarth1().rotate([-centre, 0]).fitWidth(width - 2 * margin, shape)
  const bounds = [0, 1].map(() => [Infinity, -Infinity]) as [[number, number], [number, number]]
  for (const point of all) {
    const projected = probe(point)
    if (!projected) continue
    bounds[0] = [Math.min(bounds[0][0], projected[0]), Math.max(bounds[0][1], projected[0])]
    bounds[1] = [Math.min(bounds[1][0], projected[1]), Math.max(bounds[1][1], projected[1])]
  }
  const aspect = (bounds[1][1] - bounds[1][0]) / Math.max(1, bounds[0][1] - bounds[0][0])
  const height = Math.round(Math.min(0.78, Math.max(0.46, aspect)) * (width - 2 * margin) + 2 * margin)
  const projection = geoNaturalEarth1()
    .rotate([-centre, 0])
    .fitExtent([[margin, margin], [width - margin, height - margin]], shape)
    .clipExtent([[0, 0], [width, height]])
    .precision(0.5)
  return { projection, width, height }
}
