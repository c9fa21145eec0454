import { beforeAll, describe, expect, it } from 'vitest'
import { Resvg } from '@resvg/resvg-js'
import { toHtml } from 'hast-util-to-html'
import type { Element } from 'hast'
import { loadBrand, type Brand } from '../src/brand/brand.ts'
import { loadContent, type Content } from '../src/content/load.ts'
import { rasteriseMap, renderMap, type MapSpec } from '../src/layout/maps/index.ts'
import { placeMaps } from '../src/layout/place-maps.ts'
import { Session } from '../src/session/session.ts'
import { journeyStages } from '../src/layout/maps/select.ts'
import type { Route } from '../src/content/schema.ts'
import { reportOf, eventOf } from './support/assemble.ts'

let content: Content
let brand: Brand

beforeAll(async () => {
  ;[content, brand] = await Promise.all([loadContent('source'), loadBrand()])
})

const routesOf = (content: Content, kind: MapSpec['routes']): Route[] =>
  kind === 'corridors' ? content.corridors : kind === 'smuggling' ? content.smuggling : content.trafficking.flatMap((group) => group.flows)

const attributeValues = (svg: string, name: string): Set<string> =>
  new Set([...svg.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((match) => match[1]!))

/** Places that the maps draw as points: every stop that is not an origin or destination country. */
const pointRoles = new Set(['hub', 'transit', 'departure-point', 'staging-point', 'exploitation-site', 'forgery-centre'])

describe.each(['corridors', 'trafficking', 'smuggling'] as const)('the %s map', (kind) => {
  // Drawn once for the checks that read it (placing labels is the costly part); the check
  // of determinism draws it once more and compares.
  let drawn: ReturnType<typeof renderMap> | undefined
  const drawnMap = () => (drawn ??= renderMap(eventOf(content), brand, { routes: kind }))

  it('draws every route and every hub, transit, departure and forgery point of its data', () => {
    const map = drawnMap()
    const routes = attributeValues(map.svg, 'data-route')
    const places = attributeValues(map.svg, 'data-place')
    for (const route of routesOf(content, kind)) {
      expect(routes, route.id).toContain(route.id)
      for (const stop of route.stops.filter((stop) => pointRoles.has(stop.role))) expect(places, `${route.id} ${stop.place}`).toContain(stop.place)
    }
    expect(map.routes).toEqual(routesOf(content, kind).map((route) => route.id))
  })

  it('gives every route element a title and an arrow for each stage it crosses', () => {
    const map = drawnMap()
    for (const group of map.svg.matchAll(/<g data-route="[^"]*"[^>]*>(.)/g)) expect(group[1]).toBe('<')
    expect(map.svg).not.toMatch(/<g data-route="[^"]*"[^>]*>(?!<title>)/)
    for (const route of routesOf(content, kind)) {
      const arrows = [...map.svg.matchAll(new RegExp(`<g data-route="${route.id}" data-from=`, 'g'))].length
      if (journeyStages(route).length >= 2) expect(arrows, route.id).toBeGreaterThan(0)
    }
  })

  it('uses the brand font, has a caption and a text alternative, and stays small', () => {
    const map = drawnMap()
    expect(map.svg).toContain(`font-family="'Source Sans 3'"`)
    expect(map.caption.length).toBeGreaterThan(10)
    expect(map.alt).toContain(routesOf(content, kind)[0]!.name)
    expect(map.svg.length).toBeLessThan(300_000)
  })

  it('is deterministic: the same data gives the same bytes', () => {
    expect(renderMap(eventOf(content), brand, { routes: kind }).svg).toBe(drawnMap().svg)
  })
})

describe('a brief map', () => {
  it('highlights Thailand and shows only the routes that name it or a place in it', () => {
    const map = renderMap(eventOf(content), brand, { routes: 'trafficking', highlight: 'THA' })
    expect([...attributeValues(map.svg, 'data-highlight')]).toEqual(['THA'])
    expect(map.routes.sort()).toEqual(['cyber-scam-compounds', 'most-frequent-flows', 'to-thailand-and-china'])
    expect(attributeValues(map.svg, 'data-route')).toEqual(new Set(map.routes))
    expect(map.caption).toContain('Thailand')
  })

  it("closes in on the country's routes instead of showing the whole region", () => {
    const map = renderMap(eventOf(content), brand, { routes: 'corridors', highlight: 'THA' })
    const shape = /<path d="([^"]*)"[^>]*data-highlight="THA"/.exec(map.svg)?.[1] ?? ''
    // Each ring is an absolute `M x y`, then `l` steps relative to the point before.
    const xs = [...shape.matchAll(/M(-?\d+) (-?\d+)(?:l([^MZ]*))?/g)].flatMap((ring) => {
      const steps = [...(ring[3] ?? '').matchAll(/-?\d+/g)].map((match) => Number(match[0]))
      let x = Number(ring[1])
      const ringXs = [x]
      for (let index = 0; index < steps.length; index += 2) ringXs.push((x += steps[index]!))
      return ringXs
    })
    // On the Asia-Pacific frame of the report's maps Thailand is about 6% of the width.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(map.width * 0.1)
    for (const place of ['greater-bangkok', 'kuala-lumpur', 'jakarta']) expect(attributeValues(map.svg, 'data-place')).toContain(place)
  })

  it('says cleanly when the country is on no route: Japan', () => {
    const map = renderMap(eventOf(content), brand, { routes: 'smuggling', highlight: 'JPN' })
    expect(map.routes).toEqual([])
    expect(attributeValues(map.svg, 'data-route').size).toBe(0)
    expect([...attributeValues(map.svg, 'data-highlight')]).toEqual(['JPN'])
    expect(map.caption).toBe('Japan is not named on any key smuggling route')
  })
})

