/**
 * PNG of a map for formats that cannot hold SVG (the DOCX), rasterised with resvg using
 * only the brand's font files, so the picture matches the vector map and no system font
 * leaks in.
 *
 * Rasterising is the slowest step of a DOCX, and every brief's map differs only in the
 * country it highlights, so each PNG is kept by a hash of what it is made from (the SVG,
 * the width, the background and the font files): in memory for the life of the process
 * (watch mode), and on disk when the build names a cache folder, so a later build reuses
 * it. A PNG is a pure function of that key, so a cached one is the same bytes.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Resvg, renderAsync } from '@resvg/resvg-js'
import type { Brand } from '../../brand/brand.ts'
import type { RouteMap } from './types.ts'

/**
 * 2000 px across the 170 mm text width of an A4 page is 300 dpi: print resolution. (It was
 * 2400 px, 360 dpi, which no printer of this report resolves and which cost half as much
 * again to rasterise and to compress.)
 */
export const printWidth = 2000

export interface RasterOptions {
  /** A folder for PNGs kept between builds (the build uses `out/.cache/`); none: memory only. */
  cacheDirectory?: string
}

/** Bumped when the way a PNG is made changes, so an old cache is not reused. */
const cacheVersion = 'map-png-1'
const memoryLimit = 64
const memory = new Map<string, Uint8Array>()
const fontHashes = new WeakMap<Brand, string>()

export function rasteriseMap(map: RouteMap, brand: Brand, widthPx: number = printWidth, options: RasterOptions = {}): Uint8Array {
  const { key, file } = locate(map, brand, widthPx, options)
  const remembered = memory.get(key) ?? (file && readCached(file))
  if (remembered) return remember(key, remembered)
  const png = new Uint8Array(new Resvg(map.svg, renderOptions(brand, widthPx)).render().asPng())
  if (file) writeCached(file, png)
  return remember(key, png)
}

const inFlight = new Map<string, Promise<Uint8Array>>()

/**
 * The same PNG, drawn on libuv's thread pool instead of this thread: the build calls it
 * before a DOCX, so the main thread goes on driving Chromium while maps are drawn, and
 * `rasteriseMap` then finds the PNG in memory.
 */
export function rasteriseMapInBackground(map: RouteMap, brand: Brand, widthPx: number = printWidth, options: RasterOptions = {}): Promise<Uint8Array> {
  const { key, file } = locate(map, brand, widthPx, options)
  const remembered = memory.get(key) ?? (file && readCached(file))
  if (remembered) return Promise.resolve(remember(key, remembered))
  let drawing = inFlight.get(key)
  if (!drawing) {
    drawing = renderAsync(map.svg, renderOptions(brand, widthPx))
      .then((image) => {
        const png = new Uint8Array(image.asPng())
        if (file) writeCached(file, png)
        return remember(key, png)
      })
      .finally(() => inFlight.delete(key))
    inFlight.set(key, drawing)
  }
  return drawing
}

function locate(map: RouteMap, brand: Brand, widthPx: number, options: RasterOptions): { key: string; file?: string } {
  const background = brand.tokens.colors.white ?? '#FFFFFF'
  const key = createHash('sha256').update(`${cacheVersion}\0${widthPx}\0${background}\0${fontHash(brand)}\0`).update(map.svg).digest('hex')
  return { key, file: options.cacheDirectory ? path.join(options.cacheDirectory, 'maps', `${key}.png`) : undefined }
}

function remember(key: string, png: Uint8Array): Uint8Array {
  if (!memory.has(key) && memory.size >= memoryLimit) memory.delete(memory.keys().next().value as string)
  memory.set(key, png)
  return png
}

function renderOptions(brand: Brand, widthPx: number) {
  return {
    fitTo: { mode: 'width' as const, value: widthPx },
    background: brand.tokens.colors.white ?? '#FFFFFF',
    font: {
      fontFiles: brand.fontFolder.trueTypeFiles,
      loadSystemFonts: false,
      defaultFontFamily: brand.tokens.fonts.body.family,
    },
  }
}

function fontHash(brand: Brand): string {
  let hash = fontHashes.get(brand)
  if (hash === undefined) {
    const digest = createHash('sha256').update(brand.tokens.fonts.body.family)
    for (const font of brand.fonts) digest.update('\0').update(font.data)
    // Named by a hash of the fallback fonts it holds.
    digest.update('\0').update(brand.fontFolder.directory)
    fontHashes.set(brand, (hash = digest.digest('hex')))
  }
  return hash
}

/** A cached PNG, or nothing when there is none or it is not a whole PNG (then it is drawn again). */
function readCached(file: string): Uint8Array | undefined {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const whole = bytes.length > 20 && bytes.subarray(1, 4).toString('latin1') === 'PNG' && bytes.subarray(-8, -4).toString('latin1') === 'IEND'
  return whole ? new Uint8Array(bytes) : undefined
}

/** Written beside and renamed into place, so a killed build never leaves half a PNG under its key. */
function writeCached(file: string, png: Uint8Array): void {
  if (fs.existsSync(file)) return
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`
  try {
    fs.writeFileSync(temporary, png)
    fs.renameSync(temporary, file)
  } catch (error) {
    fs.rmSync(temporary, { force: true })
    // The cache only saves time: a full disk or a read-only folder costs speed, not the build.
    if (!['ENOSPC', 'EROFS', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}
