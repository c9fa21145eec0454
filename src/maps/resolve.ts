/**
 * Fills the map placeholders that `::map{...}` leaves (`<figure class="map" data-map>`):
 * inline SVG for HTML (and the PDF printed from it), a print-resolution PNG with the SVG
 * beside it for DOCX. Each map is drawn once per content and brand, however many documents
 * or formats show it.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { Raw } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import type { Brand } from '../brand/brand.ts'
import type { Content } from '../content/load.ts'
import type { PublishedDocument } from '../document/model.ts'
import { printWidth, rasteriseMap } from './raster.ts'
import { renderMap } from './render.ts'
import { escapeXml } from './svg.ts'
import { mapRouteKinds, type MapRoutes, type MapSpec, type RouteMap } from './types.ts'

export type MapFormat = 'html' | 'docx'

interface Drawn {
  map: RouteMap
  png?: Uint8Array
}

/** Renders per content and brand object: a new build loads new ones, so nothing stale survives it. */
const cache = new WeakMap<Content, WeakMap<Brand, Map<string, Drawn>>>()

function drawn(content: Content, brand: Brand, spec: MapSpec): Drawn {
  let byBrand = cache.get(content)
  if (!byBrand) cache.set(content, (byBrand = new WeakMap()))
  let bySpec = byBrand.get(brand)
  if (!bySpec) byBrand.set(brand, (bySpec = new Map()))
  const key = `${spec.routes}:${spec.highlight ?? ''}`
  let entry = bySpec.get(key)
  if (!entry) bySpec.set(key, (entry = { map: renderMap(content, brand, spec) }))
  return entry
}

const isMapRoutes = (value: unknown): value is MapRoutes => mapRouteKinds.includes(value as MapRoutes)

function isMapFigure(node: Element): boolean {
  const className = node.properties.className
  return node.tagName === 'figure' && Array.isArray(className) && className.includes('map')
}

export function resolveMaps(
  document: PublishedDocument,
  content: Content,
  brand: Brand,
  format: MapFormat,
  highlight?: string,
): PublishedDocument {
  const sections = document.sections.map((section) => {
    const tree = structuredClone(section.tree) as Root
    visit(tree, 'element', (node) => {
      if (!isMapFigure(node)) return
      const routes = node.properties.dataMap
      if (!isMapRoutes(routes)) throw new Error(`Internal error: map placeholder with routes "${String(routes)}"`)
      const own = node.properties.dataHighlight
      const country = typeof own === 'string' ? own : highlight
      const spec: MapSpec = { routes, ...(country ? { highlight: country } : {}) }
      const entry = drawn(content, brand, spec)
      node.children = [format === 'html' ? inlineSvg(entry.map) : image(entry, brand), figcaption(entry.map.caption)]
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

function image(entry: Drawn, brand: Brand): Element {
  entry.png ??= rasteriseMap(entry.map, brand, printWidth)
  return {
    type: 'element',
    tagName: 'img',
    properties: {
      src: `data:image/png;base64,${Buffer.from(entry.png).toString('base64')}`,
      alt: entry.map.alt,
      width: entry.map.width,
      height: entry.map.height,
      dataSvg: `data:image/svg+xml;base64,${Buffer.from(entry.map.svg).toString('base64')}`,
    },
    children: [],
  }
}

function figcaption(caption: string): Element {
  const children: ElementContent[] = [{ type: 'text', value: caption }]
  return { type: 'element', tagName: 'figcaption', properties: {}, children }
}
