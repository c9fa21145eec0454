import { describe, expect, it } from 'vitest'
import { dashedPath, quadraticPoints } from '../src/layout/maps/dashes.ts'

const exact = (value: number) => String(value)
/** The subpaths of path data written by dashedPath, as lists of points. */
const pieces = (d: string): Array<Array<[number, number]>> =>
  d.split('M').filter(Boolean).map((piece) => piece.split('L').map((pair) => pair.split(' ').map(Number) as [number, number]))
const length = (points: Array<[number, number]>) => points.slice(1).reduce((sum, point, index) => sum + Math.hypot(point[0] - points[index]![0], point[1] - points[index]![1]), 0)

describe('dashed route lines', () => {
  it('cuts a line into the dashes of its pattern, the pattern starting at the line\'s start', () => {
    const d = dashedPath([[0, 0], [10, 0], [40, 0]], '12 5', exact)
    expect(pieces(d)).toEqual([
      [[0, 0], [10, 0], [12, 0]],
      [[17, 0], [29, 0]],
      [[34, 0], [40, 0]],
    ])
  })

  it('repeats an odd pattern as SVG does, and draws dots as pieces of their own length', () => {
    expect(pieces(dashedPath([[0, 0], [0, 20]], '2 3 4', exact)).map(length)).toEqual([2, 4, 3, 2])
    const dots = pieces(dashedPath([[0, 0], [100, 0]], '0.1 5.5', exact))
    expect(dots).toHaveLength(18)
    for (const dot of dots) expect(length(dot)).toBeCloseTo(0.1, 6)
  })

  it('draws the whole line where there is no pattern, or a pattern that draws nothing', () => {
    expect(dashedPath([[0, 0], [5, 5]], undefined, exact)).toBe('M0 0L5 5')
    expect(dashedPath([[0, 0], [5, 5]], '0 0', exact)).toBe('M0 0L5 5')
  })

  it('follows a curve closely and keeps its dashes on it', () => {
    const points = quadraticPoints([0, 0], [50, 80], [100, 0])
    expect(points[0]).toEqual([0, 0])
    expect(points.at(-1)).toEqual([100, 0])
    const curveLength = length(points)
    const drawn = pieces(dashedPath(points, '10 4', exact)).reduce((sum, piece) => sum + length(piece), 0)
    // Ten of every fourteen units are drawn.
    expect(drawn / curveLength).toBeGreaterThan(0.66)
    expect(drawn / curveLength).toBeLessThan(0.78)
  })
})
