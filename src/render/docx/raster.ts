/**
 * SVG to PNG for the fallback that DOCX requires beside every SVG picture (Word 2013,
 * LibreOffice before 7 and most phone viewers show only the fallback). Fonts come from
 * the brand alone, so the same SVG gives the same pixels on every machine.
 *
 * The size comes from parsing the SVG, and the PNG is drawn only when it is read: a map
 * brings its own print-resolution PNG (see `src/layout/maps/raster.ts`), so drawing one here too
 * would be thrown away.
 *
 * Both are remembered by the SVG's bytes and the brand: every document's covers draw the
 * same page colour, and a document's body is made more than once (the page flow's layouts,
 * then the package), so without it the same few pixels were drawn, loading the brand's
 * fonts into resvg each time, a dozen times a document.
 */
import { createHash } from 'node:crypto'
import { Resvg } from '@resvg/resvg-js'
import { LRUCache } from 'lru-cache'
import type { Brand } from '../../brand/brand.ts'

export interface Raster {
  /** Drawn on first read. */
  readonly png: Uint8Array
  /** The SVG's own size in CSS pixels, which the picture is laid out at. */
  readonly width: number
  readonly height: number
}

/** Rendered at twice the size, so the fallback stays sharp when printed. */
const scale = 2

/** Bounded, so a build of many pictures keeps the latest within a few megabytes. */
const drawn = new LRUCache<string, Uint8Array>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (png) => Math.max(1, png.byteLength) })
const sizes = new LRUCache<string, { width: number; height: number }>({ max: 1024 })

export function rasteriseSvg(svg: Uint8Array, brand: Brand): Raster {
  const key = `${brand.digest}:${createHash('sha1').update(svg).digest('hex')}`
  let size = sizes.get(key)
  if (!size) {
    // The size does not depend on fonts, so the parse that gives it loads none.
    const parsed = new Resvg(Buffer.from(svg), { font: { loadSystemFonts: false } })
    size = { width: parsed.width, height: parsed.height }
    sizes.set(key, size)
  }
  let png: Uint8Array | undefined
  return {
    width: size.width,
    height: size.height,
    get png() {
      png ??= drawn.get(key)
      if (!png) {
        png = draw(svg, brand)
        drawn.set(key, png)
      }
      return png
    },
  }
}

function draw(svg: Uint8Array, brand: Brand): Uint8Array {
  // Loading the brand's faces costs more than drawing a page's colour: an SVG without text needs none.
  const text = /<text[\s>]/.test(Buffer.from(svg).toString('utf8'))
  const options = {
    fitTo: { mode: 'zoom' as const, value: scale },
    font: text ? { loadSystemFonts: false, fontFiles: brand.fontFolder.trueTypeFiles, defaultFontFamily: brand.tokens.fonts.body.family } : { loadSystemFonts: false },
  }
  return new Uint8Array(new Resvg(Buffer.from(svg), options).render().asPng())
}
