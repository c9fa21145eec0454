import { beforeAll, describe, expect, it } from 'vitest'
import { Resvg } from '@resvg/resvg-js'
import { toHtml } from 'hast-util-to-html'
import type { Element } from 'hast'
import { loadBrand, type Brand } from '../src/brand/brand.ts'
import { loadContent, type Content } from '../src/content/load.ts'
import { rasteriseMap, renderMap, type MapSpec } from '../src/layout/maps/index.ts'
import { placeMaps } from '../src/layout/place-maps.ts'
import { Session } from '../src/session/session.ts'
import { altPhrases, journeyStages, selectRoutes } from '../src/layout/maps/select.ts'
import { legibilityProblems, readMap, routeReach, routeStyles } from './support/map-geometry.ts'
import { textMeasure } from '../src/layout/maps/text-metrics.ts'
import { projectRoot } from '../src/brand/brand.ts'
import path from 'node:path'
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
    expect(map.svg).toMatch(/font-family="(&#39;|')Source Sans 3/)
    expect(map.caption.length).toBeGreaterThan(10)
    expect(map.alt).toContain(routesOf(content, kind)[0]!.name)
    expect(map.svg.length).toBeLessThan(300_000)
  })

  it('keeps every label off the route lines, arrowheads and bands that neither leave nor reach its place', () => {
    // Placement counts those lines as a cost; a label's own lines cost it less, and its leader starts on its own symbol freely.
    expect(legibilityProblems(readMap(drawnMap().svg, textMeasure(brand)), { lines: true })).toEqual([])
  })

  it('draws no symbol cut by a panel\'s edge', () => {
    for (const panel of readMap(drawnMap().svg, textMeasure(brand))) {
      for (const { key, box } of panel.markers) {
        const { bounds } = panel
        expect(box.x0 >= bounds.x0 && box.y0 >= bounds.y0 && box.x1 <= bounds.x1 && box.y1 <= bounds.y1, `${panel.name} ${key}`).toBe(true)
      }
    }
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

  it('frames a country its routes name only by a place in it: Bangladesh by Cox\'s Bazar is labelled, not cut at the frame', () => {
    const map = renderMap(eventOf(content), brand, { routes: 'corridors', highlight: 'BGD' })
    expect(map.routes).toEqual(['bay-of-bengal-andaman-sea-maritime-route'])
    expect(map.svg).toMatch(/<text [^>]*data-label="BGD"[^>]*>Bangladesh</)
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

describe('the text alternatives say each place in its own role, as the data gives it', () => {
  /** The phrase each place of a route's sentence comes under, read back from the text alternative: the one that ends last before the place's name. */
  function phrasesOf(alt: string, content: Content, route: Route): Map<string, string> {
    const { words, lookup } = eventOf(content)
    const sentence = alt.slice(alt.indexOf(`${route.name}: `) + route.name.length + 2).split('. ')[0]!
    const leads = altPhrases.map(({ key }) => words.say(key, { places: '\u0000' }).split('\u0000')[0]!)
    const found = new Map<string, string>()
    for (const stop of route.stops) {
      const before = sentence.slice(0, sentence.indexOf(lookup.place(stop.place).name))
      let best: { lead: string; end: number } | undefined
      for (const lead of leads) {
        const at = before.lastIndexOf(lead)
        if (at < 0) continue
        const end = at + lead.length
        if (!best || end > best.end || (end === best.end && lead.length > best.lead.length)) best = { lead, end }
      }
      if (best) found.set(stop.place, best.lead)
    }
    return found
  }

  const expectRoles = (content: Content, alt: string, routes: Route[]) => {
    const { words } = eventOf(content)
    for (const route of routes) {
      const phrases = phrasesOf(alt, content, route)
      for (const stop of route.stops) {
        const key = altPhrases.find((phrase) => phrase.roles.includes(stop.role))!.key
        expect(phrases.get(stop.place), `${route.id}: ${stop.place} is ${stop.role}`).toBe(words.say(key, { places: '\u0000' }).split('\u0000')[0])
      }
    }
  }

  it('on the report\'s maps', () => {
    for (const kind of ['corridors', 'trafficking', 'smuggling'] as const) {
      const map = renderMap(eventOf(content), brand, { routes: kind })
      expectRoles(content, map.alt, routesOf(content, kind))
    }
  })

  it('on a local route: a destination is "to", a place of exploitation is not a destination', async () => {
    const local = await loadContent(path.join(projectRoot, 'test/fixtures/events/local-route'))
    const map = renderMap(eventOf(local), brand, { routes: 'smuggling' })
    expectRoles(local, map.alt, local.smuggling)
    expect(map.alt).toContain('places of exploitation in Tawau, to Nunukan')
  })
})

describe('the frame, the routes and their styles', () => {
  it('fits a local route to its frame: Tawau to Nunukan spans much of the map, not a speck on the region', async () => {
    const local = await loadContent(path.join(projectRoot, 'test/fixtures/events/local-route'))
    const map = renderMap(eventOf(local), brand, { routes: 'smuggling' })
    const arrow = /<g data-route="tawau-nunukan" data-from="tawau" data-to="nunukan">/.test(map.svg)
    expect(arrow).toBe(true)
    // About 30 km: on an Asia-Pacific frame it was under 3 of the 1000 units.
    expect(routeReach(map.svg).get('tawau-nunukan')).toBeGreaterThan(map.width * 0.25)
  })

  it('draws the Bay-of-Bengal route as a band from Cox\'s Bazar across the seas the text names, with no invented end', () => {
    const map = renderMap(eventOf(content), brand, { routes: 'corridors' })
    const band = /<g data-route="bay-of-bengal-andaman-sea-maritime-route" data-from="coxs-bazar" data-to="([^"]*)" data-band="">(.*?)<\/g>/.exec(map.svg)
    expect(band?.[1]).toBe('andaman-sea')
    // A band ends in the sea: no arrowhead (a closed path) says people arrive anywhere.
    expect(band?.[2]).not.toMatch(/Z"/)
    expect(map.alt).toContain('departing from Cox\'s Bazar, across the Bay of Bengal and the Andaman Sea')
    expect(routeReach(map.svg).get('bay-of-bengal-andaman-sea-maritime-route')).toBeGreaterThanOrEqual(40)
  })

  it('gives each route of the report\'s maps a colour and dash of its own, from the brand\'s palette', () => {
    for (const kind of ['corridors', 'trafficking', 'smuggling'] as const) {
      const map = renderMap(eventOf(content), brand, { routes: kind })
      const styles = routeStyles(map.svg)
      expect([...styles.keys()].sort()).toEqual(routesOf(content, kind).map((route) => route.id).sort())
      expect(new Set(styles.values()).size).toBe(styles.size)
      // Dashes are drawn as pieces of the path: a dash array would be outlined dash by dash in the PDF.
      for (const group of map.svg.matchAll(/<g [^>]*data-route="[^"]*"[^>]*>.*?<\/g>/g)) expect(group[0]).not.toContain('stroke-dasharray')
      for (const style of styles.values()) expect(brand.tokens.map.routes).toContain(style.split(' ')[1]!.startsWith('#') ? style.split(' ')[1] : style.split(' ')[0])
    }
  })

  it('groups the routes by the report\'s headings only past eight on a map', () => {
    const selection = selectRoutes(eventOf(content), { routes: 'trafficking' })
    expect(selection.grouped).toBe(false)
    expect(selection.categories).toHaveLength(routesOf(content, 'trafficking').length)
    const many = { ...content, trafficking: content.trafficking.map((group) => ({ ...group, flows: [...group.flows, ...group.flows.map((flow) => ({ ...flow, id: `${flow.id}-again` }))] })) }
    const grouped = selectRoutes(eventOf(many), { routes: 'trafficking' })
    expect(grouped.grouped).toBe(true)
    expect(grouped.categories.map((category) => category.key)).toEqual(content.trafficking.map((group) => group.id))
  })
})

/** The legend's entries as drawn: each text with the extent of the sample drawn before it (none for a heading), and the arrowhead's tip and base. */
function legendEntries(svg: string) {
  const legend = /<g class="legend">(.*)<\/g><\/svg>$/.exec(svg)![1]!
  const entries: Array<{ text: string; x: number; anchor: string; sample?: { x0: number; x1: number }; arrow?: { tip: number; base: number } }> = []
  let xs: number[] = []
  let arrow: { tip: number; base: number } | undefined
  const value = (tag: string, name: string) => Number(new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1])
  for (const [, name, tag, text] of legend.matchAll(/<(text|path|circle|rect|ellipse)(\s[^>]*?)(?:\/>|>([^<]*)<\/text>)/g)) {
    if (name === 'text') {
      entries.push({ text: text!, x: value(tag!, 'x'), anchor: / text-anchor="([^"]*)"/.exec(tag!)?.[1] ?? 'start', ...(xs.length > 0 ? { sample: { x0: Math.min(...xs), x1: Math.max(...xs) } } : {}), ...(arrow ? { arrow } : {}) })
      xs = []
      arrow = undefined
    } else if (name === 'path') {
      const d = / d="([^"]*)"/.exec(tag!)![1]!
      const points = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => Number(match[1]))
      xs.push(...points)
      // The arrowhead: a closed triangle, its tip first.
      if (d.endsWith('Z') && points.length === 3) arrow = { tip: points[0]!, base: points[1]! }
    } else if (name === 'circle' || name === 'ellipse') {
      const r = name === 'circle' ? value(tag!, 'r') : value(tag!, 'rx')
      xs.push(value(tag!, 'cx') - r, value(tag!, 'cx') + r)
    } else {
      xs.push(value(tag!, 'x'), value(tag!, 'x') + value(tag!, 'width'))
    }
  }
  return entries
}

