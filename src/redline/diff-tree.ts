/**
 * The redline of one section: the tree the earlier round gave and today's merged into one,
 * with what today added inside `<ins>` and what it took away inside `<del>`. Blocks (a
 * paragraph, a list item, a card's line, a caption, a table cell) are aligned by their
 * content first, so a block that did not change is today's as it is and carries no mark;
 * blocks that did change are paired by their kind and likeness, and inside a pair the
 * words are compared (jsdiff's `diffWordsWithSpace`), keeping the formatting around each
 * word. A block without a partner is inserted or deleted whole.
 *
 * What a change looks like in the merged tree, for the renderers:
 * - `<ins class="redline">` / `<del class="redline">` around text and images;
 * - the class `redline-changed` on a block whose words changed, `redline-inserted` or
 *   `redline-deleted` on a block added or removed whole (the DOCX marks that block's
 *   paragraph marks too, so Accept All and Reject All join no paragraphs wrongly).
 */
import type { Element, ElementContent, Properties, Root, RootContent, Text } from 'hast'
import { toString } from 'hast-util-to-string'
import { diffArrays, diffWordsWithSpace } from 'diff'
// The augmentation that lets a hast tree hold `raw` nodes (the maps' markup).
import type {} from 'mdast-util-to-hast'

type Node = RootContent | ElementContent

/** What the diff counts while it merges a document: every change gets a place a summary can link to. */
export interface ChangeTally {
  /** The changes so far, in reading order; `anchor` is the id of the block that shows it (none for text between blocks). */
  changes: Array<{ anchor?: string }>
  /** Makes the next anchor id (unique in the document). */
  nextAnchor(): string
}

export function createTally(prefix = 'redline-change-'): ChangeTally {
  let made = 0
  return { changes: [], nextAnchor: () => `${prefix}${++made}` }
}

export const redlineClasses = { changed: 'redline-changed', inserted: 'redline-inserted', deleted: 'redline-deleted', mark: 'redline' } as const

