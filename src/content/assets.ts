/**
 * Resolves a reference to an image under `source/assets/`, refusing anything else: remote
 * and `file:` URLs, absolute paths, `../` (also percent-encoded) and symbolic links that
 * lead out of the folder, and SVG files that could run or load anything (`svg-safety.ts`).
 * The bytes are read here once and inlined by the renderers, so the
 * browser never loads a file of its own.
 */
import fs from 'node:fs/promises'
import { folderName } from '../errors/catalogue.ts'
import { closeMatches } from './suggest.ts'
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
    return refuse(`"${reference}" is a URL; only files under ${folderName(sourceDir)}/assets/ can be used`)
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(reference)
  } catch {
    return refuse(`"${reference}" is not a valid path`)
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return refuse(`"${reference}" is not a valid path`)
  if (path.posix.isAbsolute(decoded)) return refuse(`"${reference}" is an absolute path; write it from the content folder (${folderName(sourceDir)}), as assets/...`)
  const normalised = path.posix.normalize(decoded)
  if (normalised.split('/').includes('..') || !normalised.startsWith('assets/')) {
    return refuse(`"${reference}" is outside ${folderName(sourceDir)}/assets/`)
  }
  const assetsRoot = await fs.realpath(path.join(sourceDir, 'assets')).catch(() => undefined)
  const candidate = path.join(sourceDir, normalised)
  const real = await fs.realpath(candidate).catch(() => undefined)
  if (!assetsRoot || !real) {
    const nearby = assetsRoot ? await similarAssets(sourceDir, normalised) : ''
    return { ok: false, problem: { kind: 'asset-not-found', reason: `"${reference}" does not exist under ${folderName(sourceDir)}/assets${nearby}` } }
  }
  if (!real.startsWith(assetsRoot + path.sep)) {
    return refuse(`"${reference}" leads outside ${folderName(sourceDir)}/assets/ (through a symbolic link)`)
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

/**
 * " (did you mean assets/signatures/michael-thornton.svg?)": the files under `assets/` whose
 * names are closest to a misspelt one, first in its own folder, then anywhere under assets/.
 */
async function similarAssets(sourceDir: string, wanted: string): Promise<string> {
  const listed = await fs.readdir(path.join(sourceDir, 'assets'), { recursive: true, withFileTypes: true }).catch(() => [])
  const known = listed.filter((entry) => entry.isFile()).map((entry) => path.posix.join('assets', path.relative(path.join(sourceDir, 'assets'), path.join(entry.parentPath, entry.name)).split(path.sep).join('/')))
  const sameFolder = known.filter((file) => path.posix.dirname(file) === path.posix.dirname(wanted))
  const byName = closeMatches(path.posix.basename(wanted), sameFolder.map((file) => path.posix.basename(file)))
  const matches = byName.length > 0 ? byName.map((name) => path.posix.join(path.posix.dirname(wanted), name)) : closeMatches(wanted, known)
  return matches.length > 0 ? ` (did you mean ${matches.map((file) => `"${file}"`).join(', ')}?)` : ''
}
