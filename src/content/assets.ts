/**
 * Resolves a reference to an image under `source/assets/`, refusing anything else: remote
 * and `file:` URLs, absolute paths, `../` (also percent-encoded) and symbolic links that
 * lead out of the folder, and SVG files that could run or load anything (`svg-safety.ts`).
 * The bytes are read here once and inlined by the renderers, so the
 * browser never loads a file of its own.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { unsafeSvgReason } from './svg-safety.ts'
import { imageBytesProblem, imageLimitProblem } from './limits.ts'

export type AssetMediaType = 'image/png' | 'image/jpeg' | 'image/svg+xml'

export interface Asset {
  /** The reference as written. */
  reference: string
  absolutePath: string
  mediaType: AssetMediaType
  bytes: Uint8Array
}

export type AssetProblem =
  | { kind: 'unsafe-url'; reason: string }
  | { kind: 'asset-not-found'; reason: string }
  | { kind: 'asset-not-image'; reason: string }
  | { kind: 'unsafe-asset'; reason: string }
  | { kind: 'too-large'; reason: string }

export type AssetResult = { ok: true; asset: Asset } | { ok: false; problem: AssetProblem }

export async function resolveAsset(sourceDir: string, reference: string): Promise<AssetResult> {
  const refuse = (reason: string): AssetResult => ({ ok: false, problem: { kind: 'unsafe-url', reason } })
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith('//')) {
    return refuse(`"${reference}" is a URL; only files under source/assets/ can be used`)
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(reference)
  } catch {
    return refuse(`"${reference}" is not a valid path`)
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return refuse(`"${reference}" is not a valid path`)
  if (path.posix.isAbsolute(decoded)) return refuse(`"${reference}" is an absolute path; write it from source/, as assets/...`)
  const normalised = path.posix.normalize(decoded)
  if (normalised.split('/').includes('..') || !normalised.startsWith('assets/')) {
    return refuse(`"${reference}" is outside source/assets/`)
  }
  const assetsRoot = await fs.realpath(path.join(sourceDir, 'assets')).catch(() => undefined)
  const candidate = path.join(sourceDir, normalised)
  const real = await fs.realpath(candidate).catch(() => undefined)
  if (!assetsRoot || !real) {
    return { ok: false, problem: { kind: 'asset-not-found', reason: `"${reference}" does not exist under ${path.join(sourceDir, 'assets')}` } }
  }
  if (!real.startsWith(assetsRoot + path.sep)) {
    return refuse(`"${reference}" leads outside source/assets/ (through a symbolic link)`)
  }
  const tooMany = imageBytesProblem((await fs.stat(real)).size)
  if (tooMany) return { ok: false, problem: { kind: 'too-large', reason: `"${reference}" ${tooMany}` } }
  const bytes = new Uint8Array(await fs.readFile(real))
  const mediaType = sniffImage(bytes)
  if (!mediaType) {
    return { ok: false, problem: { kind: 'asset-not-image', reason: `"${reference}" is not a PNG, JPEG or SVG image` } }
  }
  if (mediaType === 'image/svg+xml') {
    const unsafe = unsafeSvgReason(new TextDecoder().decode(bytes))
    if (unsafe) return { ok: false, problem: { kind: 'unsafe-asset', reason: `"${reference}" is an SVG that ${unsafe}` } }
  }
  const tooLarge = imageLimitProblem(bytes)
  if (tooLarge) return { ok: false, problem: { kind: 'too-large', reason: `"${reference}" ${tooLarge}` } }
  return { ok: true, asset: { reference, absolutePath: real, mediaType, bytes } }
}

function sniffImage(bytes: Uint8Array): AssetMediaType | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart()
  // A DOCTYPE counts as SVG here so that the safety check refuses it by name (entities, billion laughs).
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<svg[\s>]|<!DOCTYPE\s+svg\b)/i.test(head)) return 'image/svg+xml'
  return undefined
}
