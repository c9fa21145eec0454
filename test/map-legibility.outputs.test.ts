/**
 * Every map a reader gets, read back from the HTML editions (the report and every brief):
 * no label on another label, a symbol or a leader, none cut at its panel's edge, no text
 * under the brand's smallest size at the printed width, every route large enough to follow
 * and in a style of its own, and no country shaded that its routes do not name.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { loadBrand, type Brand } from '../src/brand/brand.ts'
import { loadContent, type Content } from '../src/content/load.ts'
import { textMeasure, type TextMeasure } from '../src/layout/maps/text-metrics.ts'
import type { Route } from '../src/content/schema.ts'
import { renderMap } from '../src/layout/maps/index.ts'
import { routeKinds } from '../src/content/model.ts'
import { legibilityProblems, readMap, routeReach, routeStyles, smallestTextPt } from './support/map-geometry.ts'
import { eventOf } from './support/assemble.ts'

let content: Content
let brand: Brand
let measure: TextMeasure
let maps: Array<{ document: string; svg: string }>

beforeAll(async () => {
  const outDir = inject('outDir')
  content = await loadContent('source')
  brand = await loadBrand()
  measure = textMeasure(brand)
  const files = [
    path.join(outDir, 'report', `${content.forum.slug}.html`),
    ...(await fs.readdir(path.join(outDir, 'briefs'))).filter((name) => name.endsWith('.html')).map((name) => path.join(outDir, 'briefs', name)),
  ]
  maps = []
  for (const file of files) {
    const html = await fs.readFile(file, 'utf8')
    for (const match of html.matchAll(/<svg [^>]*data-map="[^"]*"[\s\S]*?<\/svg>/g)) maps.push({ document: path.basename(file), svg: match[0] })
  }
})

const allRoutes = (): Route[] => [...content.corridors, ...content.smuggling, ...content.trafficking.flatMap((group) => group.flows)]

describe('the maps of the report and of every brief', () => {
  it('are read from the outputs: the three of the report and the maps of every brief', () => {
    expect(maps.filter((map) => map.document.startsWith(content.forum.slug))).toHaveLength(3)
    const briefs = new Set(maps.filter((map) => !map.document.startsWith(content.forum.slug)).map((map) => map.document))
    // A brief has maps when a route names its country or a place in it.
    const lookup = eventOf(content).lookup
    const onRoutes = content.countries.filter(
      (country) => country.participant && allRoutes().some((route) => route.stops.some((stop) => lookup.countryOf(stop.place) === country.code)),
    )
    expect(briefs.size).toBe(onRoutes.length)
  })

  it('set no label on another label, a symbol or a leader, and cut none at the frame', () => {
    const problems = maps.flatMap(({ document, svg }) => {
      const kind = /data-map="([^"]*)"/.exec(svg)![1]
      return legibilityProblems(readMap(svg, measure)).map((problem) => `${document} ${kind} ${problem}`)
    })
    expect(problems).toEqual([])
  })

  it('finds labels to check: the checker reads every label the maps draw', () => {
    for (const { document, svg } of maps) {
      const labels = readMap(svg, measure).flatMap((panel) => panel.labels)
      expect(labels.length, document).toBe([...svg.matchAll(/<text [^>]*data-label=/g)].length)
      expect(labels.length, document).toBeGreaterThan(0)
    }
  })

  it('print no text under the smallest size the brand allows, at the width a map is printed', () => {
    for (const { document, svg } of maps) {
      expect(smallestTextPt(svg, brand.tokens.map.printWidthMm), document).toBeGreaterThanOrEqual(brand.tokens.map.minTextPt)
    }
  })

  it('draw every route large enough to follow: at least 40 of the 1000 units in some panel', () => {
    const short = maps.flatMap(({ document, svg }) => [...routeReach(svg)].filter(([, reach]) => reach < 40).map(([route, reach]) => `${document} ${route}: ${Math.round(reach)}`))
    expect(short).toEqual([])
  })

  it('draw each route in a style of its own, up to eight on a map', () => {
    for (const { document, svg } of maps) {
      const styles = routeStyles(svg)
      const routes = new Set([...svg.matchAll(/data-route="([^"]*)"/g)].map((match) => match[1]!))
      expect([...styles.keys()].sort(), document).toEqual([...routes].sort())
      if (routes.size <= 8) expect(new Set(styles.values()).size, `${document}: ${[...styles].join(', ')}`).toBe(routes.size)
    }
  })

  it('shade or mark only countries that a route on the map names, never the members of a region', () => {
    const named = new Set(allRoutes().flatMap((route) => route.stops.map((stop) => stop.place)))
    for (const { document, svg } of maps) {
      const shaded = [...svg.matchAll(/data-country="([A-Z]{3})"/g)].map((match) => match[1]!)
      for (const code of shaded) expect(named, `${document} shades ${code}`).toContain(code)
      const marked = [...svg.matchAll(/data-place="([^"]*)"/g)].map((match) => match[1]!)
      for (const place of marked) expect(named, `${document} marks ${place}`).toContain(place)
    }
    // Iran is in the UN's "Southern Asia", but no route names it; the UAE is in the GCC, but only the smuggling routes name it.
    const report = maps.filter((map) => map.document.startsWith(content.forum.slug))
    for (const { svg } of report) expect(svg).not.toContain('data-country="IRN"')
    const trafficking = report.find((map) => map.svg.includes('data-map="trafficking"'))!.svg
    expect(trafficking).not.toContain('data-country="ARE"')
    expect(trafficking).not.toContain('data-country="TON"')
  })

  it('name every route in the legend, in plain words', () => {
    const trafficking = maps.find((map) => map.svg.includes('data-map="trafficking"'))!.svg
    const legend = /<g class="legend">(.*?)<\/g>$/.exec(trafficking.replace(/<\/svg>$/, ''))![1]!
    for (const route of content.trafficking.flatMap((group) => group.flows)) expect(legend).toContain(`>${route.name.replace(/&/g, '&amp;')}<`)
    expect(legend).not.toContain('a route names')
  })
})

describe('every map that can be drawn: each route kind, for the report and for every participant', () => {
  it('sets no label on another label, a symbol or a leader, and cuts none at the frame', async () => {
    const problems: string[] = []
    const highlights = [undefined, ...content.countries.filter((country) => country.participant).map((country) => country.code)]
    for (const highlight of highlights) {
      for (const routes of routeKinds) {
        const map = renderMap(eventOf(content), brand, { routes, highlight })
        for (const problem of legibilityProblems(readMap(map.svg, measure))) problems.push(`${highlight ?? 'report'} ${routes} ${problem}`)
      }
    }
    expect(problems).toEqual([])
  }, 600_000)
})

describe('the content states only what the text says', () => {
  it('gives no route a travel mode or purpose its sentences do not state', () => {
    const corridor = content.corridors.find((route) => route.id === 'east-south-east-asia-to-europe-north-america')!
    expect(corridor.travel).toBeUndefined()
    const frequent = content.trafficking.flatMap((group) => group.flows).find((route) => route.id === 'most-frequent-flows')!
    expect(frequent.purposes).toBeUndefined()
  })
})
