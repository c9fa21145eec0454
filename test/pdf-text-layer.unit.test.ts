/**
 * The words of the PDF's structure tree are the page's: the finishing steps on content
 * streams as Chromium writes them (each line of a paragraph its own text object, soft
 * hyphens and no-break spaces as nested ActualText spans). The stream below is written
 * here, in Chromium's form; `pdf-accessibility.outputs.test.ts` reads the real report.
 */
import { describe, expect, it } from 'vitest'
import { readToUnicode, spaceLineEnds, unnestCharacterSpans } from '../src/render/pdf/content-stream.ts'

const font = readToUnicode('1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n3 beginbfchar\n<0001> <0020>\n<0004> <002D>\n<0005> <0066>\nendbfchar\n1 beginbfrange\n<0002> <0003> <0061>\nendbfrange')
const fonts = new Map([['/F4', font]])

/** "ab" (soft hyphen) "a" (no-break space) "f" (soft hyphen in a ligature) "f" / "b-" / "a". */
const stream = [
  '/P <</MCID 0 >>BDC', 'BT', '/F4 14 Tf', '1 0 0 -1 0 10 Tm',
  '<0002> Tj', '5 0 Td <0003> Tj',
  '/Span<</ActualText <FEFF00AD> >> BDC', '5 0 Td <0001> Tj', 'EMC',
  '0 0 Td <0002> Tj',
  '/Span<</ActualText <FEFF00A0> >> BDC', '5 0 Td <0001> Tj', 'EMC',
  '/Span<</ActualText <FEFF006600AD0066> >> BDC', '5 0 Td <0005> Tj', '5 0 Td <0001> Tj', 'EMC', '0 0 Td <0005> Tj',
  'ET',
  'BT', '/F4 14 Tf', '1 0 0 -1 0 30 Tm', '<0003> Tj', '5 0 Td <0004> Tj', 'ET',
  'BT', '/F4 14 Tf', '1 0 0 -1 0 50 Tm', '<0002> Tj', 'ET',
  'EMC',
].join('\n')

const finish = (text: string) => new TextDecoder().decode(spaceLineEnds(unnestCharacterSpans(new TextEncoder().encode(text), fonts), fonts))

/** What a reader of the tagged content reads: each glyph's text, in order. */
const readText = (text: string) =>
  [...text.matchAll(/<([0-9A-F]{4})> Tj/g)].map((match) => font.textOf.get(match[1] ?? '') ?? '?').join('')

describe('the PDF text layer', () => {
  it('reads the CMap as Chromium writes it', () => {
    expect(font.space).toBe('0001')
    expect(font.textOf.get('0003')).toBe('b')
  })

  it('leaves no span nested in a tagged sequence, so a reader with one stack keeps the whole paragraph', () => {
    const finished = finish(stream)
    expect(finished).not.toContain('ActualText')
    expect(finished.match(/BDC/g)).toHaveLength(1)
    expect(finished.match(/EMC/g)).toHaveLength(1)
  })

  it('reads a word broken at a soft hyphen whole, a no-break space as a space, and a space at a line end', () => {
    // "ab" + "a" + " " + "ff" at the end of the first line, then a space; "b-" ends the
    // second line with a hyphen, which the third continues without one.
    expect(readText(finish(stream))).toBe('aba ff b-a')
  })

  it('keeps every glyph placement: only shows of invisible glyphs go', () => {
    const placements = (text: string) => text.match(/[\d.]+ 0 Td/g)
    expect(placements(finish(stream))).toEqual(placements(stream))
  })

  it('adds nothing to a stream of one line per sequence', () => {
    const single = '/P <</MCID 0 >>BDC\nBT\n/F4 14 Tf\n1 0 0 -1 0 10 Tm\n<0002> Tj\nET\nEMC\n'
    expect(finish(single)).toBe(single)
  })
})
