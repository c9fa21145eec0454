/**
 * PNG of a map for formats that cannot hold SVG alone (the DOCX), rasterised with resvg
 * on libuv's thread pool using only the brand's font files, so the picture matches the
 * vector map and no system font leaks in.
 *
 * Rasterising is the slowest step of a DOCX, and every brief's map differs only in the
 * country it highlights, so each PNG is kept by a hash of what it is made from (the SVG,
 * the width, the background and the fonts): in the session, and on disk when the session
 * has a cache folder, so a later command reuses it. A PNG is a pure function of that key,
 * so a cached one is the same bytes.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { renderAsync } from '@resvg/resvg-js'
import * as fontkit from 'fontkit'
import type { Brand } from '../../brand/brand.ts'
import type { Session } from '../../session/session.ts'
import { labelShaper } from './shaped-labels.ts'
import type { RouteMap } from './types.ts'

/**
 * 1000 px across the 170 mm text width of an A4 page (the printed size of a map in the
 * DOCX) is 150 dpi. The PNG is only the fallback: Word 2016 and later and LibreOffice 7
 * and later show the SVG beside it, at any resolution; the fallback serves older viewers,
 * on screen and in an office print. It was 2000 px (300 dpi), which cost four times the
 * pixels to draw and to compress and was the largest cost of a cold DOCX build.
 */
export const printWidth = 1000

/** Bumped when the way a PNG is made changes, so an old cache is not reused. */
const cacheVersion = 'map-png-2'

export function rasteriseMap(map: RouteMap, brand: Brand, widthPx: number, session: Session): Promise<Uint8Array> {
  const background = brand.tokens.colors.white ?? '#FFFFFF'
  const key = createHash('sha256').update(`${cacheVersion}\0${widthPx}\0${background}\0${brand.digest}\0`).update(map.svg).digest('hex')
  return session.remember('map-png', key, async () => {
    const file = session.cacheFile('maps', `${key}.png`)
    // Read at once, as `drawn.ts` reads a drawing: a few hundred kilobytes from the cache
    // folder take less time than a turn of the event loop, which a busy build (Chromium's
    // messages, the DOCX worker's) can make last a second, all of it counted to the maps.
    const cached = file ? readCached(file) : undefined
    if (cached) return cached
    // Bengali, Tamil, Sinhala, Myanmar and Khmer labels as HarfBuzz's outlines: resvg sets their letters out of order.
    const svg = session.remember('label-shaper', brand.digest, () => labelShaper(brand)).outline(map.svg)
    const image = await renderAsync(svg, {
      fitTo: { mode: 'width', value: widthPx },
      background,
      font: {
        fontFiles: fontFilesFor(svg, brand, session),
        loadSystemFonts: false,
        defaultFontFamily: brand.tokens.fonts.body.family,
      },
    })
    const png = new Uint8Array(image.asPng())
    if (file) await writeCached(session, file, png)
    return png
  })
}

/**
 * The font files resvg needs for `svg`: the body faces, and of the other shipped files those
 * that have a character some body face lacks. resvg reads every file it is given for each
 * picture (38 of them once every script had its font, a sixth of a map's drawing time), and
 * draws a character in the first family of the SVG's stack it finds, the body, falling back
 * only for a character that face lacks, to a file that has it: a file with none of the
 * characters the body lacks draws nothing, and leaving it out leaves the PNG the same.
 */
function fontFilesFor(svg: string, brand: Brand, session: Session): string[] {
  const { lacks, packaged, bodyFiles } = session.remember('map-raster-fonts', brand.digest, () => {
    const body = brand.fonts.map((face) => fontkit.create(Buffer.from(face.data)) as fontkit.Font)
    const known = new Map<number, boolean>()
    return {
      lacks(codePoint: number): boolean {
        let lacking = known.get(codePoint)
        if (lacking === undefined) known.set(codePoint, (lacking = body.some((font) => !font.hasGlyphForCodePoint(codePoint))))
        return lacking
      },
      // The fallback files as `font-folder.ts` names them, with the characters each has.
      packaged: new Map(brand.webFonts.filter((face) => !face.lazy).map((face) => [face.woff.endsWith('.ttf') ? path.basename(face.woff) : `${path.basename(face.woff, '.woff')}.ttf`, face.characters])),
      bodyFiles: new Set(brand.fonts.map((face) => face.absolutePath)),
    }
  })
  const lacking = new Set<number>()
  // Read character by character: a map's SVG is mostly path data, and most of its characters repeat.
  const seen = new Uint8Array(0x10000)
  for (let index = 0; index < svg.length; index++) {
    const unit = svg.charCodeAt(index)
    const codePoint = svg.codePointAt(index)!
    if (codePoint > 0xffff) {
      // Outside the Basic Multilingual Plane: two code units, told apart by the pair.
      index++
      if (lacks(codePoint)) lacking.add(codePoint)
      continue
    }
    if (seen[unit]) continue
    seen[unit] = 1
    if (lacks(codePoint)) lacking.add(codePoint)
  }
  return brand.fontFolder.trueTypeFiles.filter((file) => {
    if (bodyFiles.has(file)) return true
    const characters = packaged.get(path.basename(file))
    // A file this does not know is kept: given too many fonts, resvg draws the same picture.
    return !characters || [...lacking].some((codePoint) => characters.has(codePoint))
  })
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
  if (!bytes) return undefined
  const whole = bytes.length > 20 && bytes.subarray(1, 4).toString('latin1') === 'PNG' && bytes.subarray(-8, -4).toString('latin1') === 'IEND'
  return whole ? new Uint8Array(bytes) : undefined
}

/** Written whole or not at all (see `atomic-write.ts`), so a killed build never leaves half a PNG under its key. */
async function writeCached(session: Session, file: string, png: Uint8Array): Promise<void> {
  try {
    await session.writeFile(file, png)
  } catch (error) {
    // The cache only saves time: a full disk or a read-only folder costs speed, not the build.
    if (!['ENOSPC', 'EROFS', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}
