/**
 * How much content the build takes, checked where content enters and before anything
 * parses it, so that input far beyond any real report is refused at its place within
 * seconds instead of ending in a stack overflow or a hang deep in a parser or renderer.
 *
 * The limits are generous: the real content's largest file is under 8 KB (the whole reference report is 23 KB), its longest
 * line under 900 characters, its deepest JSON 7 levels and its longest array 42 items.
 * The README's error table lists them.
 */
import { imageSize } from 'image-size'
import { location } from 'vfile-location'
import type { VFile } from 'vfile'
import type { Point } from 'unist'
import { report } from '../errors/catalogue.ts'

export const limits = {
  /** Bytes of one JSON or Markdown file. */
  fileBytes: 256 * 1024,
  /**
   * Characters of one line of Markdown (a file, a template, or the Markdown in a JSON
   * string). JSON has no such limit: tools write it on one line, and its size, nesting and
   * arrays are bounded by the limits here.
   */
  lineCharacters: 10_000,
  /** Block containers (quotes, list items) nested in one another in Markdown. */
  markdownNesting: 32,
  /** Nodes nested in one another in a parsed Markdown tree, inline ones (emphasis, links) included. */
  markdownTreeDepth: 100,
  /** Arrays and objects nested in one another in JSON. */
  jsonNesting: 20,
  /** Items of one JSON array. */
  jsonArrayItems: 5_000,
  /** Bytes of one image under source/assets/. */
  imageBytes: 10 * 1024 * 1024,
  /** Pixels along either side of an image (an SVG's width, height or viewBox). */
  imageSide: 10_000,
  /** Pixels of an image in all (width × height). */
  imagePixels: 40_000_000,
  /**
   * Work of one render of an author's template: the characters of template each block
   * runs, each time it runs, and the characters the blocks write. What the template writes
   * is a Markdown file: at most `fileBytes`.
   */
  templateWork: 20_000_000,
  /** Blocks (`{{#each}}`, `{{#if}}`, ...) nested in one another in an author's template. */
  templateNesting: 100,
  /** Seconds to check and render one author-defined collection (schema, data, template), on its own thread. */
  collectionSeconds: 10,
  /** Megabytes of memory that checking and rendering the author-defined collections may take. */
  collectionMemoryMegabytes: 256,
} as const

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`

/** A file's size, common to every text file; false when the file is too large to scan further. */
function checkFileBytes(file: VFile): boolean {
  const bytes = Buffer.byteLength(String(file.value))
  if (bytes > limits.fileBytes) {
    report(file, 'too-large', `The file is ${megabytes(bytes)}; a content file may be at most ${megabytes(limits.fileBytes)}`, { place: { line: 1, column: 1 } })
    return false
  }
  return true
}

/**
 * The first line of Markdown longer than the limit, as its number (from `firstLine`) and
 * length, or undefined.
 */
export function overlongLine(text: string, firstLine = 1): { line: number; length: number } | undefined {
  let line = firstLine
  let start = 0
  while (start <= text.length) {
    const end = text.indexOf('\n', start)
    const length = (end < 0 ? text.length : end) - start
    if (length > limits.lineCharacters) return { line, length }
    if (end < 0) break
    start = end + 1
    line++
  }
  return undefined
}

/** What a line over the limit is told. */
export const overlongLineReason = (line: number, length: number) => `Line ${line} has ${length} characters; a line may have at most ${limits.lineCharacters}`

/**
 * Refuses a JSON file that is too large, too deeply nested or has too long an array, by
 * one pass over its characters (strings skipped), before the recursive parser sees it.
 * Returns whether the file is within the limits.
 */
export function checkJsonLimits(file: VFile): boolean {
  if (!checkFileBytes(file)) return false
  const text = String(file.value)
  const place = location(file)
  const at = (offset: number): Point | undefined => place.toPoint(offset)
  // For every open bracket: whether it is an array, and how many items it has seen.
  const open: Array<{ array: boolean; items: number; offset: number }> = []
  let inString = false
  for (let offset = 0; offset < text.length; offset++) {
    const character = text[offset]
    if (inString) {
      if (character === '\\') offset++
      else if (character === '"') inString = false
      continue
    }
    if (character === '"') {
      inString = true
      const top = open.at(-1)
      if (top?.array && top.items === 0) top.items = 1
    } else if (character === '[' || character === '{') {
      const top = open.at(-1)
      if (top?.array && top.items === 0) top.items = 1
      open.push({ array: character === '[', items: 0, offset })
      if (open.length > limits.jsonNesting) {
        report(file, 'too-deep', `JSON nested more than ${limits.jsonNesting} levels deep`, { place: at(offset) })
        return false
      }
    } else if (character === ']' || character === '}') {
      open.pop()
    } else if (character === ',') {
      const top = open.at(-1)
      if (top?.array && ++top.items > limits.jsonArrayItems) {
        report(file, 'too-large', `An array with more than ${limits.jsonArrayItems} items; an array may have at most ${limits.jsonArrayItems}`, { place: at(top.offset) })
        return false
      }
    } else if (character !== ' ' && character !== '\n' && character !== '\r' && character !== '\t') {
      const top = open.at(-1)
      if (top?.array && top.items === 0) top.items = 1
    }
  }
  return true
}

const fence = /^ {0,3}(?:>\s?)*\s*(`{3,}|~{3,})/
const listMarker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/

