/**
 * The maps as readers get them: images with text alternatives in the DOCX, and ink on the
 * PDF pages where the maps are printed (pages rasterised with poppler's pdftoppm).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { loadContent, type Content } from '../src/content/load.ts'
import { mapCaption, selectRoutes } from '../src/layout/maps/index.ts'
import { routeKinds } from '../src/content/model.ts'
import { readPdf, type PdfFacts } from './support/pdf.ts'
import { eventOf } from './support/assemble.ts'

let content: Content
let outDir: string

beforeAll(async () => {
  content = await loadContent('source')
  outDir = inject('outDir')
})

describe('maps in the DOCX', () => {
  it('has every report map as a PNG with its SVG and a text alternative', async () => {
    const entries = unzipSync(new Uint8Array(await fs.readFile(path.join(outDir, 'report', `${content.forum.slug}.docx`))))
    const media = Object.keys(entries).filter((name) => name.startsWith('word/media/'))
    expect(media.filter((name) => name.endsWith('.png')).length).toBeGreaterThanOrEqual(3)
    expect(media.filter((name) => name.endsWith('.svg')).length).toBeGreaterThanOrEqual(3)
    const xml = strFromU8(entries['word/document.xml'] as Uint8Array)
    const descriptions = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((match) => match[1] ?? '')
    for (const routes of routeKinds) {
      expect(xml, `caption of the ${routes} map`).toContain(mapCaption(eventOf(content), { routes }, selectRoutes(eventOf(content), { routes })))
    }
    expect(descriptions.filter((description) => description.startsWith('Map of')).length).toBe(3)
    // The SVG rides beside the PNG, as the format wants it (a:blip with an svgBlip extension).
    expect(xml).toMatch(/asvg:svgBlip|svgBlip/)
  })

  it('gives a brief the maps of its own routes only', async () => {
    const entries = unzipSync(new Uint8Array(await fs.readFile(path.join(outDir, 'briefs', 'BGD-bangladesh.docx'))))
    const xml = strFromU8(entries['word/document.xml'] as Uint8Array)
    const descriptions = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((match) => match[1] ?? '')
    const maps = descriptions.filter((description) => description.startsWith('Map of'))
    expect(maps.length).toBeGreaterThan(0)
    for (const description of maps) expect(description).toContain('Bangladesh')
    const japan = strFromU8(unzipSync(new Uint8Array(await fs.readFile(path.join(outDir, 'briefs', 'JPN-japan.docx'))))['word/document.xml'] as Uint8Array)
    expect(japan).not.toMatch(/descr="Map of/)
  })
})

describe('maps in the PDF', () => {
  let pdf: PdfFacts
  let file: string
  beforeAll(async () => {
    file = path.join(outDir, 'report', `${content.forum.slug}.pdf`)
    pdf = await readPdf(file)
  })

  /** Share of dark pixels in the middle band of a page (a fifth to three quarters down), where a map stands under its section's introduction. */
  async function ink(page: number): Promise<number> {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-ink-'))
    try {
      execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', String(page), '-l', String(page), file, path.join(directory, 'page')])
      const [name] = await fs.readdir(directory)
      const pgm = await fs.readFile(path.join(directory, name ?? ''))
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))
      if (!header) throw new Error('unexpected pdftoppm output')
      const [width, height] = [Number(header[1]), Number(header[2])]
      const pixels = pgm.subarray(header[0].length)
      let dark = 0
      let total = 0
      for (let y = Math.floor(height * 0.2); y < Math.floor(height * 0.75); y++) {
        for (let x = 0; x < width; x++) {
          total++
          if ((pixels[y * width + x] ?? 255) < 235) dark++
        }
      }
      return dark / total
    } finally {
      await fs.rm(directory, { recursive: true, force: true })
    }
  }

  it('prints each map: its page has ink where the map is, well beyond a page of text', async () => {
    // A page of text only: where the first section without a directive (no map, no table of the data) begins, its title then its first words.
    const textOnly = content.sections.map((section) => String(section.value)).find((markdown) => !/^::/m.test(markdown))!
    const title = /^title:\s*(.+)$/m.exec(textOnly)![1]!.trim()
    const opening = textOnly.replace(/^---[\s\S]*?---\s*/, '').split(/\s+/).slice(0, 3).join(' ')
    const textPage = pdf.pages.findIndex((text) => text.startsWith(title) || text.includes(`${title} ${opening}`)) + 1
    expect(textPage).toBeGreaterThan(2)
    const baseline = await ink(textPage)
    for (const routes of routeKinds) {
      const caption = mapCaption(eventOf(content), { routes }, selectRoutes(eventOf(content), { routes }))
      const page = pdf.pages.findIndex((text, index) => index > 1 && text.includes(caption)) + 1
      expect(page, `page of the ${routes} map`).toBeGreaterThan(2)
      const mapInk = await ink(page)
      expect(mapInk, `ink on page ${page} (${routes}) against ${baseline} on a text page`).toBeGreaterThan(Math.max(0.15, baseline * 2))
    }
  })
})
