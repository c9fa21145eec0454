/**
 * The page design as a publication designer measures it, on every document of the test
 * build: body lines of a readable length (text positions read from each PDF), no heading
 * stranded at a page foot, no runt page and no page left half empty while its part goes
 * on (the float and fit pass), route facts in the margin column, covers that say the document's
 * kind once, back covers on the briefs, keep-with-next on headings alone in the DOCX, DOCX
 * covers on the brand's colour, and HTML maps that open at full size without a script.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { brandGeometry, emptyPages, fullBodyLineLengths, measurePdf, percentile, strandedHeadings, type Geometry, type PageMeasures } from './support/page-measures.ts'

const millimetre = 72 / 25.4

let outDir: string
let geometry: Geometry
let brand: { page: Record<string, string>; colors: Record<string, string> }
const measured = new Map<string, PageMeasures>()

async function outputs(extension: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['report', 'briefs']) {
    for (const name of (await fs.readdir(path.join(outDir, folder))).sort()) if (name.endsWith(extension)) found.push(path.join(outDir, folder, name))
  }
  return found
}

beforeAll(async () => {
  outDir = inject('outDir')
  geometry = await brandGeometry()
  brand = JSON.parse(await fs.readFile('styles/brand.json', 'utf8'))
  for (const file of await outputs('.pdf')) measured.set(path.basename(file), await measurePdf(file, geometry))
})

const millimetres = (value: string | undefined) => Number(/^(\d+(?:\.\d+)?)mm$/.exec(value ?? '')?.[1])

describe('the printed page', () => {
  it('sets body lines of 55 to 85 characters in every PDF (80th percentile of full lines)', () => {
    expect(measured.size).toBe(30)
    const outside: string[] = []
    for (const [name, measures] of measured) {
      const lengths = fullBodyLineLengths(measures, geometry)
      // A brief of a country the report rarely names has only a few full lines.
      expect(lengths.length, name).toBeGreaterThan(3)
      const typical = percentile(lengths, 0.8)
      if (typical < 55 || typical > 85) outside.push(`${name}: ${typical}`)
    }
    expect(outside).toEqual([])
  })

  it('leaves no heading at a page foot with less than two lines of its text', () => {
    const stranded = [...measured].flatMap(([name, measures]) => strandedHeadings(measures, geometry).map((heading) => `${name} p. ${heading.page}: ${heading.title}`))
    expect(stranded).toEqual([])
  })

  it('leaves no page under a quarter full, and none under 55 % full whose part goes on overleaf (covers aside)', () => {
    const runts = [...measured].flatMap(([name, measures]) => emptyPages(measures, geometry, 0.25, false).map((page) => `${name} p. ${page.number}: ${Math.round(page.fill * 100)} %`))
    const gaps = [...measured].flatMap(([name, measures]) => emptyPages(measures, geometry, 0.55, true).map((page) => `${name} p. ${page.number}: ${Math.round(page.fill * 100)} %`))
    expect(runts).toEqual([])
    expect(gaps).toEqual([])
  })

  it('sets route facts in the margin column, beside the text and not under it', () => {
    const marginColumn = (millimetres(brand.page.marginInside) + millimetres(brand.page.textColumn) + millimetres(brand.page.gutter)) * millimetre
    let facts = 0
    for (const [name, measures] of measured) {
      for (const page of measures.pages) {
        for (const line of page.lines.filter((entry) => /^(Origins?|Destinations?|Hubs?|Transit|Places of exploitation|Forgery centres?|Departure point|Staging point):/.test(entry.text))) {
          facts++
          expect(line.x, `${name} p. ${page.number}: ${line.text}`).toBeGreaterThan(marginColumn - 1)
        }
      }
    }
    expect(facts).toBeGreaterThan(20)
  })

  it('says the kind of a brief once on its cover, and ends every brief with a back cover', () => {
    for (const [name, measures] of measured) {
      if (!/^[A-Z]{3}-/.test(name)) continue
      // Letter-spaced capitals come out with spaces between the letters.
      const cover = measures.pages[0]?.lines.map((line) => line.text.replace(/\s+/g, '')).join(' ') ?? ''
      expect(cover.match(/countrybrief/gi) ?? [], name).toHaveLength(1)
      const last = measures.pages.at(-1)
      expect(last?.furnished, `${name}: the last page is a back cover, without page number`).toBe(false)
      expect(last?.lines.map((line) => line.text).join(' '), name).toMatch(/Regional Support Office of the Bali Process/)
    }
  })
})

describe('the DOCX', () => {
  it('keeps headings alone with what follows, sets the text column of print, and colours the covers', async () => {
    const files = await outputs('.docx')
    expect(files).toHaveLength(30)
    for (const file of files) {
      const parts = unzipSync(new Uint8Array(await fs.readFile(file)))
      const styles = strFromU8(parts['word/styles.xml'] ?? new Uint8Array())
      const keeping = [...styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)]
        .filter((match) => /<w:keepNext\/>|<w:keepNext w:val="(?:1|true|on)"\/>/.test(match[2] ?? ''))
        .map((match) => match[1])
      expect(keeping.filter((id) => !/Heading/.test(id ?? '')), path.basename(file)).toEqual([])
      const document = strFromU8(parts['word/document.xml'] ?? new Uint8Array())
      // The body's section (the second; the covers run the full width) has the text column of print.
      const columns = [...document.matchAll(/<w:pgMar\b[^>]*>/g)].map(([element]) => {
        const twips = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(element)?.[1])
        return (11906 - twips('left') - twips('right')) / 56.7
      })
      expect(Math.abs((columns[1] ?? 0) - millimetres(brand.page.textColumn)), path.basename(file)).toBeLessThan(1)
      // The cover, up to its section break, lies on a decorative picture of the brand's colour.
      const cover = document.slice(0, document.indexOf('<w:sectPr'))
      expect(cover, path.basename(file)).toMatch(/<wp:anchor\b[^>]*behindDoc="1"/)
      expect(cover, path.basename(file)).toMatch(/decorative/)
    }
  })
})

describe('the HTML edition', () => {
  it('lets every map open at full size and return, with links and no script', async () => {
    const files = await outputs('.html')
    expect(files).toHaveLength(30)
    let maps = 0
    for (const file of files) {
      const html = await fs.readFile(file, 'utf8')
      expect(html, path.basename(file)).not.toMatch(/<script/i)
      for (const match of html.matchAll(/<figure class="map"[^>]*\bid="([^"]+)"[\s\S]*?<\/figure>/g)) {
        maps++
        const [figure, id] = match
        expect(figure).toContain(`href="#${id}"`)
        expect(figure).toContain(`id="${id}-caption"`)
        expect(figure).toContain(`href="#${id}-caption"`)
      }
    }
    expect(maps).toBeGreaterThan(30)
  })
})