/**
 * Refuses a Markdown file that is too large, has too long a line, or nests quotes and lists too deeply, by a scan
 * of each line's leading container markers (`>`, `-`, `1.`) and indentation, outside
 * fenced code. The scan estimates; the tree check after parsing (`checkMarkdownTree`)
 * is exact. Returns whether the file is within the limits.
 */
export function checkMarkdownLimits(file: VFile): boolean {
  if (!checkFileBytes(file)) return false
  const overlong = overlongLine(String(file.value))
  if (overlong) {
    report(file, 'too-large', overlongLineReason(overlong.line, overlong.length), { place: { line: overlong.line, column: limits.lineCharacters + 1 } })
    return false
  }
  const lines = String(file.value).split('\n')
  let inFence: string | undefined
  for (const [index, line] of lines.entries()) {
    const fenceMatch = fence.exec(line)
    if (fenceMatch) {
      const marker = fenceMatch[1]!
      if (!inFence) inFence = marker
      else if (marker[0] === inFence[0] && marker.length >= inFence.length) inFence = undefined
      continue
    }
    if (inFence) continue
    const column = columnBeyondNesting(line)
    if (column !== undefined) {
      report(file, 'too-deep', `Quotes or lists nested more than ${limits.markdownNesting} levels deep`, { place: { line: index + 1, column } })
      return false
    }
  }
  return true
}

/**
 * The column of the container marker that takes a line beyond the nesting limit, or
 * undefined. Levels are counted as each `>` and list marker, and two columns of
 * indentation before one.
 */
function columnBeyondNesting(line: string): number | undefined {
  let levels = 0
  let offset = 0
  for (;;) {
    let columns = 0
    while (line[offset] === ' ' || line[offset] === '\t') {
      columns += line[offset] === '\t' ? 4 - (columns % 4) : 1
      offset++
    }
    const marker = line[offset] === '>' ? '>' : listMarker.exec(line.slice(offset, offset + 12))?.[0]
    if (marker === undefined) return undefined
    levels += 1 + Math.floor(columns / 2)
    if (levels > limits.markdownNesting) return offset + 1
    offset += marker.length
  }
}

interface TreeNode {
  type: string
  children?: TreeNode[]
  position?: { start: Point }
}

/**
 * Refuses a parsed Markdown tree nested more deeply than the renderers' recursion can take
 * (emphasis in emphasis, links in links, whatever the line scan could not see), walking it
 * without recursion. The too-deep branch is cut off so that the plugins after this one
 * never walk it; only the first is reported. Returns whether the tree is within the limits.
 */
export function checkMarkdownTree(tree: TreeNode, file: VFile): boolean {
  let within = true
  const stack: Array<{ node: TreeNode; depth: number; containers: number }> = [{ node: tree, depth: 0, containers: 0 }]
  while (stack.length > 0) {
    const { node, depth, containers } = stack.pop()!
    const nested = containers + (node.type === 'blockquote' || node.type === 'listItem' ? 1 : 0)
    if (depth > limits.markdownTreeDepth || nested > limits.markdownNesting) {
      if (within) {
        const what =
          nested > limits.markdownNesting
            ? `Quotes or lists nested more than ${limits.markdownNesting} levels deep`
            : `Markdown nested more than ${limits.markdownTreeDepth} levels deep`
        report(file, 'too-deep', what, { place: node.position?.start })
      }
      within = false
      node.children = []
      continue
    }
    for (const child of node.children ?? []) stack.push({ node: child, depth: depth + 1, containers: nested })
  }
  return within
}

/** Why an image file of `byteLength` bytes is too large to read, or undefined. */
export function imageBytesProblem(byteLength: number): string | undefined {
  return byteLength > limits.imageBytes ? `is ${megabytes(byteLength)}; an image may be at most ${megabytes(limits.imageBytes)}` : undefined
}

/**
 * Why an image is too large to take, or undefined: its bytes, or the dimensions its header
 * claims (read by image-size without decoding the pixels), which Chromium and resvg would
 * otherwise try to allocate.
 */
export function imageLimitProblem(bytes: Uint8Array): string | undefined {
  const tooMany = imageBytesProblem(bytes.byteLength)
  if (tooMany) return tooMany
  let size: { width?: number; height?: number }
  try {
    size = imageSize(bytes)
  } catch {
    // An SVG without width, height or viewBox has no size of its own: it takes its place's.
    return undefined
  }
  const width = Math.ceil(size.width ?? 0)
  const height = Math.ceil(size.height ?? 0)
  if (width > limits.imageSide || height > limits.imageSide || width * height > limits.imagePixels) {
    return `is ${width} × ${height} pixels; an image may be at most ${limits.imageSide} pixels on a side and ${limits.imagePixels / 1_000_000} million pixels in all`
  }
  return undefined
}
