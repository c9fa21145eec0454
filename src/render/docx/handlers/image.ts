/**
 * `<img>` with a `data:` source (the only kind the sanitiser lets through) as a picture
 * with its alternative text. An SVG goes in as SVG with a PNG fallback, as the format
 * requires; a map's `data-svg` is its vector original beside the PNG in `src`.
 */
import { ImageRun, Paragraph, type ParagraphChild } from 'docx'
import type { Element } from 'hast'
import parseDataUrl from 'data-urls'
import { imageSize } from 'image-size'
import { rasteriseSvg } from '../raster.ts'
import { styleIds } from '../styles.ts'
import { xmlSafeText } from '../text.ts'
import type { BlockHandler, Revision, State } from '../state.ts'

interface DataUri {
  mediaType: string
  bytes: Uint8Array
}

/**
 * The common form, `data:<type>;base64,<payload>` (every map and image the build places),
 * decoded directly: `data-urls` parses a URL of megabytes character by character (whatwg-url),
 * seconds per package. Any other form goes through `data-urls`.
 */
const base64DataUri = /^data:([a-z]+\/[a-z0-9.+-]+);base64,/i

function parseDataUri(uri: string): DataUri | undefined {
  const simple = base64DataUri.exec(uri)
  if (simple && /^[A-Za-z0-9+/]*={0,2}$/.test(uri.slice(simple[0].length))) {
    return { mediaType: (simple[1] as string).toLowerCase(), bytes: new Uint8Array(Buffer.from(uri.slice(simple[0].length), 'base64')) }
  }
  const parsed = parseDataUrl(uri)
  return parsed ? { mediaType: parsed.mimeType.essence, bytes: parsed.body } : undefined
}

/** Width and height of a PNG or JPEG, or nothing when its header does not say. */
function sizeOf(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes)
    return width && height ? { width, height } : undefined
  } catch {
    return undefined
  }
}

function numberProperty(node: Element, name: string): number | undefined {
  const value = Number(node.properties[name])
  return Number.isFinite(value) && value > 0 ? value : undefined
}

type Picture = { type: 'svg'; data: Uint8Array; fallback: { type: 'png'; data: Uint8Array } } | { type: 'png' | 'jpg' | 'gif'; data: Uint8Array }

interface Read {
  src: unknown
  dataSvg: unknown
  brand: string
  source: DataUri | undefined
  picture?: Picture
  intrinsic?: { width: number; height: number }
  /** Its runs by their options: docx hashes a picture's bytes (SHA-1 in JavaScript) for each run made, and writes a run as often as asked without changing it. */
  runs: Map<string, ImageRun>
}

/**
 * What an `<img>` gives, read once: a document's body is made more than once (for the page
 * flow's layouts, then for the package), and a map's megabyte of base64 is decoded, sized
 * and hashed each time otherwise.
 */
const pictures = new WeakMap<Element, Read>()

function readPicture(node: Element, state: State): Read {
  const { src, dataSvg } = node.properties
  const known = pictures.get(node)
  if (known && known.src === src && known.dataSvg === dataSvg && known.brand === state.brand.digest) return known
  const source = typeof src === 'string' ? parseDataUri(src) : undefined
  const vector = typeof dataSvg === 'string' ? parseDataUri(dataSvg) : undefined
  const read: Read = { src, dataSvg, brand: state.brand.digest, source, runs: new Map() }
  const svg = vector ?? (source?.mediaType === 'image/svg+xml' ? source : undefined)
  if (!source) {
    // Nothing to show.
  } else if (svg) {
    const raster = rasteriseSvg(svg.bytes, state.brand)
    const fallback = source.mediaType === 'image/png' ? source.bytes : raster.png
    read.intrinsic = { width: raster.width, height: raster.height }
    read.picture = { type: 'svg', data: svg.bytes, fallback: { type: 'png', data: fallback } }
  } else if (source.mediaType === 'image/png') {
    const intrinsic = sizeOf(source.bytes)
    if (intrinsic) read.intrinsic = intrinsic
    read.picture = { type: 'png', data: source.bytes }
  } else if (source.mediaType === 'image/jpeg') {
    const intrinsic = sizeOf(source.bytes)
    if (intrinsic) read.intrinsic = intrinsic
    read.picture = { type: 'jpg', data: source.bytes }
  }
  pictures.set(node, read)
  return read
}

/** The picture of an `<img>`, or nothing when its source isn't an image DOCX can hold. */
export function image(node: Element, state: State, revision: Revision | undefined = state.context.revision): ParagraphChild[] {
  const read = readPicture(node, state)
  if (!read.source) return []
  const alt = xmlSafeText(typeof node.properties.alt === 'string' ? node.properties.alt : '')
  const id = state.nextDrawingId()
  const altText = { id: String(id), name: `Picture ${id}`, description: alt, title: alt }
  const { picture, intrinsic } = read
  if (!picture || !intrinsic) return []

  const width = numberProperty(node, 'width') ?? intrinsic.width
  const height = numberProperty(node, 'height') ?? (width * intrinsic.height) / intrinsic.width
  const fit = Math.min(1, state.context.maxImageWidth / width)
  const transformation = { width: Math.round(width * fit), height: Math.round(height * fit) }
  const change = state.trackedChange(revision)
  const tracked = change ? (revision === 'inserted' ? { insertion: change } : { deletion: change }) : {}
  const key = JSON.stringify([altText, transformation, tracked])
  let run = read.runs.get(key)
  if (!run) read.runs.set(key, (run = new ImageRun({ ...picture, transformation, altText, ...tracked })))
  return [run]
}

/** An image on its own, outside a paragraph. */
export const blockImage: BlockHandler = (node, state) => {
  const runs = image(node, state)
  const style = state.context.paragraphStyle === styleIds.wideFigure ? styleIds.wideFigure : styleIds.figure
  const kept = state.context.keepWithNext ? { keepNext: true } : {}
  return runs.length === 0 ? [] : [new Paragraph(state.paragraph({ style, children: runs, ...kept }))]
}
