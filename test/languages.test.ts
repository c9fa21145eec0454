/**
 * Events in Indonesian, Thai and Arabic (invented fixtures, test/fixtures/events/languages/)
 * with no `words` of their own: every word the documents add comes from the built-in table
 * of the language. Each format is read back: the HTML's text holds no word of the English
 * defaults, the Thai and Arabic PDFs carry only shipped fonts and no Type 3 font, every
 * participant's name in its own script is extractable, an Arabic paragraph's lines share
 * their right edge, and the DOCX names and embeds the script's face and marks the language
 * (`w:bidi="th-TH"`), each run in another script names and embeds that script's face, and,
 * in Arabic, right-to-left paragraphs and runs.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultWords } from '../src/content/words.ts'
import { builtinTable } from '../src/content/words.ts'
import { characterSet } from '../src/brand/woff.ts'
import { projectRoot, runCli } from './support/cli.ts'

const fixtures = path.join(projectRoot, 'test/fixtures/events/languages')
let scratch: string

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-languages-'))
}, 60_000)

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

async function build(language: string, args: string[]): Promise<string> {
  const out = path.join(scratch, language)
  const result = await runCli(['build', '--source', path.join(fixtures, language.replace(/-.*/, '')), '--out', out, '--quiet', ...args], { timeoutMs: 600_000 })
  expect(result.code, result.stderr).toBe(0)
  return out
}

let thaiReportDocx: Promise<string> | undefined
/** The Thai report's DOCX, built once for the tests that read it. */
function thaiDocx(): Promise<string> {
  thaiReportDocx ??= build('thai-docx', ['--format', 'docx', '--documents', 'report']).then((out) => path.join(out, 'report/kan-prachum-tua-yang.docx'))
  return thaiReportDocx
}

/** Words of four letters or more of the English defaults that a table left untranslated would show. */
function englishWords(translation: Record<string, string>): Set<string> {
  const words = new Set<string>()
  for (const message of Object.values(defaultWords)) for (const word of message.replace(/\{[^{}]*\}/g, ' ').match(/[A-Za-z]{4,}/g) ?? []) words.add(word.toLowerCase())
  // Words the translation writes itself ("forum", "transit" are Indonesian too) are not English here.
  for (const message of Object.values(translation)) for (const word of message.match(/[A-Za-z]{4,}/g) ?? []) words.delete(word.toLowerCase())
  for (const name of ['plural', 'other', 'select', 'number']) words.delete(name)
  return words
}

const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')

function docxParts(file: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(file))
  return Object.fromEntries(Object.entries(files).filter(([name]) => /\.(xml|rels)$/.test(name)).map(([name, data]) => [name, strFromU8(data)]))
}

/** Whether `text` holds the letters of `word`, in any order, side by side. */
function hasAnagram(text: string, word: string): boolean {
  const letters = [...word].sort().join('')
  const characters = [...text]
  const size = [...word].length
  for (let start = 0; start + size <= characters.length; start++) if (characters.slice(start, start + size).sort().join('') === letters) return true
  return false
}

const pdffonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' })

describe('an event in Indonesian, with the built-in table alone', () => {
  it('adds no English word to the report or any brief (HTML), and names the briefs after the countries', async () => {
    const out = await build('indonesian', ['--format', 'html'])
    const files = (await fs.readdir(out, { recursive: true })).filter((name) => name.endsWith('.html')).sort()
    expect(files).toEqual(['report/lokakarya-pesisir-contoh.html', ...['IDN-indonesia', 'MYS-malaysia', 'TLS-timor-leste'].map((name) => `ringkasan/lokakarya-pesisir-contoh/${name}.html`)])
    const english = englishWords(builtinTable('id')?.words ?? {})
    for (const file of files) {
      const text = visibleText(await fs.readFile(path.join(out, file), 'utf8'))
      const found = (text.match(/[A-Za-z]{4,}/g) ?? []).filter((word) => english.has(word.toLowerCase()))
      expect(found, file).toEqual([])
    }
    const brief = visibleText(await fs.readFile(path.join(out, 'ringkasan/lokakarya-pesisir-contoh/IDN-indonesia.html'), 'utf8')).replace(/\s+/g, ' ')
    // The theme sentence is the table's, its full stop included; counts in Indonesian's only plural form, and `=1` where exactly one is meant.
    expect(brief).toMatch(/delegasi di Kupang, Indonesia, pada 6–7 Mei 2031, dengan tema kerja sama rekaan untuk pengujian\s*\./)
    expect(brief).toContain('Indonesia mengajukan dua butir rekomendasi dalam satu-satunya tema rekomendasi dalam forum.')
    expect(brief).toContain('Satu di antaranya diajukan bersama Malaysia.')
    expect(brief).toContain('Delegasi dari tiga negara ikut serta, bersama dua organisasi.')
  }, 600_000)
})

