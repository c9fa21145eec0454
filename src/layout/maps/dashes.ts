/**
 * Dashed route lines as path data of their own: one subpath per dash, stroked without a
 * dash array.
 *
 * Chromium's PDF backend (Skia) cannot write a dash array as PDF's own dash operator: it
 * outlines every dash and fills it, a round-capped dot as a twelve-segment circle. A map with
 * eight dashed routes became some 20,000 path segments on one page, which made the report's PDF
 * twice as large and its print and finishing slower. A dash that is its own subpath is stroked
 * as it is, with its cap, in two operators. Renderers draw both the same.
 */

type Point = [number, number]

/** Points along the quadratic curve from `start` through `control` to `end`, about `step` apart. */
export function quadraticPoints(start: Point, control: Point, end: Point, step = 4): Point[] {
  const chord = Math.hypot(end[0] - start[0], end[1] - start[1]) + Math.hypot(control[0] - start[0], control[1] - start[1]) + Math.hypot(end[0] - control[0], end[1] - control[1])
  const steps = Math.max(2, Math.ceil(chord / 2 / step))
  return Array.from({ length: steps + 1 }, (_, index): Point => {
    const t = index / steps
    const a = (1 - t) * (1 - t)
    const b = 2 * (1 - t) * t
    const c = t * t
    return [a * start[0] + b * control[0] + c * end[0], a * start[1] + b * control[1] + c * end[1]]
  })
}

/**
 * Path data drawing the polyline `points` in the SVG dash pattern `dash` (lengths, on first),
 * starting the pattern at the first point as SVG does. Without a pattern, the whole line.
 */
export function dashedPath(points: Point[], dash: string | undefined, format: (value: number) => string): string {
  const point = ([x, y]: Point) => `${format(x)} ${format(y)}`
  const pattern = (dash ?? '').split(/[\s,]+/).filter(Boolean).map(Number)
  if (pattern.length === 0 || pattern.some((length) => !(length >= 0)) || pattern.every((length) => length === 0)) return `M${points.map(point).join('L')}`
  // An odd list repeats to an even one, as SVG reads it.
  const lengths = pattern.length % 2 === 0 ? pattern : [...pattern, ...pattern]
  const pieces: string[] = []
  let index = 0
  let left = lengths[0]!
  let piece: Point[] = [points[0]!]
  const on = () => index % 2 === 0
  for (let segment = 1; segment < points.length; segment++) {
    let [x, y] = points[segment - 1]!
    const [tx, ty] = points[segment]!
    let remaining = Math.hypot(tx - x, ty - y)
    while (remaining > 0) {
      if (remaining < left) {
        left -= remaining
        if (on()) piece.push([tx, ty])
        remaining = 0
        continue
      }
      const share = left / remaining
      x += (tx - x) * share
      y += (ty - y) * share
      remaining -= left
      if (on()) {
        piece.push([x, y])
        pieces.push(`M${piece.map(point).join('L')}`)
      }
      index = (index + 1) % lengths.length
      left = lengths[index]!
      piece = [[x, y]]
    }
  }
  if (on() && piece.length > 1) pieces.push(`M${piece.map(point).join('L')}`)
  return pieces.join('')
}
