/**
 * Fonts the project ships, and only those. A brief whose notes (an invented fixture) show a
 * code span, a check mark, arrows, a footnote's back link and names in Thai, Greek and
 * Cyrillic is built by the command; its HTML is then printed again in Chromiums that see
 * the machine's fonts, or no fonts at all, and every print has the same bytes: no glyph
 * came from the machine. `pdffonts` names only shipped fonts, in this PDF and every PDF the
 * test build made.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { fontFamilies, loadBrand, type Brand } from '../src/brand/brand.ts'
import { fontConfig } from '../src/brand/font-folder.ts'
import { characterSet } from '../src/brand/woff.ts'
import { launchBrowser } from '../src/render/pdf/browser.ts'
import { finishPdf } from '../src/render/pdf/finish.ts'
import { printPdf } from '../src/render/pdf/print.ts'
import { projectRoot, runCliProcess } from './support/cli.ts'

let scratch: string
let brand: Brand
let pdf: string
let html: string

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-fonts-'))
  const source = path.join(scratch, 'source')
  await fs.cp(path.join(projectRoot, 'source'), source, { recursive: true })
  await fs.mkdir(path.join(source, 'briefs'), { recursive: true })
  await fs.copyFile(path.join(projectRoot, 'test/fixtures/fonts/THA.md'), path.join(source, 'briefs/THA.md'))
  brand = await loadBrand()
  // The machine's fonts hidden from the command itself as well: an empty fontconfig file,
  // read as the command's process starts, so it runs in a process of its own.
  const result = await runCliProcess(['build', '--quiet', '--source', source, '--out', path.join(scratch, 'out'), '--country', 'THA', '--documents', 'briefs', '--format', 'pdf,html'], {
    env: { FONTCONFIG_FILE: await writeConfig('none.conf', []), HOME: scratch },
  })
  expect(result.code, result.stderr).toBe(0)
  pdf = path.join(scratch, 'out/briefs/THA-thailand.pdf')
  html = await fs.readFile(path.join(scratch, 'out/briefs/THA-thailand.html'), 'utf8')
})

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

async function writeConfig(name: string, directories: string[], families = { body: [] as string[], code: [] as string[] }): Promise<string> {
  const file = path.join(scratch, name)
  await fs.mkdir(path.join(scratch, `${name}.cache`), { recursive: true })
  await fs.writeFile(file, fontConfig(directories, path.join(scratch, `${name}.cache`), families))
  return file
}

/** A print made repeatable as the build makes it (pdf-lib renumbers Chromium's structure ids). */
async function printWith(fontConfigFile: string | undefined): Promise<Buffer> {
  const browser = await launchBrowser({ fontConfigFile })
  try {
    const metadata = { title: 'Fonts', author: 'test', subject: 'fonts', keywords: [], language: 'en', date: new Date(0), description: '' }
    return Buffer.from(await finishPdf(await printPdf(browser, html), metadata as unknown as Parameters<typeof finishPdf>[1], []))
  } finally {
    await browser.close()
  }
}

/** The names `pdffonts` gives, without the subset tag (`AAAAAA+`); Type 3 fonts (outlined map labels) have none. */
function pdfFontNames(file: string): string[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  return lines.filter((line) => !/\bType 3\b/.test(line)).map((line) => (line.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''))
}

/** PostScript names start with the family name without its spaces: `Noto Sans Mono` → `NotoSansMono-Regular`. */
function isShipped(name: string): boolean {
  const { body, code, fallbacks } = brand.tokens.fonts
  return [body, code, ...fallbacks].some((font) => name.startsWith(font.family.replace(/\s+/g, '')))
}

