import { beforeAll, describe, expect, it } from 'vitest'
import { loadBrand, type Brand } from '../src/brand/brand.ts'
import { cssFontFaces } from '../src/brand/font-faces.ts'
import * as fontkit from 'fontkit'
import { DocxKit } from '../src/render/docx/kit.ts'
import { charactersOf } from '../src/brand/subset.ts'
import { characterSet } from '../src/brand/woff.ts'

let brand: Brand
beforeAll(async () => {
  brand = await loadBrand()
})

const families = (css: string) => new Set([...css.matchAll(/font-family: '([^']*)'/g)].map((match) => match[1]))

describe('the fonts a page carries', () => {
  it('are the body and code faces for English text with line breaks, soft hyphens and joiners', async () => {
    const css = await cssFontFaces(brand, '<p>Govern\u00adment\n\tco\u200doperation</p>\n<code>x</code>', undefined, 'en')
    expect(families(css)).toEqual(new Set([brand.tokens.fonts.body.family, brand.tokens.fonts.code.family]))
  })

  it('add the script\'s face for a script the body face lacks', async () => {
    const css = await cssFontFaces(brand, '<p>ភាសាខ្មែរ\n</p>', undefined, 'km')
    expect(families(css)).toContain('Noto Sans Khmer')
  })
})

describe('the DOCX face of a font shipped in slices (Word embeds one font per name)', () => {
  it('is the whole font cut to the characters, which come from several of the pages\' slices, each with the glyph and advance its slice has', async () => {
    const slices = brand.webFonts.filter((font) => font.family === 'Noto Sans JP' && font.weight === 400 && font.style === 'normal')
    const wanted = ['日', '本', '語', 'カ', 'A'].map((character) => character.codePointAt(0) as number)
    const holders = wanted.map((code) => slices.find((slice) => slice.characters.has(code)))
    // The characters come from more than one slice, or the test shows nothing.
    expect(new Set(holders).size).toBeGreaterThan(2)
    const { regular, bold } = await new DocxKit(brand).scriptFontFiles('Noto Sans JP', new Set(wanted))
    expect(bold).toBeDefined()
    expect(characterSet(regular as Uint8Array)).toEqual(new Set(wanted))
    const cut = fontkit.create(Buffer.from(regular as Uint8Array)) as fontkit.Font
    for (const [index, code] of wanted.entries()) {
      const own = fontkit.create(Buffer.from(holders[index]?.trueType as Uint8Array)) as fontkit.Font
      const glyph = cut.glyphForCodePoint(code)
      expect(glyph.id, String.fromCodePoint(code)).toBeGreaterThan(0)
      expect(glyph.advanceWidth).toBe(own.glyphForCodePoint(code).advanceWidth)
    }
  })
})

describe('the characters of a page', () => {
  it('are its code points in the order they first occur, as reading the text character by character gives them', () => {
    // INVENTED FIXTURE: long enough (over 256 code units) for the table of characters met.
    const text = `Ab\u{1f600}c\ud800d\udc00A${'x'.repeat(300)}\u{1f600}\u0e01`
    expect([...charactersOf(text)]).toEqual([...new Set(Array.from(text, (character) => character.codePointAt(0)))])
    expect([...charactersOf('a\u{10348}b')]).toEqual([0x61, 0x10348, 0x62])
  })
})
