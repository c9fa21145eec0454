/**
 * Arrows of a route, stage to stage. The report names each stage's places (origins; transit
 * points and hubs; destinations) but not which origin goes through which hub, so each place
 * is joined to the nearest place of the next stage, and every place of the next stage gets
 * at least one arrow in. The legend says so.
 */
import { quadraticPoints } from './dashes.ts'

export interface Node {
  id: string
  x: number
  y: number
  /** Radius of the symbol drawn there: arrows stop short of it. */
  radius: number
}

export interface Edge {
  from: Node
  to: Node
  /** Whether the arrow leaves an origin (it gets a tail dot). */
  fromOrigin: boolean
}

const distance = (a: Node, b: Node) => Math.hypot(a.x - b.x, a.y - b.y)

function nearest(candidates: Node[], to: Node): Node {
  let best = candidates[0]!
  for (const candidate of candidates) if (distance(candidate, to) < distance(best, to)) best = candidate
  return best
}

export function routeEdges(stages: Node[][], startsAtOrigin: boolean): Edge[] {
  const edges: Edge[] = []
  const seen = new Set<string>()
  const add = (from: Node, to: Node, stage: number) => {
    const key = `${from.id}>${to.id}`
    if (seen.has(key) || from.id === to.id || distance(from, to) < 4) return
    seen.add(key)
    edges.push({ from, to, fromOrigin: startsAtOrigin && stage === 0 })
  }
  for (let stage = 0; stage + 1 < stages.length; stage++) {
    const sources = stages[stage]!
    const targets = stages[stage + 1]!
    for (const source of sources) add(source, nearest(targets, source), stage)
    for (const target of targets) {
      if (!edges.some((edge) => edge.to.id === target.id)) add(nearest(sources, target), target, stage)
    }
  }
  return edges
}

export interface Curve {
  /** Path data of the line, ending where the arrowhead begins. */
  line: string
  /** The same line as points about 4 units apart, for drawing it dashed. */
  points: Array<[number, number]>
  /** Path data of the arrowhead. */
  head: string
  start: [number, number]
  /** Points along the curve, for keeping labels off it. */
  samples: Array<[number, number]>
}

const HEAD_LENGTH = 13
const HEAD_HALF_WIDTH = 5.5

/**
 * A quadratic curve bent to the left of its direction by `bend` of its length, so that
 * arrows in opposite directions between two places do not lie on each other.
 */
export function curve(from: Node, to: Node, bend: number, format: (value: number) => string): Curve {
  const dx = to.x - from.x
  const dy = to.y - from.y
  const length = Math.hypot(dx, dy)
  const offset = Math.min(bend * length, 90)
  const control: [number, number] = [(from.x + to.x) / 2 + (dy / length) * offset, (from.y + to.y) / 2 - (dx / length) * offset]
  const toward = (point: Node, gap: number): [number, number] => {
    const ux = control[0] - point.x
    const uy = control[1] - point.y
    const size = Math.hypot(ux, uy) || 1
    return [point.x + (ux / size) * gap, point.y + (uy / size) * gap]
  }
  const start = toward(from, from.radius + 2)
  const tip = toward(to, to.radius + 2.5)
  const ex = tip[0] - control[0]
  const ey = tip[1] - control[1]
  const size = Math.hypot(ex, ey) || 1
  const [ux, uy] = [ex / size, ey / size]
  const base: [number, number] = [tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH]
  const lineEnd: [number, number] = [tip[0] - ux * (HEAD_LENGTH - 3), tip[1] - uy * (HEAD_LENGTH - 3)]
  const point = ([x, y]: [number, number]) => `${format(x)} ${format(y)}`
  const steps = Math.max(4, Math.ceil(length / 3))
  const samples = Array.from({ length: steps + 1 }, (_, step): [number, number] => {
    const t = step / steps
    const a = (1 - t) * (1 - t)
    const b = 2 * (1 - t) * t
    const c = t * t
    return [a * start[0] + b * control[0] + c * tip[0], a * start[1] + b * control[1] + c * tip[1]]
  })
  return {
    line: `M${point(start)}Q${point(control)} ${point(lineEnd)}`,
    points: quadraticPoints(start, control, lineEnd),
    head: `M${point(tip)}L${point([base[0] - uy * HEAD_HALF_WIDTH, base[1] + ux * HEAD_HALF_WIDTH])}L${point([base[0] + uy * HEAD_HALF_WIDTH, base[1] - ux * HEAD_HALF_WIDTH])}Z`,
    start,
    samples,
  }
}
