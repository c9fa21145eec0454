/**
 * Pairs the reviewed paragraphs with the paragraphs the current content gives, by their
 * text alone: first the longest common sequence of identical texts, then, between two
 * such pairs, the remaining paragraphs by likeness (an edited paragraph is still most like
 * what it was). Bookmarks and ids are not used: Word renumbers them and LibreOffice
 * rewrites them.
 */
import { distance } from 'fastest-levenshtein'

/** Most alike pairs first; below this likeness (0 to 1) two paragraphs are not the same one. */
const leastLikeness = 0.5

/** Characters compared by likeness in one review, at most (a few seconds' work). */
const likenessBudget = 20_000_000_000

/** For each of `left`, the index of its pair in `right`, or -1. */
export function alignTexts(left: readonly string[], right: readonly string[]): number[] {
  const pairs = new Array<number>(left.length).fill(-1)
  // Longest common subsequence of equal texts (empty texts never pair).
  const width = right.length + 1
  const table = new Uint32Array((left.length + 1) * width)
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      table[i * width + j] =
        left[i] !== '' && left[i] === right[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number)
    }
  }
  const anchors: Array<[number, number]> = []
  for (let i = 0, j = 0; i < left.length && j < right.length; ) {
    if (left[i] !== '' && left[i] === right[j]) {
      anchors.push([i, j])
      pairs[i] = j
      i++
      j++
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++
    else j++
  }
  // Between anchors, in order, each remaining paragraph with the most alike one after the last pair.
  const bounds: Array<[number, number]> = [[-1, -1], ...anchors, [left.length, right.length]]
  // Comparing by likeness costs the product of the lengths; past this budget the rest stay unpaired.
  let budget = likenessBudget
  for (let gap = 0; gap + 1 < bounds.length; gap++) {
    const [fromLeft, fromRight] = bounds[gap] as [number, number]
    const [toLeft, toRight] = bounds[gap + 1] as [number, number]
    let next = fromRight + 1
    for (let i = fromLeft + 1; i < toLeft; i++) {
      if (left[i] === '') continue
      let best = -1
      let bestLikeness = leastLikeness
      for (let j = next; j < toRight && budget > 0; j++) {
        budget -= (left[i] as string).length * (right[j] as string).length
        const score = likeness(left[i] as string, right[j] as string)
        if (score > bestLikeness) {
          best = j
          bestLikeness = score
        }
      }
      if (best >= 0) {
        pairs[i] = best
        next = best + 1
      }
    }
  }
  return pairs
}

export function likeness(a: string, b: string): number {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 1
  // Far apart in length: not worth the distance.
  if (Math.min(a.length, b.length) / longest < leastLikeness) return 0
  return 1 - distance(a, b) / longest
}
