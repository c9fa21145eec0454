/**
 * `<img>` with a `data:` source (the only kind the sanitiser lets through) as a picture
 * with its alternative text. An SVG goes in as SVG with a PNG fallback, as the format
 * requires; a map's `data-svg` is its vector original beside the PNG in `src`.
 */
import { ImageRun, Paragraph, type ParagraphChild } from 'docx'
import type { Element } from 'hast'
import { rasteriseSvg } from '../raster.ts'
import { styleIds } from '../styles.ts'
import { xmlSafeText } from '../text.ts'
import type { BlockHandler, State } from '../state.ts'

interface DataUri {
  mediaType: string
  bytes: Uint8Array
}

function parseDataUri(uri: string): DataUri | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(uri)
  if (!match) return undefined
  const [, mediaType = '', parameters = '', payload = ''] = match
  const bytes = parameters.split(';').includes('base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8')
  return { mediaType: mediaType.toLowerCase(), bytes: new Uint8Array(bytes) }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 2
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1] ?? 0
    const length = view.getUint16(offset + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) }
    }
    offset += 2 + length
  }
  return undefined
}

function numberProperty(node: Element, name: string): number | undefined {
  const value = Number(node.properties[name])
  return Number.isFinite(value) && value > 0 ? value : undefined
}

/** The picture of an `<img>`, or nothing when its source isn't an image DOCX can hold. */
export function image(node: Element, state: State): ParagraphChild[] {
  const source = typeof node.properties.src === 'string' ? parseDataUri(node.properties.src) : undefined
  const vector = typeof node.properties.dataSvg === 'string' ? parseDataUri(node.properties.dataSvg) : undefined
  if (!source) return []
  const alt = xmlSafeText(typeof node.properties.alt === 'string' ? node.properties.alt : '')
  const id = state.nextDrawingId()
  const altText = { id: String(id), name: `Picture ${id}`, description: alt, title: alt }

  const svg = vector ?? (source.mediaType === 'image/svg+xml' ? source : undefined)
  let intrinsic: { width: number; height: number } | undefined
  let picture: { type: 'svg'; data: Uint8Array; fallback: { type: 'png'; data: Uint8Array } } | { type: 'png' | 'jpg' | 'gif'; data: Uint8Array } | undefined
  if (svg) {
    const raster = rasteriseSvg(svg.bytes, state.brand)
    const fallback = source.mediaType === 'image/png' ? source.bytes : raster.png
    intrinsic = { width: raster.width, height: raster.height }
    picture = { type: 'svg', data: svg.bytes, fallback: { type: 'png', data: fallback } }
  } else if (source.mediaType === 'image/png') {
    intrinsic = pngSize(source.bytes)
    picture = { type: 'png', data: source.bytes }
  } else if (source.mediaType === 'image/jpeg') {
    intrinsic = jpegSize(source.bytes)
    picture = { type: 'jpg', data: source.bytes }
  }
  if (!picture || !intrinsic) return []

  const width = numberProperty(node, 'width') ?? intrinsic.width
  const height = numberProperty(node, 'height') ?? (width * intrinsic.height) / intrinsic.width
  const fit = Math.min(1, state.context.maxImageWidth / width)
  const transformation = { width: Math.round(width * fit), height: Math.round(height * fit) }
  return [new ImageRun({ ...picture, transformation, altText })]
}

/** An image on its own, outside a paragraph. */
export const blockImage: BlockHandler = (node, state) => {
  const runs = image(node, state)
  return runs.length === 0 ? [] : [new Paragraph(state.paragraph({ style: styleIds.figure, children: runs }))]
}
