/**
 * Draws the route maps into the places the documents keep for them (`mapPlaceholder`):
 * inline SVG for HTML (and the PDF printed from it), a print-resolution PNG with the SVG
 * beside it for DOCX, each with its caption. A map is drawn once per map data, brand and
 * spec for the life of the session, however many documents or formats show it: an edit
 * to a paragraph in `watch` draws no map again.
 */
import type { Element, Root } from 'hast'
import type { Raw } from 'mdast-util-to-hast'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { Brand } from '../brand/brand.ts'
import type { EventContext } from '../content/event.ts'
import { routeKinds, type MapSpec, type RouteKind } from '../content/model.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import type { Session } from '../session/session.ts'
import { drawMap } from './maps/drawn.ts'
import { escapeXml } from './maps/svg.ts'
import type { RouteMap } from './maps/types.ts'

/** How a format shows a map: inline SVG (HTML, PDF) or a PNG with its SVG beside it (DOCX). */
export type MapImage = 'svg' | 'png'

export interface MapContext {
  event: EventContext
  brand: Brand
  session: Session
}

function isMapFigure(node: Element): boolean {
  const className = node.properties.className
  return node.tagName === 'figure' && Array.isArray(className) && className.includes('map')
}

/** The map a placeholder asks for, from the attributes `mapPlaceholder` gave it. */
function mapSpecOf(node: Element): MapSpec {
  const routes = node.properties.dataMap
  if (!routeKinds.includes(routes as RouteKind)) throw new Error(`Internal error: map placeholder with routes "${String(routes)}"`)
  const highlight = node.properties.dataHighlight
  return { routes: routes as RouteKind, ...(typeof highlight === 'string' ? { highlight } : {}) }
}

/** The maps a document shows, in reading order. */
export function mapsOf(document: PublishedDocument): MapSpec[] {
  const specs: MapSpec[] = []
  for (const section of document.sections) {
    visit(section.tree, 'element', (node) => {
      if (!isMapFigure(node)) return
      specs.push(mapSpecOf(node))
      return 'skip'
    })
  }
  return specs
}

/** `document` with every map drawn into its place, as `image` says. */
export async function placeMaps(document: PublishedDocument, image: MapImage, context: MapContext): Promise<PublishedDocument> {
  const maps = new Map<string, { map: RouteMap; png?: Uint8Array }>()
  for (const spec of mapsOf(document)) {
    const key = `${spec.routes}:${spec.highlight ?? ''}`
    if (!maps.has(key)) maps.set(key, { map: await drawMap(context.event, context.brand, spec, context.session) })
  }
  if (image === 'png') {
    // resvg is loaded only for a format that needs PNGs.
    const { printWidth, rasteriseMap } = await import('./maps/raster.ts')
    // Drawn on libuv's thread pool, side by side, while the main thread goes on driving Chromium.
    await Promise.all([...maps.values()].map(async (entry) => (entry.png = await context.session.time('maps', () => rasteriseMap(entry.map, context.brand, printWidth, context.session)))))
  }
  const { words } = context.event
  const sections = document.sections.map((section) => {
    const tree = structuredClone(section.tree) as Root
    let index = 0
    visit(tree, 'element', (node) => {
      if (!isMapFigure(node)) return
      const spec = mapSpecOf(node)
      const entry = maps.get(`${spec.routes}:${spec.highlight ?? ''}`)
      if (!entry) throw new Error('Internal error: a map was not drawn')
      if (entry.png) {
        node.children = [pngImage(entry.map, entry.png), h('figcaption', entry.map.caption)]
      } else {
        // A phone shows the map a third of its drawn size, its legend too small to read: a
        // link to the figure itself shows it over the whole window (CSS :target), and one
        // to its caption puts it back. No script; print hides both links.
        const id = `map-${section.id}-${++index}`
        node.properties.id = id
        node.children = [
          inlineSvg(entry.map),
          h('figcaption', { id: `${id}-caption` }, [
            entry.map.caption,
            ' ',
            h('a', { className: ['map-open'], href: `#${id}` }, words.say('map.open-full-size')),
            h('a', { className: ['map-close'], href: `#${id}-caption` }, words.say('map.close-full-size')),
          ]),
        ]
      }
      node.properties.dataRoutes = entry.map.routes.join(' ')
      return 'skip'
    })
    return { ...section, tree }
  })
  return { ...document, sections }
}

function inlineSvg(map: RouteMap): Raw {
  // The SVG is written by our code from escaped content, so it can go in as it is.
  const svg = map.svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(map.alt)}" `)
  return { type: 'raw', value: svg }
}

function pngImage(map: RouteMap, png: Uint8Array): Element {
  return h('img', {
    src: dataUri('image/png', png),
    alt: map.alt,
    width: map.width,
    height: map.height,
    dataSvg: dataUri('image/svg+xml', Buffer.from(map.svg)),
  })
}

const dataUri = (mediaType: string, bytes: Uint8Array) => `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`
