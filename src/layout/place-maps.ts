/**
 * Fills the map placeholders that `::map{...}` leaves (`<figure class="map" data-map>`):
 * inline SVG for HTML (and the PDF printed from it), a print-resolution PNG with the SVG
 * beside it for DOCX. Each map is drawn once per map data and brand, however many
 * documents or formats show it, and however many builds a watching process runs: an edit
 * to a paragraph does not draw the maps again.
 */
import { createHash } from 'node:crypto'
import type { Element, ElementContent, Root } from 'hast'
import type { Raw } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import type { Brand } from '../brand/brand.ts'
import type { Content } from '../content/load.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import { printWidth, rasteriseMap, rasteriseMapInBackground, type RasterOptions } from './maps/raster.ts'
import { renderMap } from './maps/render.ts'
import { escapeXml } from './maps/svg.ts'
import { mapRouteKinds, type MapRoutes, type MapSpec, type RouteMap } from './maps/types.ts'

export type MapFormat = 'html' | 'docx'

interface Drawn {
  map: RouteMap
}

/**
 * Drawn maps by what they are drawn from: the map data (the same parts of the content as
 * the manifest's map hash), the brand and the map's spec. Bounded, as a watching process
 * sees many versions of the content.
 */
const drawnMaps = new Map<string, Drawn>()
const drawnLimit = 128
const dataKeys = new WeakMap<Content, WeakMap<Brand, string>>()

function dataKey(content: Content, brand: Brand): string {
  let byBrand = dataKeys.get(content)
  if (!byBrand) dataKeys.set(content, (byBrand = new WeakMap()))
  let key = byBrand.get(brand)
  if (key === undefined) {
    const { countries, places, corridors, trafficking, smuggling } = content
    const digest = createHash('sha256').update(withoutPositions({ countries, places, corridors, trafficking, smuggling }))
    digest.update('\0').update(JSON.stringify(brand.tokens))
    for (const font of brand.fonts) digest.update('\0').update(font.data)
    byBrand.set(brand, (key = digest.digest('hex')))
  }
  return key
}

/** Source positions move when unrelated lines are edited; they are not drawn. */
const withoutPositions = (value: unknown) => JSON.stringify(value, (key, entry: unknown) => (key === 'position' ? undefined : entry))

function drawn(content: Content, brand: Brand, spec: MapSpec): Drawn {
  const key = `${dataKey(content, brand)}:${spec.routes}:${spec.highlight ?? ''}`
  let entry = drawnMaps.get(key)
  if (!entry) {
    entry = { map: renderMap(content, brand, spec) }
    if (drawnMaps.size >= drawnLimit) drawnMaps.delete(drawnMaps.keys().next().value as string)
    drawnMaps.set(key, entry)
  }
  return entry
}

export interface ResolveMapsOptions extends RasterOptions {
  /** A country to highlight on maps that name none of their own. */
  highlight?: string
}

const isMapRoutes = (value: unknown): value is MapRoutes => mapRouteKinds.includes(value as MapRoutes)

function isMapFigure(node: Element): boolean {
  const className = node.properties.className
  return node.tagName === 'figure' && Array.isArray(className) && className.includes('map')
}

/** Draws the PNGs a DOCX of `document` will need off the main thread, so `resolveMaps(..., 'docx')` finds them ready. */
export async function prepareMapImages(document: PublishedDocument, content: Content, brand: Brand, options: ResolveMapsOptions = {}): Promise<void> {
  const maps: RouteMap[] = []
  for (const section of document.sections) {
    visit(section.tree as Root, 'element', (node) => {
      if (!isMapFigure(node)) return
      const spec = mapSpec(node, options.highlight)
      maps.push(drawn(content, brand, spec).map)
      return 'skip'
    })
  }
  await Promise.all(maps.map((map) => rasteriseMapInBackground(map, brand, printWidth, options)))
}

function mapSpec(node: Element, highlight: string | undefined): MapSpec {
  const routes = node.properties.dataMap
  if (!isMapRoutes(routes)) throw new Error(`Internal error: map placeholder with routes "${String(routes)}"`)
  const own = node.properties.dataHighlight
  const country = typeof own === 'string' ? own : highlight
  return { routes, ...(country ? { highlight: country } : {}) }
}

export function resolveMaps(
  document: PublishedDocument,
  content: Content,
  brand: Brand,
  format: MapFormat,
  options: ResolveMapsOptions = {},
): PublishedDocument {
  const { highlight } = options
  const sections = document.sections.map((section) => {
    const tree = structuredClone(section.tree) as Root
    visit(tree, 'element', (node) => {
      if (!isMapFigure(node)) return
      const entry = drawn(content, brand, mapSpec(node, highlight))
      node.children = [format === 'html' ? inlineSvg(entry.map) : image(entry, brand, options), figcaption(entry.map.caption)]
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

function image(entry: Drawn, brand: Brand, options: RasterOptions): Element {
  const png = rasteriseMap(entry.map, brand, printWidth, options)
  return {
    type: 'element',
    tagName: 'img',
    properties: {
      src: `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
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
