/**
 * A projection fitted to what a map needs: at least the Asia-Pacific, widened to every place
 * its routes name. Maps that reach the Americas are centred on the Pacific, because the
 * routes cross the Pacific and a map cut there would send the arrows the wrong way round
 * the world.
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

export function fitFrame(points: Array<[number, number]>, width: number, margin: number): Frame {
  const all = [...asiaPacific, ...points]
  const centre = Math.round(centralLongitude(all.map(([longitude]) => longitude)))
  const extent = { type: 'MultiPoint' as const, coordinates: all }
  const probe = geoNaturalEarth1().rotate([-centre, 0]).fitWidth(width - 2 * margin, extent)
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
    .fitExtent([[margin, margin], [width - margin, height - margin]], extent)
    .clipExtent([[0, 0], [width, height]])
    .precision(0.5)
  return { projection, width, height }
}
