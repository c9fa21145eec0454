/**
 * A map drawn once for what it is made from, and remembered: in the session, and on disk
 * when the session has a cache folder, so that the next command (an edit built from the
 * command line, not only in `watch`) draws no map whose data did not change.
 *
 * The key covers the map data, the brand, the spec and the drawing code itself (the files
 * beside this one, and the atlas), so a changed map module never reuses an old drawing.
 * The drawing code, and with it d3-geo, the atlas and fontkit, is loaded only when a map
 * has to be drawn.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Brand } from '../../brand/brand.ts'
import type { EventContext } from '../../content/event.ts'
import type { MapSpec } from '../../content/model.ts'
import { ContentError, report } from '../../errors/catalogue.ts'
import type { Session } from '../../session/session.ts'
import type { RouteMap } from './types.ts'

/** Hash of the code that draws maps: this folder's modules and the atlas package's version. */
function drawingCode(session: Session): string {
  return session.remember('map-code', 'digest', () => {
    const folder = path.dirname(fileURLToPath(import.meta.url))
    const hash = createHash('sha256')
    for (const name of fs.readdirSync(folder).sort()) hash.update(name).update('\0').update(fs.readFileSync(path.join(folder, name))).update('\0')
    const require = createRequire(import.meta.url)
    for (const dependency of ['world-atlas', 'd3-geo', 'topojson-client', 'fontkit']) {
      try {
        hash.update(`${dependency}@${JSON.parse(fs.readFileSync(require.resolve(`${dependency}/package.json`), 'utf8')).version}\0`)
      } catch {
        hash.update(`${dependency}@?\0`)
      }
    }
    return hash.digest('hex')
  })
}

export function drawMap(event: EventContext, brand: Brand, spec: MapSpec, session: Session): Promise<RouteMap> {
  const { content } = event
  const key = `${content.digests.mapData}:${brand.digest}:${spec.routes}:${spec.highlight ?? ''}`
  return session.remember('maps', key, async () => {
    const digest = createHash('sha256').update(`${drawingCode(session)}\0${key}`).digest('hex')
    const file = session.cacheFile('maps', `${digest}.json`)
    const cached = file ? readCached(file) : undefined
    if (cached) return cached
    const [{ renderMap }, { textMeasure }, { MapPlaceError }] = await Promise.all([import('./render.ts'), import('./text-metrics.ts'), import('./geography.ts')])
    const measure = session.remember('text-measure', `${brand.digest}:${event.words.language}`, () => textMeasure(brand, event.words.language))
    const map = session.time('maps', () => {
      try {
        return renderMap(event, brand, spec, measure)
      } catch (error) {
        if (!(error instanceof MapPlaceError)) throw error
        // The content names a country the atlas has no shape for: said at the country's entry.
        const { file, place } = content.origin('countries.json', ['countries', content.countries.findIndex((country) => country.code === error.code)])
        // Once, though every map that needs the country finds it.
        if (!file.messages.some((message) => message.reason === error.message)) report(file, 'map-place', error.message, { place })
        throw new ContentError([file])
      }
    })
    if (file) await writeCached(session, file, map)
    return map
  })
}

function readCached(file: string): RouteMap | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as RouteMap
    const whole = typeof value.svg === 'string' && value.svg.endsWith('</svg>') && typeof value.alt === 'string' && typeof value.caption === 'string' && Number.isFinite(value.width) && Number.isFinite(value.height) && Array.isArray(value.routes)
    return whole ? value : undefined
  } catch {
    return undefined // none yet, or not whole: drawn again
  }
}

async function writeCached(session: Session, file: string, map: RouteMap): Promise<void> {
  try {
    await session.writeFile(file, JSON.stringify(map))
  } catch (error) {
    // The cache only saves time: a full disk or a read-only folder costs speed, not the build.
    if (!['ENOSPC', 'EROFS', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}