const panelBounds = (svg: string, name: string): number[] | undefined =>
  [...svg.matchAll(/data-panel="([^"]*)" data-panel-bounds="([^"]*)"/g)].filter((match) => match[1] === name).map((match) => match[2]!.split(' ').map(Number))[0]

describe('a map in a language written from right to left', () => {
  it('mirrors its legend: on the right, each sample to the right of its words, text anchored right, arrows pointing left', async () => {
    const arabic = await loadContent(path.join(projectRoot, 'test/fixtures/events/languages/arabic'))
    const map = renderMap(eventOf(arabic), brand, { routes: 'corridors' })
    const entries = legendEntries(map.svg)
    expect(entries.filter((entry) => entry.sample).length).toBeGreaterThanOrEqual(3)
    for (const entry of entries) {
      expect(entry.anchor, entry.text).toBe('end')
      if (entry.sample) expect(entry.sample.x0, entry.text).toBeGreaterThan(entry.x)
    }
    // The headings and each row's first entry start at the right margin.
    expect(Math.max(...entries.map((entry) => entry.sample?.x1 ?? entry.x))).toBeGreaterThan(map.width - 30)
    const arrows = entries.filter((entry) => entry.arrow)
    expect(arrows).not.toHaveLength(0)
    for (const { arrow } of arrows) expect(arrow!.tip).toBeLessThan(arrow!.base)

    // The PNG for the DOCX is drawn from the same SVG: its legend's ink lies on the right half.
    const png = await rasteriseMap(map, brand, 500, new Session())
    // resvg is given only the font files the map's characters need (the body and Arabic
    // ones here): the picture is byte for byte the one every shipped font gives.
    const everyFont = new Resvg(map.svg, {
      fitTo: { mode: 'width', value: 500 },
      background: brand.tokens.colors.white ?? '#FFFFFF',
      font: { fontFiles: brand.fontFolder.trueTypeFiles, loadSystemFonts: false, defaultFontFamily: brand.tokens.fonts.body.family },
    }).render().asPng()
    expect(Buffer.from(png).equals(everyFont)).toBe(true)
    const height = Math.round((500 * map.height) / map.width)
    const frameBottom = Math.ceil((panelBounds(map.svg, 'map')![3]! * 500) / map.width) + 4
    const image = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="500" height="${height}"><image width="100%" height="100%" xlink:href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`
    const pixels = new Resvg(image).render().pixels
    const inkColumns: number[] = []
    for (let y = frameBottom; y < height; y++) {
      for (let x = 0; x < 500; x++) {
        const index = (y * 500 + x) * 4
        if (pixels[index]! + pixels[index + 1]! + pixels[index + 2]! < 600) inkColumns.push(x)
      }
    }
    expect(inkColumns.length).toBeGreaterThan(50)
    expect(Math.min(...inkColumns)).toBeGreaterThan(250)
  })

  it('puts an inset on the right and the legend beside it, where English puts them on the left', () => {
    const english = renderMap(eventOf(content), brand, { routes: 'corridors' })
    const arabic = renderMap(eventOf({ ...content, forum: { ...content.forum, language: 'ar' } }), brand, { routes: 'corridors' })
    const [ex0, , ex1] = panelBounds(english.svg, 'inset')!
    const [ax0, , ax1] = panelBounds(arabic.svg, 'inset')!
    expect([ex0, ax1]).toEqual([0, english.width])
    expect(ax0).toBe(english.width - ex1!)
    for (const entry of legendEntries(english.svg)) {
      expect(entry.anchor).toBe('start')
      expect(entry.x).toBeGreaterThan(ex1!)
      if (entry.sample) expect(entry.sample.x1, entry.text).toBeLessThan(entry.x)
    }
    for (const entry of legendEntries(arabic.svg)) expect(entry.sample?.x1 ?? entry.x, entry.text).toBeLessThan(ax0!)
  })
})