describe('fonts', () => {
  it('shows every glyph of the fixture with a shipped font, each embedded', async () => {
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const shown of ['npm run build ✓', 'A → B ✗', 'กรุงเทพมหานคร', 'Αθήνα', 'Москва', 'An invented footnote.']) expect(text).toContain(shown)
    const names = pdfFontNames(pdf)
    for (const family of ['SourceSans3', 'NotoSansMono', 'NotoSansSymbols2', 'DejaVuSans', 'NotoSansThai']) expect(names.some((name) => name.startsWith(family)), `${family} in ${names.join(', ')}`).toBe(true)
    expect(names.filter((name) => !isShipped(name))).toEqual([])
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).not.toMatch(/\bno\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/m)
  })

  it('prints the same bytes whether or not Chromium also sees the machine’s fonts', async () => {
    const shipped = await printWith(undefined)
    // The shipped configuration with the machine's font folders added first, so that any
    // glyph not covered by a shipped `@font-face` would be found in a machine's font.
    const families = fontFamilies(brand.tokens)
    const shippedDirectories = [...(await fs.readFile(brand.fontFolder.configFile, 'utf8')).matchAll(/<dir>([^<]+)<\/dir>/g)].map(([, directory = '']) => directory)
    const machineFolders = ['/usr/share/fonts', '/usr/local/share/fonts', path.join(os.homedir(), '.fonts')]
    const visible = await printWith(await writeConfig('machine.conf', [...machineFolders, ...shippedDirectories], families))
    expect(visible.equals(shipped)).toBe(true)
  })

  it('prints with the shipped configuration whatever FONTCONFIG_FILE the command was given', async () => {
    // The command above ran with FONTCONFIG_FILE naming no fonts at all; had Chromium read
    // it, Thai, Greek and the symbols would be boxes (tried: Chromium then embeds none of
    // the fallback faces).
    const names = pdfFontNames(pdf)
    expect(names.some((name) => name.startsWith('NotoSansThai'))).toBe(true)
  })

  it('inlines each face the page needs cut down to the page’s characters, as TrueType', () => {
    const faces = [...html.matchAll(/@font-face \{ font-family: '([^']+)'; font-weight: (\d+); font-style: (\w+); font-display: block; src: url\(data:font\/ttf;base64,([A-Za-z0-9+/=]+)\) format\('truetype'\);(?: unicode-range: ([^;]+);)? \}/g)]
    expect(faces.length).toBeGreaterThan(5)
    expect(faces.length).toBe((html.match(/@font-face/g) ?? []).length)
    // Control characters (line ends in the markup) are never drawn, so no face needs them.
    const shown = new Set([...`${html}${html.toUpperCase()}`].map((character) => character.codePointAt(0) as number).filter((point) => point >= 0x20))
    let inlined = 0
    let whole = 0
    for (const [, family, weight, style, data = '', unicodeRange] of faces) {
      const face = brand.webFonts.find((font) => font.family === family && font.weight === Number(weight) && font.style === style && font.unicodeRange === unicodeRange)
      expect(face, `${family} ${weight} ${style} ${unicodeRange}`).toBeDefined()
      const cut = characterSet(new Uint8Array(Buffer.from(data, 'base64')))
      const lost = [...shown].filter((point) => face?.characters.has(point) && !cut.has(point))
      expect(lost.map((point) => String.fromCodePoint(point)), `${family} ${weight} ${style}`).toEqual([])
      inlined += Buffer.from(data, 'base64').byteLength
      whole += face?.trueType.byteLength ?? 0
    }
    expect(inlined).toBeLessThan(whole / 3)
    for (const family of ['Noto Sans Thai', 'Noto Sans Symbols 2', 'DejaVu Sans']) expect(faces.some(([, name]) => name === family), family).toBe(true)
  })

  it('gives Chromium a fontconfig file that names only the shipped fonts', async () => {
    const config = await fs.readFile(brand.fontFolder.configFile, 'utf8')
    const directories = [...config.matchAll(/<dir>([^<]+)<\/dir>/g)].map(([, directory]) => directory)
    expect(config).not.toMatch(/<include|\/usr\/share\/fonts|~\/\.fonts/)
    const shipped = [brand.fontFolder.directory, ...brand.fonts.map((font) => path.dirname(font.absolutePath))]
    expect(directories.length).toBeGreaterThan(1)
    for (const directory of directories) expect(shipped).toContain(directory)
  })

  it('names only shipped fonts in every PDF the test build wrote', async () => {
    const testOutDir = inject('outDir')
    const files = (await fs.readdir(testOutDir, { recursive: true })).filter((file) => file.endsWith('.pdf'))
    expect(files.length).toBeGreaterThanOrEqual(30)
    for (const file of files) expect(pdfFontNames(path.join(testOutDir, file)).filter((name) => !isShipped(name)), file).toEqual([])
  })
})
