/**
 * Where places crowd, a cartographer draws them again at a larger scale in an inset. This
 * module decides which places go into it and how it frames them. The inset sits under the
 * map, beside the legend, so that it hides no route and no place.
 */
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo'
import type { Box } from './labels.ts'
import type { PlaceOnMap } from './geography.ts'

export interface InsetPlan {
  /** Places labelled in the inset instead of on the map. */
  places: Set<string>
  /** Where the inset sits on the map. */
  bounds: Box
  projection: GeoProjection
  /** The inset's view outlined on the map. */
  outline: Box
}

/** Room kept around the crowded places inside the inset. */
const INSET_MARGIN = 34

/**
 * The crowded places around the densest spot (within `link` of one of them), widened to every
 * place within `reach` of its box: a place next to the cluster would otherwise be labelled on
 * the map right beside the inset's area.
 */
export function crowdedGroup(crowded: string[], points: Map<string, [number, number]>, link = 60, reach = 0): Set<string> {
  const distance = (a: string, b: string) => Math.hypot(points.get(a)![0] - points.get(b)![0], points.get(a)![1] - points.get(b)![1])
  // The densest spot: the crowded place with most crowded places within `link`, and those places (no chaining, so the inset stays small).
  if (crowded.length === 0) return new Set()
  const around = (id: string) => crowded.filter((other) => distance(id, other) <= link)
  const centre = crowded.reduce((best, id) => (around(id).length > around(best).length ? id : best))
  const largest = around(centre)
  const group = new Set(largest)
  for (let round = 0; round < 1; round++) {
    const members = [...group].map((id) => points.get(id)!)
    const box = {
      x0: Math.min(...members.map(([x]) => x)) - reach,
      y0: Math.min(...members.map(([, y]) => y)) - reach,
      x1: Math.max(...members.map(([x]) => x)) + reach,
      y1: Math.max(...members.map(([, y]) => y)) + reach,
    }
    const before = group.size
    for (const [id, [x, y]] of points) if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) group.add(id)
    if (group.size === before) break
  }
  return group
}

/**
 * The inset for a group of places, under the map at its left edge, or its right one in a
 * language written from right to left (the legend goes beside it): its projection shows their coordinates at the largest scale that fits, with room
 * around them for labels; its view is outlined on the map.
 */
export function insetBelow(
  group: Set<string>,
  places: Map<string, PlaceOnMap>,
  main: { projection: GeoProjection; width: number; top: number; side?: 'left' | 'right' },
): InsetPlan {
  const coordinates = [...group].map((id) => places.get(id)!.coordinates)
  const projected = coordinates.map((point) => main.projection(point)!)
  const spanX = Math.max(...projected.map(([x]) => x)) - Math.min(...projected.map(([x]) => x))
  const spanY = Math.max(...projected.map(([, y]) => y)) - Math.min(...projected.map(([, y]) => y))
  const width = Math.round(main.width * 0.4)
  const height = Math.round(Math.min(340, Math.max(250, width * ((spanY + 20) / Math.max(spanX + 20, 1)))))
  const x0 = main.side === 'right' ? main.width - width : 0
  const bounds = { x0, y0: main.top, x1: x0 + width, y1: main.top + height }
  // A single place, or places in a line, give no scale: a degree and a half around them does.
  const longitudes = coordinates.map(([longitude]) => longitude)
  const latitudes = coordinates.map(([, latitude]) => latitude)
  const around: Array<[number, number]> = [
    [Math.min(...longitudes) - 1.5, Math.min(...latitudes) - 1.5],
    [Math.max(...longitudes) + 1.5, Math.max(...latitudes) + 1.5],
  ]
  const degenerate = Math.max(...longitudes) - Math.min(...longitudes) < 2 || Math.max(...latitudes) - Math.min(...latitudes) < 2
  const shape = { type: 'MultiPoint' as const, coordinates: degenerate ? [...coordinates, ...around] : coordinates }
  const projection = geoNaturalEarth1()
    .rotate(main.projection.rotate())
    .fitExtent([[bounds.x0 + INSET_MARGIN + 40, bounds.y0 + INSET_MARGIN + 10], [bounds.x1 - INSET_MARGIN - 40, bounds.y1 - INSET_MARGIN - 10]], shape)
    .clipExtent([[bounds.x0, bounds.y0], [bounds.x1, bounds.y1]])
    .precision(0.5)
  // The inset's view, as the map projects it: its corners taken back to the globe.
  const view = [[bounds.x0, bounds.y0], [bounds.x1, bounds.y0], [bounds.x0, bounds.y1], [bounds.x1, bounds.y1]]
    .map((corner) => projection.invert!(corner as [number, number]))
    .filter((point): point is [number, number] => point !== null)
    .map((point) => main.projection(point)!)
  const outline = {
    x0: Math.min(...view.map(([x]) => x)),
    y0: Math.min(...view.map(([, y]) => y)),
    x1: Math.max(...view.map(([x]) => x)),
    y1: Math.max(...view.map(([, y]) => y)),
  }
  return { places: group, bounds, projection, outline }
}