describe('an event in Thai', () => {
  it('prints with shipped fonts only, no Type 3 font, and every participant\'s name extractable in its script', async () => {
    const out = await build('thai', ['--format', 'pdf', '--documents', 'report'])
    const pdf = path.join(out, 'report/kan-prachum-tua-yang.pdf')
    const fonts = pdffonts(pdf)
    expect(fonts).not.toContain('Type 3')
    for (const family of ['NotoSansThai', 'NotoSansBengali', 'NotoSerifTibetan', 'NotoSansKhmer', 'NotoNaskhArabic', 'NotoSansJP', 'NotoSansLao', 'NotoSansThaana', 'NotoSansSinhala', 'NotoSansTamil', 'NotoSansMyanmar']) {
      expect(fonts, family).toContain(family)
    }
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, '').replace(/\u200d/g, '')
    const names = (await fs.readFile(path.join(fixtures, 'thai/report/02-names.md'), 'utf8')).split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2))
    expect(names.length).toBeGreaterThan(29)
    for (const name of names) {
      const wanted = name.normalize('NFC').replace(/\s+/g, '').replace(/\u200d/g, '')
      // pdftotext writes right-to-left words in an order of its own: their letters must all be there, side by side.
      if (/[\u0590-\u08ff]/u.test(wanted)) expect(hasAnagram(text.replace(/[\u200e\u200f\u202a-\u202e]/g, ''), wanted), name).toBe(true)
      else expect(text, name).toContain(wanted)
    }
    // No line starts at the foot of the text area but the page number's: the tone marks and
    // vowels above the first line of the next page (its heading, after a page break) once
    // were painted there, with the rest of that line clipped away.
    const bottom = 842 - (20 / 25.4) * 72
    const footer = new Set((builtinTable('th')?.words['page.number'] ?? '').replace(/\{[^}]*\}/g, ' ').split(/\s+/).filter(Boolean))
    const layout = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
    const pages = [...layout.matchAll(/<page [^>]*>([\s\S]*?)<\/page>/g)].map((page) => [...(page[1] ?? '').matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((word) => ({ yMin: Number(word[1]), text: word[2] ?? '' })))
    expect(pages.length).toBeGreaterThan(3)
    // The cover is full bleed, with no text area.
    for (const [index, words] of pages.entries()) {
      if (index === 0) continue
      const below = words.filter((word) => word.yMin > bottom - 8 && !footer.has(word.text) && !/^\d+$/.test(word.text))
      expect(below.map((word) => word.text), `page ${index + 1}`).toEqual([])
    }
  }, 600_000)

  it('names and embeds Noto Sans Thai in the DOCX for complex script, with the language marked w:bidi="th-TH"', async () => {
    const parts = docxParts(await fs.readFile(await thaiDocx()))
    expect(parts['word/styles.xml']).toMatch(/<w:rFonts [^>]*w:cs="Noto Sans Thai"/)
    expect(parts['word/styles.xml']).toContain('w:bidi="th-TH"')
    expect(parts['word/fontTable.xml']).toMatch(/<w:font w:name="Noto Sans Thai">[\s\S]*?<w:embedRegular /)
  }, 600_000)

  it('names each other script\'s face on its runs in the DOCX, in its slot, and embeds it', async () => {
    const packageBytes = await fs.readFile(await thaiDocx())
    const parts = docxParts(packageBytes)
    const files = unzipSync(new Uint8Array(packageBytes))
    const document = parts['word/document.xml'] ?? ''
    const runs = [...document.matchAll(/<w:r>(?:<w:rPr>(.*?)<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map(([, properties = '', text = '']) => ({ properties, text }))
    const scripts: Array<[RegExp, string, 'cs' | 'eastAsia']> = [
      [/\p{Script=Bengali}/u, 'Noto Sans Bengali', 'cs'],
      [/\p{Script=Tibetan}/u, 'Noto Serif Tibetan', 'cs'],
      [/\p{Script=Khmer}/u, 'Noto Sans Khmer', 'cs'],
      [/\p{Script=Arabic}/u, 'Noto Naskh Arabic', 'cs'],
      [/\p{Script=Lao}/u, 'Noto Sans Lao', 'cs'],
      [/\p{Script=Thaana}/u, 'Noto Sans Thaana', 'cs'],
      [/\p{Script=Sinhala}/u, 'Noto Sans Sinhala', 'cs'],
      [/\p{Script=Tamil}/u, 'Noto Sans Tamil', 'cs'],
      [/\p{Script=Myanmar}/u, 'Noto Sans Myanmar', 'cs'],
      [/\p{Script=Han}/u, 'Noto Sans JP', 'eastAsia'],
    ]
    for (const [script, family, slot] of scripts) {
      const inScript = runs.filter((run) => script.test(run.text))
      expect(inScript.length, family).toBeGreaterThan(0)
      for (const run of inScript) {
        expect(run.properties, run.text).toContain(`w:${slot}="${family}"`)
        // Complex script throughout, and right to left where the letters are.
        if (slot === 'cs') expect(run.properties, run.text).toContain('<w:cs/>')
        if (/[\u0600-\u07bf]/.test(run.text)) expect(run.properties, run.text).toContain('<w:rtl/>')
      }
      // The face embedded (its first 32 bytes XORed with its key, ECMA-376 part 1, 17.8.1) has every letter of those runs.
      const [, id, key = ''] = new RegExp(`<w:font w:name="${family}">(?:(?!</w:font>).)*<w:embedRegular r:id="([^"]+)" w:fontKey="\\{([^}]+)\\}"`).exec(parts['word/fontTable.xml'] ?? '') ?? []
      const target = new RegExp(`Id="${id}"[^>]*Target="(fonts/font\\d+\\.odttf)"`).exec(parts['word/_rels/fontTable.xml.rels'] ?? '')?.[1]
      const font = new Uint8Array(files[`word/${target}`] ?? [])
      const keyBytes = Buffer.from(key.replace(/-/g, ''), 'hex').reverse()
      for (let index = 0; index < 32; index++) font[index] = (font[index] as number) ^ (keyBytes[index % 16] as number)
      const letters = new Set(inScript.flatMap((run) => [...run.text].filter((character) => script.test(character)).map((character) => character.codePointAt(0) as number)))
      expect([...letters].filter((code) => !characterSet(font).has(code)).map((code) => String.fromCodePoint(code)), family).toEqual([])
    }
    // The document's own script and Latin keep the styles' faces.
    for (const run of runs.filter((run) => /^[\p{Script=Thai}\p{Script=Latin}\p{Script=Common}]+$/u.test(run.text))) expect(run.properties, run.text).not.toContain('<w:rFonts')
  }, 600_000)
})

describe('an event in Arabic', () => {
  it('lays the HTML out right to left and marks the DOCX\'s paragraphs, runs and language so', async () => {
    const out = await build('arabic', ['--format', 'html,docx', '--documents', 'report'])
    const html = await fs.readFile(path.join(out, 'report/muntada-tajribi.html'), 'utf8')
    expect(html).toMatch(/<html lang="ar" dir="rtl">/)
    const parts = docxParts(await fs.readFile(path.join(out, 'report/muntada-tajribi.docx')))
    const document = parts['word/document.xml'] ?? ''
    const paragraphs = document.match(/<w:p[ >]/g)?.length ?? 0
    expect(document.match(/<w:bidi\/>/g)?.length).toBe(paragraphs)
    expect(document).toMatch(/<w:rPr>(?:(?!<\/w:rPr>).)*<w:rtl\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>[^<]*[\u0600-\u06ff]/)
    // Numbers and Latin names stay left to right: a run of them alone carries no w:rtl.
    expect(document).not.toMatch(/<w:rtl\/>(?:(?!<\/w:r>).)*<w:t[^>]*>[^<\u0600-\u06ff]*<\/w:t><\/w:r>/)
    expect(parts['word/styles.xml']).toMatch(/<w:rFonts [^>]*w:cs="Noto Naskh Arabic"/)
    expect(parts['word/styles.xml']).toMatch(/w:bidi="ar-[A-Z]{2}"/)
    expect(parts['word/fontTable.xml']).toContain('w:name="Noto Naskh Arabic"')
    // The page mirrored as in print: the margin column (in the wider margin) on the left, the route facts' and cards' rule at the start, the right.
    const bodySection = /<w:sectPr>(?:(?!<\/w:sectPr>).)*<w:headerReference(?:(?!<\/w:sectPr>).)*<\/w:sectPr>/.exec(document)?.[0] ?? ''
    const margin = (side: string) => Number(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(bodySection)?.[1])
    expect(margin('left')).toBeGreaterThan(margin('right') * 2)
    for (const style of ['RouteFacts', 'Proposition']) {
      const borders = new RegExp(`<w:style [^>]*w:styleId="${style}">(?:(?!</w:style>).)*<w:pBdr>((?:(?!</w:pBdr>).)*)`).exec(parts['word/styles.xml'] ?? '')?.[1]
      expect(borders, style).toMatch(/^<w:right /)
    }
    // The draft mark centred on the page, not between the unequal margins, where it ran off the left edge.
    const watermark = Object.entries(parts).find(([name, xml]) => /^word\/header\d*\.xml$/.test(name) && xml.includes('PowerPlusWaterMarkObject'))?.[1] ?? ''
    expect(watermark).toMatch(/mso-position-horizontal-relative:page;(?:(?!").)*mso-position-vertical-relative:page/)
    expect(watermark).toContain('font-family:&quot;Noto Naskh Arabic&quot;')
  }, 600_000)

  it('prints no Type 3 font, and a paragraph\'s lines share their right edge', async () => {
    const out = await build('arabic', ['--format', 'pdf', '--documents', 'report'])
    const pdf = path.join(out, 'report/muntada-tajribi.pdf')
    expect(pdffonts(pdf)).not.toContain('Type 3')
    // pdftotext's layout of the first section's page: the lines of its opening paragraphs, by their boxes, top to bottom
    // (pdftotext groups them in blocks of its own, which change with the leading).
    const layout = execFileSync('pdftotext', ['-bbox-layout', '-f', '3', '-l', '3', pdf, '-'], { encoding: 'utf8' })
    // pdftotext gives a diacritic placed above a line as a line of its own: only lines wider than 100 pt are lines of text.
    const lines = [...layout.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"/g)]
      .map((line) => ({ xMin: Number(line[1]), yMin: Number(line[2]), xMax: Number(line[3]) }))
      .filter((line) => line.xMax - line.xMin > 100)
      .sort((a, b) => a.yMin - b.yMin)
    // The lines that follow the first at its right edge (a list item, set in from the right, ends the run).
    const first = lines[0]?.xMax ?? 0
    const end = lines.findIndex((line) => Math.abs(line.xMax - first) >= 1.5)
    const paragraph = lines.slice(0, end < 0 ? lines.length : end)
    expect(paragraph.length, 'lines sharing their right edge').toBeGreaterThanOrEqual(4)
    // They end ragged on the left, a paragraph's last line short: the text starts at the right.
    const lefts = paragraph.map((line) => line.xMin)
    expect(Math.max(...lefts)).toBeGreaterThan(Math.min(...lefts) + 20)
  }, 600_000)
})
