/**
 * Label placement by candidate positions (Imhof's order: beside the point, then above and
 * below, then farther out with a leader line), greedy first and then improved: each label
 * in turn is taken off and placed again against all the others, until a sweep moves none
 * (a zero-temperature local search, as in Christensen, Marks and Shieber's comparison of
 * label placement algorithms). What a label must never touch (another label, another
 * place's symbol, a leader, the panel's edge) costs so much more than what it may
 * (a route line) that a label touches it only when no candidate at all is clear.
 */

export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface LabelRequest {
  /** Stable key, such as the place id. */
  key: string
  text: string
  x: number
  y: number
  /** Radius of the symbol at the point, or 0. */
  radius: number
  width: number
  /** Font size. */
  size: number
  /** The font's ascent and descent in ems: the label's box is as tall as a browser lays out its line. */
  ascent: number
  descent: number
}

export interface PlacedLabel {
  request: LabelRequest
  /** Text anchor point (baseline) and alignment. */
  x: number
  y: number
  anchor: 'start' | 'middle' | 'end'
  box: Box
  /** A line from the point to the label, when the label is set away from it. */
  leader?: { x0: number; y0: number; x1: number; y1: number }
  /** Whether the label and its leader touch nothing and stay inside the bounds. */
  free: boolean
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

/** Boxes along a polyline, `half` units either side of it: what a label must not cover. */
export function boxesAlong(points: Array<[number, number]>, half: number): Box[] {
  return points.map(([x, y]) => ({ x0: x - half, y0: y - half, x1: x + half, y1: y + half }))
}

interface Entry {
  box: Box
  weight: number
  /** For a route line: the places it leaves and reaches, whose own labels it may meet. */
  ends: readonly string[] | undefined
  /** For a place's symbol: the place, whose own leader starts on it. */
  owner: string | undefined
  /** The query that last counted this entry: an entry in several cells counts once per query. */
  mark: number
}

/** A coarse grid of obstacles so that each candidate checks only its neighbourhood; it allocates nothing per query, as placement asks it thousands of times per map. */
class Obstacles {
  private readonly cells = new Map<number, Entry[]>()
  private query = 0
  constructor(private readonly size = 40) {}
  /** Cells are keyed by one number: columns and rows stay well inside ±2^15 on a 1000-unit map. */
  private key(x: number, y: number): number {
    return (x + 32768) * 65536 + (y + 32768)
  }
  add(box: Box, weight: number, ends?: readonly string[], owner?: string): void {
    const entry: Entry = { box, weight, ends, owner, mark: 0 }
    for (let x = Math.floor(box.x0 / this.size); x <= Math.floor(box.x1 / this.size); x++) {
      for (let y = Math.floor(box.y0 / this.size); y <= Math.floor(box.y1 / this.size); y++) {
        const key = this.key(x, y)
        const list = this.cells.get(key)
        if (list) list.push(entry)
        else this.cells.set(key, [entry])
      }
    }
  }
  remove(box: Box): void {
    for (let x = Math.floor(box.x0 / this.size); x <= Math.floor(box.x1 / this.size); x++) {
      for (let y = Math.floor(box.y0 / this.size); y <= Math.floor(box.y1 / this.size); y++) {
        const key = this.key(x, y)
        const list = this.cells.get(key)
        if (list) this.cells.set(key, list.filter((entry) => entry.box !== box))
      }
    }
  }
  /**
   * What covering `box` costs the label of place `key`: a line that leaves or reaches that
   * place costs it a fraction; for its `leader`, which starts on it, its own symbol costs nothing.
   * Counting stops once the cost reaches `limit`: the candidate has lost by then.
   */
  cost(box: Box, key?: string, leader = false, limit = Infinity): number {
    const query = ++this.query
    let total = 0
    for (let x = Math.floor(box.x0 / this.size); x <= Math.floor(box.x1 / this.size); x++) {
      for (let y = Math.floor(box.y0 / this.size); y <= Math.floor(box.y1 / this.size); y++) {
        const list = this.cells.get(this.key(x, y))
        if (!list) continue
        for (const entry of list) {
          if (entry.mark === query) continue
          entry.mark = query
          if (!overlaps(entry.box, box) || (leader && entry.owner !== undefined && entry.owner === key)) continue
          total += entry.ends !== undefined && key !== undefined && entry.ends.includes(key) ? entry.weight * OWN_LINE : entry.weight
          if (total >= limit) return total
        }
      }
    }
    return total
  }
}

export interface PlacementArea {
  bounds: Box
  /** Arrows and symbols, with how much covering each costs. */
  obstacles: Obstacle[]
}

/**
 * Something a label should keep off, with how much covering it costs; a route line names the
 * places at its ends, a symbol its place (whose own leader starts on it at no cost).
 */
export interface Obstacle {
  box: Box
  weight: number
  ends?: readonly string[]
  owner?: string
}

/**
 * A line that leaves or reaches a label's own place leads the eye to the label: covering it
 * costs that label a quarter of what it costs any other, so the label gives way to other
 * places' lines first.
 */
const OWN_LINE = 0.25

/** Directions tried, clockwise from the right; the right and left read best beside a point. */
const directions: Array<[number, number]> = [
  [1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1],
  [2, -1], [2, 1], [-2, -1], [-2, 1], [1, -2], [1, 2], [-1, -2], [-1, 2],
].map(([dx, dy]) => {
  const length = Math.hypot(dx!, dy!)
  // Unit length for the in-between directions; the eight main ones keep their own form.
  return Math.abs(dx!) === 2 || Math.abs(dy!) === 2 ? [dx! / length, dy! / length] : [dx!, dy!]
}) as Array<[number, number]>
/** Distances tried from the point, nearest first: beyond the fourth a leader line joins label and point; the farthest serve only when nothing nearer is clear. */
const distances = [2, 7, 13, 21, 31, 44, 60, 80, 105, 135, 170, 210]

/** What covering costs: a label or leader on a label, a symbol or a leader is never wanted. */
export const COST = { label: 100_000, symbol: 20_000, leader: 20_000, line: 12, outside: 1_000_000 }

interface Choice {
  label: PlacedLabel
  cost: number
  /** Things touched, weighted: zero when the label is clear of everything. */
  touches: number
  distanceIndex: number
  directionIndex: number
}

/** The label of `request` at one candidate position, and what it costs there; nothing when that is `bound` or more. */
function at(request: LabelRequest, distanceIndex: number, directionIndex: number, area: PlacementArea, obstacles: Obstacles, bound = Infinity): Choice | undefined {
  // What the position alone costs: when that reaches the bound, nothing needs measuring.
  const position = distanceIndex * 6 + directionIndex * 0.1
  if (position >= bound) return undefined
  const [dx, dy] = directions[directionIndex]!
  // Costed in scratch objects: most candidates lose, and only a winner is copied out.
  const box = candidate(request, dx, dy, request.radius + distances[distanceIndex]!, scratch)
  const outside = box.x0 < area.bounds.x0 || box.y0 < area.bounds.y0 || box.x1 > area.bounds.x1 || box.y1 > area.bounds.y1
  // Counted only until the candidate loses: the weights are whole numbers (or quarters of
  // them), so a cost counted in any order or cut short is exact, and a cut one is counted in
  // full when rounding leaves it a hair under the bound.
  const outsideCost = outside ? COST.outside : 0
  const limit = (bound - position - outsideCost) / 10
  let covered = obstacles.cost(box, request.key, false, limit)
  let base = outsideCost + covered * 10 + position
  if (base >= bound) return undefined
  if (covered >= limit) {
    covered = obstacles.cost(box, request.key)
    base = outsideCost + covered * 10 + position
    if (base >= bound) return undefined
  }
  const leader = distanceIndex >= 3 ? leaderFor(request, box, scratchLeader) : undefined
  // A leader that crosses arrows or other labels misleads: count what it covers too.
  const crossLimit = (bound - base) / 3
  let crossed = leader ? lineCost(leader, obstacles, request.key, crossLimit) : 0
  let cost = base + crossed * 3
  if (cost >= bound) return undefined
  if (leader && crossed >= crossLimit) {
    crossed = lineCost(leader, obstacles, request.key)
    cost = base + crossed * 3
    if (cost >= bound) return undefined
  }
  const touches = (outside ? 1 : 0) + covered + crossed
  const label: PlacedLabel = { request, x: scratch.x, y: scratch.y, anchor: scratch.anchor, box: { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 }, free: touches === 0 }
  if (leader) label.leader = { ...leader }
  return { label, cost, touches, distanceIndex, directionIndex }
}

function choose(request: LabelRequest, area: PlacementArea, obstacles: Obstacles): Choice | undefined {
  let best: Choice | undefined
  for (let distanceIndex = 0; distanceIndex < distances.length; distanceIndex++) {
    // Farther rings only cost more than the best found so far.
    if (best && distanceIndex * 6 >= best.cost) break
    for (let directionIndex = 0; directionIndex < directions.length; directionIndex++) {
      const choice = at(request, distanceIndex, directionIndex, area, obstacles, best?.cost)
      if (choice && (!best || choice.cost < best.cost)) best = choice
    }
    if (best && best.touches === 0) break
  }
  return best
}

const LEADER_HALF = 1.5

function occupy(label: PlacedLabel, obstacles: Obstacles): Box[] {
  const boxes = [label.box]
  obstacles.add(label.box, COST.label)
  if (label.leader) {
    for (const box of boxesAlong(sample(label.leader), LEADER_HALF)) {
      obstacles.add(box, COST.leader)
      boxes.push(box)
    }
  }
  return boxes
}

export function placeLabels(requests: LabelRequest[], area: PlacementArea): PlacedLabel[] {
  const obstacles = new Obstacles()
  for (const obstacle of area.obstacles) obstacles.add(obstacle.box, obstacle.weight, obstacle.ends, obstacle.owner)
  const placed: Array<{ choice: Choice; boxes: Box[] }> = []
  for (const request of requests) {
    const choice = choose(request, area, obstacles)
    if (choice) placed.push({ choice, boxes: occupy(choice.label, obstacles) })
  }
  // Improve: each label that touches something or stands away from its point is placed again against all the others, while that lowers its cost.
  for (let sweep = 0; sweep < 3; sweep++) {
    let moved = false
    for (const entry of placed) {
      const { label } = entry.choice
      if (entry.choice.touches === 0 && !label.leader) continue
      for (const box of entry.boxes) obstacles.remove(box)
      const now = at(label.request, entry.choice.distanceIndex, entry.choice.directionIndex, area, obstacles)!
      const again = choose(label.request, area, obstacles)
      if (again && again.cost + 0.01 < now.cost) {
        entry.choice = again
        moved = true
      } else {
        entry.choice = now
      }
      entry.boxes = occupy(entry.choice.label, obstacles)
    }
    if (!moved) break
  }
  return placed.map((entry) => entry.choice.label)
}

/** A candidate's box and text position, written into `into`. */
function candidate(request: LabelRequest, dx: number, dy: number, distance: number, into: Box & { x: number; y: number; anchor: PlacedLabel['anchor'] }): Box {
  const { width, size } = request
  const ascent = size * request.ascent
  const descent = size * request.descent
  const pad = 1
  const diagonal = dx !== 0 && dy !== 0 ? Math.SQRT1_2 : 1
  const cx = request.x + dx * distance * diagonal
  const cy = request.y + dy * distance * diagonal
  const anchor = dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle'
  const left = anchor === 'start' ? cx : anchor === 'end' ? cx - width : cx - width / 2
  // Vertically: beside the point the text is centred on it; above or below, it sits clear of it.
  const baseline = dy < 0 ? cy - descent : dy > 0 ? cy + ascent : cy + (ascent - descent) / 2
  into.x0 = left - pad
  into.y0 = baseline - ascent - pad
  into.x1 = left + width + pad
  into.y1 = baseline + descent + pad
  into.x = cx
  into.y = baseline
  into.anchor = anchor
  return into
}

const scratch: Box & { x: number; y: number; anchor: PlacedLabel['anchor'] } = { x0: 0, y0: 0, x1: 0, y1: 0, x: 0, y: 0, anchor: 'start' }
const scratchLeader = { x0: 0, y0: 0, x1: 0, y1: 0 }

/** The leader from the point to a label set away from it, written into `into`; nothing when the label is near enough to need none. */
function leaderFor(request: LabelRequest, box: Box, into: { x0: number; y0: number; x1: number; y1: number }): typeof into | undefined {
  const x1 = Math.min(Math.max(request.x, box.x0), box.x1)
  const y1 = Math.min(Math.max(request.y, box.y0), box.y1)
  const length = Math.hypot(x1 - request.x, y1 - request.y)
  if (length < request.radius + 12) return undefined
  const start = (request.radius + 1.5) / length
  into.x0 = request.x + (x1 - request.x) * start
  into.y0 = request.y + (y1 - request.y) * start
  into.x1 = x1
  into.y1 = y1
  return into
}

/** What a leader line covers, up to `limit`: the obstacles under small boxes along it, with no arrays made (placement asks this for most candidates). */
function lineCost(line: { x0: number; y0: number; x1: number; y1: number }, obstacles: Obstacles, key: string, limit = Infinity): number {
  const steps = Math.max(1, Math.ceil(Math.hypot(line.x1 - line.x0, line.y1 - line.y0) / 6))
  const box: Box = { x0: 0, y0: 0, x1: 0, y1: 0 }
  let total = 0
  for (let step = 0; step <= steps; step++) {
    const x = line.x0 + ((line.x1 - line.x0) * step) / steps
    const y = line.y0 + ((line.y1 - line.y0) * step) / steps
    box.x0 = x - 1
    box.y0 = y - 1
    box.x1 = x + 1
    box.y1 = y + 1
    total += obstacles.cost(box, key, true, limit - total)
    if (total >= limit) return total
  }
  return total
}

function sample(line: { x0: number; y0: number; x1: number; y1: number }): Array<[number, number]> {
  const steps = Math.max(1, Math.ceil(Math.hypot(line.x1 - line.x0, line.y1 - line.y0) / 6))
  return Array.from({ length: steps + 1 }, (_, step): [number, number] => [
    line.x0 + ((line.x1 - line.x0) * step) / steps,
    line.y0 + ((line.y1 - line.y0) * step) / steps,
  ])
}