const phrasingTags = new Set(['a', 'abbr', 'b', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr'])
/** Phrasing elements that hold no text of their own: each is one token of the word diff. */
const atomTags = new Set(['img', 'br', 'wbr'])

const isPhrasing = (node: Node): boolean => node.type === 'text' || (node.type === 'element' && phrasingTags.has(node.tagName))
const isWhitespace = (node: Node): boolean => node.type === 'text' && node.value.trim() === ''
const isLeaf = (node: Element): boolean => node.children.every(isPhrasing)

/** Merges the section trees of two rounds; `earlier` absent: the whole section is new. */
export function redlineTree(earlier: Root | undefined, today: Root | undefined, tally: ChangeTally): Root {
  if (!earlier && !today) return { type: 'root', children: [] }
  if (!earlier) return { type: 'root', children: wholeUnits(blockUnits(today!.children), 'ins', tally) }
  if (!today) return { type: 'root', children: wholeUnits(blockUnits(earlier.children), 'del', tally) }
  return { type: 'root', children: mergeChildren(earlier.children, today.children, tally) as RootContent[] }
}

/** A run of phrasing between blocks, or one block. */
type Unit = { kind: 'phrasing'; nodes: Node[] } | { kind: 'block'; node: Node }

function blockUnits(nodes: readonly Node[]): Unit[] {
  const units: Unit[] = []
  let phrasing: Node[] = []
  const flush = () => {
    if (phrasing.some((node) => !isWhitespace(node))) units.push({ kind: 'phrasing', nodes: phrasing })
    phrasing = []
  }
  for (const node of nodes) {
    if (isPhrasing(node)) phrasing.push(node)
    else if (node.type === 'element' || node.type === 'raw') {
      flush()
      units.push({ kind: 'block', node })
    }
  }
  flush()
  return units
}

const fingerprints = new WeakMap<object, string>()

/** The node's content and attributes, without where it was written. */
function fingerprint(node: Node): string {
  const known = fingerprints.get(node)
  if (known !== undefined) return known
  let value: string
  if (node.type === 'text') value = `t:${node.value}`
  else if (node.type === 'element') value = `e:${node.tagName}:${JSON.stringify(node.properties)}[${node.children.map(fingerprint).join(',')}]`
  else if (node.type === 'raw') value = `r:${node.value}`
  else value = node.type
  fingerprints.set(node, value)
  return value
}

const unitKey = (unit: Unit): string => (unit.kind === 'block' ? fingerprint(unit.node) : unit.nodes.map(fingerprint).join(','))
const unitText = (unit: Unit): string => (unit.kind === 'block' ? toString(unit.node as Element) : unit.nodes.map((node) => toString(node as Element)).join(''))

function shape(unit: Unit): string {
  if (unit.kind === 'phrasing') return '#phrasing'
  const node = unit.node
  if (node.type !== 'element') return `#${node.type}`
  const className = node.properties.className
  return `${node.tagName}.${Array.isArray(className) ? className.join('.') : ''}`
}

/** How alike two texts are: the share of their characters in common words, 0 to 1. */
function likeness(a: string, b: string): number {
  if (a === b) return 1
  if (a.length + b.length === 0) return 1
  let common = 0
  for (const part of diffWordsWithSpace(a, b)) if (!part.added && !part.removed) common += part.value.length
  return (2 * common) / (a.length + b.length)
}

function mergeChildren(earlier: readonly Node[], today: readonly Node[], tally: ChangeTally): Node[] {
  const before = blockUnits(earlier)
  const now = blockUnits(today)
  const result: Node[] = []
  let i = 0
  let j = 0
  let removed: Unit[] = []
  let added: Unit[] = []
  const settle = () => {
    result.push(...mergeHunk(removed, added, tally))
    removed = []
    added = []
  }
  for (const part of diffArrays(before.map(unitKey), now.map(unitKey))) {
    const count = part.value.length
    if (part.removed) removed.push(...before.slice(i, (i += count)))
    else if (part.added) added.push(...now.slice(j, (j += count)))
    else {
      settle()
      for (const unit of now.slice(j, j + count)) result.push(...unitNodes(unit))
      i += count
      j += count
    }
  }
  settle()
  return result
}

const unitNodes = (unit: Unit): Node[] => (unit.kind === 'block' ? [unit.node] : unit.nodes)

/** Pairs the blocks that went with those that came by kind and likeness, in order; the rest are whole deletions and insertions. */
function mergeHunk(removed: Unit[], added: Unit[], tally: ChangeTally): Node[] {
  const result: Node[] = []
  let next = 0
  for (const unit of added) {
    const text = unitText(unit)
    let partner = -1
    for (let index = next; index < removed.length; index++) {
      const candidate = removed[index] as Unit
      if (shape(candidate) !== shape(unit)) continue
      // Two containers of one kind (a list, a proposition's card) are the same thing changed: their blocks are paired in turn.
      const container = unit.kind === 'block' && unit.node.type === 'element' && !isLeaf(unit.node)
      if (container || likeness(unitText(candidate), text) >= 0.4) {
        partner = index
        break
      }
    }
    if (partner < 0) {
      result.push(...wholeUnits([unit], 'ins', tally))
      continue
    }
    result.push(...wholeUnits(removed.slice(next, partner), 'del', tally))
    result.push(...mergeUnit(removed[partner] as Unit, unit, tally))
    next = partner + 1
  }
  result.push(...wholeUnits(removed.slice(next), 'del', tally))
  return result
}

function mergeUnit(earlier: Unit, today: Unit, tally: ChangeTally): Node[] {
  if (earlier.kind === 'phrasing' && today.kind === 'phrasing') {
    tally.changes.push({})
    return mergeInline(earlier.nodes, today.nodes)
  }
  const before = (earlier as { node: Node }).node
  const now = (today as { node: Node }).node
  if (before.type !== 'element' || now.type !== 'element') return [...wholeUnits([earlier], 'del', tally), ...wholeUnits([today], 'ins', tally)]
  if (isLeaf(before) && isLeaf(now)) {
    const anchor = anchorOf(now, tally)
    tally.changes.push({ anchor })
    return [{ ...now, properties: withClass({ ...now.properties, id: anchor }, redlineClasses.changed), children: mergeInline(before.children, now.children) as ElementContent[] }]
  }
  return [{ ...now, children: mergeChildren(before.children, now.children, tally) as ElementContent[] }]
}

function anchorOf(node: Element, tally: ChangeTally): string {
  return typeof node.properties.id === 'string' && node.properties.id !== '' ? node.properties.id : tally.nextAnchor()
}

function withClass(properties: Properties, name: string): Properties {
  const className = Array.isArray(properties.className) ? properties.className : []
  return { ...properties, className: [...className, name] }
}

const mark = (kind: 'ins' | 'del', children: ElementContent[]): Element => ({ type: 'element', tagName: kind, properties: { className: [redlineClasses.mark] }, children })

/** Units added or removed whole: every text and image inside marked, every block classed. */
function wholeUnits(units: readonly Unit[], kind: 'ins' | 'del', tally: ChangeTally): Node[] {
  return units.flatMap((unit): Node[] => {
    if (unit.kind === 'phrasing') {
      tally.changes.push({})
      return [mark(kind, unit.nodes as ElementContent[])]
    }
    const node = unit.node
    if (node.type !== 'element') return kind === 'ins' ? [node] : []
    const anchor = anchorOf(node, tally)
    tally.changes.push({ anchor })
    const marked = markWhole(node, kind) as Element
    // A deleted heading keeps no id: the contents and links find today's headings only.
    const id = kind === 'del' && anchor === node.properties.id ? tally.nextAnchor() : anchor
    return [{ ...marked, properties: withClass({ ...marked.properties, id }, kind === 'ins' ? redlineClasses.inserted : redlineClasses.deleted) }]
  })
}

function markWhole(node: Node, kind: 'ins' | 'del'): Node {
  if (node.type === 'text') return node.value.trim() === '' ? node : mark(kind, [node])
  if (node.type !== 'element') return node
  if (atomTags.has(node.tagName)) return mark(kind, [node])
  const properties = kind === 'del' && node.tagName !== 'a' ? withoutId(node.properties) : node.properties
  return { ...node, properties, children: node.children.map((child) => markWhole(child, kind) as ElementContent) }
}

function withoutId(properties: Properties): Properties {
  const { id: _id, ...rest } = properties
  return rest
}

/** A piece of a block's text with the inline elements around it (outermost first). */
interface Piece {
  start: number
  end: number
  around: Element[]
  /** A text node, or an element read as one token (an image, a line break). */
  node: Text | Element
}

interface Flat {
  text: string
  pieces: Piece[]
}

/** Tokens that stand for an image or a line break in the text the words are compared in: the same element, the same character. */
class Atoms {
  readonly #characters = new Map<string, string>()
  character(node: Element): string {
    const key = fingerprint(node)
    let found = this.#characters.get(key)
    if (!found) this.#characters.set(key, (found = ` ${String.fromCharCode(0xe000 + (this.#characters.size % 6400))} `))
    return found
  }
}

function flatten(nodes: readonly Node[], atoms: Atoms): Flat {
  const flat: Flat = { text: '', pieces: [] }
  const walk = (node: Node, around: Element[]) => {
    if (node.type === 'text') {
      flat.pieces.push({ start: flat.text.length, end: flat.text.length + node.value.length, around, node })
      flat.text += node.value
    } else if (node.type === 'element') {
      if (atomTags.has(node.tagName)) {
        const token = atoms.character(node)
        flat.pieces.push({ start: flat.text.length, end: flat.text.length + token.length, around, node })
        flat.text += token
      } else for (const child of node.children) walk(child, [...around, node])
    }
  }
  for (const node of nodes) walk(node, [])
  return flat
}

interface Leaf {
  around: Element[]
  node: Text | Element
  change: 'same' | 'ins' | 'del'
}

/** The pieces of `flat` between `from` and `to`, text cut at the ends; an atom is taken whole. */
function slice(flat: Flat, from: number, to: number, change: Leaf['change']): Leaf[] {
  const leaves: Leaf[] = []
  for (const piece of flat.pieces) {
    if (piece.end <= from || piece.start >= to) continue
    if (piece.node.type === 'element') {
      // An atom's token is " x ": it belongs to the part holding its middle character.
      const middle = piece.start + 1
      if (middle >= from && middle < to) leaves.push({ around: piece.around, node: piece.node, change })
      else if (piece.start >= from && piece.start < to) {
        // Only its spaces fall here: nothing to show.
      }
      continue
    }
    const value = piece.node.value.slice(Math.max(from - piece.start, 0), Math.min(to, piece.end) - piece.start)
    if (value !== '') leaves.push({ around: piece.around, node: { type: 'text', value }, change })
  }
  return leaves
}

/** The phrasing of a block in both rounds, word by word: the words in common once, the others marked. */
function mergeInline(earlier: readonly Node[], today: readonly Node[]): Node[] {
  const atoms = new Atoms()
  const before = flatten(earlier, atoms)
  const now = flatten(today, atoms)
  const leaves: Leaf[] = []
  let i = 0
  let j = 0
  for (const part of phrases(diffWordsWithSpace(before.text, now.text))) {
    const length = part.value.length
    if (part.removed) leaves.push(...slice(before, i, (i += length), 'del'))
    else if (part.added) leaves.push(...slice(now, j, (j += length), 'ins'))
    else {
      leaves.push(...slice(now, j, j + length, 'same'))
      i += length
      j += length
    }
  }
  return rebuild(leaves, 0)
}

interface Part {
  value: string
  added?: boolean
  removed?: boolean
}

/**
 * The word diff read as a reader reads a replaced phrase: changed words separated only by
 * spaces are one change ("offer a useful" → "provide an effective"), not three, with what
 * went before what came.
 */
function phrases(parts: readonly Part[]): Part[] {
  const result: Part[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) result.push({ value: removed, removed: true })
    if (added) result.push({ value: added, added: true })
    removed = added = ''
  }
  parts.forEach((part, index) => {
    if (part.removed) removed += part.value
    else if (part.added) added += part.value
    else {
      const next = parts[index + 1]
      const between = (removed || added) && next && (next.added || next.removed) && part.value.trim() === ''
      if (between) {
        removed += part.value
        added += part.value
      } else {
        flush()
        result.push(part)
      }
    }
  })
  flush()
  return result
}

/** Nests the leaves back into the inline elements they came from, with `<ins>` and `<del>` innermost. */
function rebuild(leaves: readonly Leaf[], depth: number): Node[] {
  const result: Node[] = []
  let index = 0
  while (index < leaves.length) {
    const leaf = leaves[index] as Leaf
    const parent = leaf.around[depth]
    if (parent) {
      let end = index + 1
      while (end < leaves.length && (leaves[end] as Leaf).around[depth] === parent) end++
      result.push({ ...parent, children: rebuild(leaves.slice(index, end), depth + 1) as ElementContent[] })
      index = end
      continue
    }
    let end = index + 1
    while (end < leaves.length && !(leaves[end] as Leaf).around[depth] && (leaves[end] as Leaf).change === leaf.change) end++
    const nodes = leaves.slice(index, end).map((entry) => entry.node)
    result.push(...(leaf.change === 'same' ? nodes : [mark(leaf.change, nodes)]))
    index = end
  }
  return result
}