describe('rasterising', () => {
  it('gives a PNG at print width with ink where the map is', async () => {
    const map = renderMap(eventOf(content), brand, { routes: 'smuggling' })
    const png = await rasteriseMap(map, brand, 1200, new Session())
    expect([...png.subarray(1, 4)].map((code) => String.fromCharCode(code)).join('')).toBe('PNG')
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(1200)
    // Decode by rendering the PNG again as an SVG image: count pixels that are not near white.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1200" height="${Math.round((1200 * map.height) / map.width)}"><image width="100%" height="100%" xlink:href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`
    const pixels = new Resvg(svg).render().pixels
    let ink = 0
    let tinted = 0
    for (let index = 0; index < pixels.length; index += 4) {
      const sum = pixels[index]! + pixels[index + 1]! + pixels[index + 2]!
      if (sum < 600) ink++
      if (sum < 760) tinted++
    }
    // Lines, symbols and text are ink; the sea and shaded countries are tinted.
    expect(ink / (pixels.length / 4)).toBeGreaterThan(0.02)
    expect(tinted / (pixels.length / 4)).toBeGreaterThan(0.3)
  })
})

describe('placeMaps', () => {
  it('fills the report placeholders with inline SVG for HTML and a PNG with the SVG beside it for DOCX', async () => {
    const report = await reportOf(content, 'draft')
    // One session, as in a build: the DOCX's PNGs are made from the maps drawn for the HTML.
    const session = new Session()
    const html = await placeMaps(report, 'svg', { event: eventOf(content), brand, session })
    const htmlText = html.sections.map((section) => toHtml(section.tree, { allowDangerousHtml: true })).join('')
    for (const kind of ['corridors', 'trafficking', 'smuggling']) {
      expect(htmlText).toMatch(new RegExp(`<figure class="map" data-map="${kind}"[^>]*><svg role="img" aria-label="Map of`))
    }
    const docx = await placeMaps(report, 'png', { event: eventOf(content), brand, session })
    const images: Element[] = []
    const walk = (node: { children?: unknown[] }) => {
      for (const child of (node.children ?? []) as Element[]) {
        if (child.type === 'element' && child.tagName === 'img') images.push(child)
        walk(child)
      }
    }
    for (const section of docx.sections) walk(section.tree)
    const maps = images.filter((image) => String(image.properties.src).startsWith('data:image/png;base64,'))
    expect(maps).toHaveLength(3)
    for (const image of maps) {
      expect(String(image.properties.alt)).toMatch(/^Map of/)
      expect(String(image.properties.dataSvg)).toMatch(/^data:image\/svg\+xml;base64,/)
    }
    // The original document is left as it was.
    expect(report.sections.map((section) => toHtml(section.tree)).join('')).not.toContain('<svg')
  })
})
