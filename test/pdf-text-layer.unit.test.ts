/**
 * The words of the PDF's structure tree are the page's: the finishing steps on content
 * streams as Chromium writes them (each line of a paragraph its own text object, soft
 * hyphens and no-break spaces as nested ActualText spans). The stream below is written
 * here, in Chromium's form; `pdf-accessibility.outputs.test.ts` reads the real report.
 */
import { describe, expect, it } from 'vitest'
import { finishLines, markUntaggedAsArtifacts, operators, readToUnicode, spaceLineEnds, unnestCharacterSpans, untagBreakHyphens } from '../src/render/pdf/content-stream.ts'

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
    // second line with a hyphen, which the third continues without one; the page's last
    // line ends with a space, for a paragraph that goes on overleaf.
    expect(readText(finish(stream))).toBe('aba ff b-a ')
  })

  it('keeps every glyph placement: only shows of invisible glyphs go', () => {
    const placements = (text: string) => text.match(/[\d.]+ 0 Td/g)
    expect(placements(finish(stream))).toEqual(placements(stream))
  })

  it('spaces lines apart across sequences, and nothing between sequences on one line', () => {
    // Invented: "ab" then, on the same line, "a" (an inline element's sequence); then "b" on the next line.
    const lines = '/P <</MCID 0 >>BDC\nBT\n/F4 14 Tf\n1 0 0 -1 0 10 Tm\n<0002> Tj\n<0003> Tj\nET\nEMC\n/Span <</MCID 1 >>BDC\nBT\n/F4 14 Tf\n1 0 0 -1 20 10 Tm\n<0002> Tj\nET\nBT\nET\nEMC\n/P <</MCID 2 >>BDC\nBT\n/F4 14 Tf\n1 0 0 -1 0 30 Tm\n<0003> Tj\nET\nEMC\n/Artifact BMC\nBT\n/F4 14 Tf\n1 0 0 -1 0 90 Tm\n<0002> Tj\nET\nEMC\n'
    const tagged = (text: string) => readText(text.replace(/\/Artifact BMC[\s\S]*?EMC/g, ''))
    expect(tagged(finish(lines))).toBe('aba b ')
  })
})

/**
 * Invented, in Chromium's form: a paragraph (MCID 0) whose first line ends "ab" and a hyphen
 * Chromium added where the word breaks, drawn as a text object of its own; its next line
 * "a b-" ends with a hyphen of the text, drawn with its word; the last line is "a".
 */
const broken = [
  '/P <</MCID 0 >>BDC', 'BT', '/F4 14 Tf', '1 0 0 -1 0 10 Tm', '<0002> Tj', '5 0 Td <0003> Tj', 'ET',
  'BT', '/F4 14 Tf', '1 0 0 -1 10 10 Tm', '<0004> Tj', 'ET',
  'BT', '/F4 14 Tf', '1 0 0 -1 0 30 Tm', '<0002> Tj', '<0001> Tj', '<0003> Tj', '<0004> Tj', 'ET',
  'BT', '/F4 14 Tf', '1 0 0 -1 0 50 Tm', '<0002> Tj', 'ET',
  'EMC',
].join('\n')

/** The tagged text of each MCID, artifacts left out. */
function sequences(text: string): Map<number, string> {
  const found = new Map<number, string>()
  for (const match of text.matchAll(/<<\/MCID (\d+) >>BDC([\s\S]*?)EMC/g)) found.set(Number(match[1]), readText(match[2] ?? ''))
  return found
}

describe('a hyphen Chromium adds where it breaks a word', () => {
  it('is an artifact between the two parts of its sequence, which the structure element reads on', () => {
    const { bytes, splits } = untagBreakHyphens(new TextEncoder().encode(broken), fonts, 7)
    const text = new TextDecoder().decode(bytes)
    expect(splits).toEqual([{ mcid: 0, continuedAs: 7 }])
    expect(sequences(text)).toEqual(new Map([[0, 'ab'], [7, 'a b-a']]))
    // The page still shows every glyph: the hyphen as an artifact.
    expect(readText(text)).toBe('ab-a b-a')
    expect(/\/Artifact BMC\nBT\n\/F4 14 Tf\n1 0 0 -1 10 10 Tm\n<0004> Tj\nET\nEMC/.test(text)).toBe(true)
    expect(text.match(/BDC|BMC/g)).toHaveLength(text.match(/EMC/g)?.length ?? 0)
  })

  it('leaves a hyphen of the text alone, and one in another font than the word before', () => {
    const written = broken.replace('1 0 0 -1 10 10 Tm\n<0004> Tj', '1 0 0 -1 10 10 Tm\n/F5 14 Tf\n<0004> Tj')
    const other = new Map([...fonts, ['/F5', font]])
    expect(untagBreakHyphens(new TextEncoder().encode(written), other, 7).splits).toEqual([])
    const inText = broken.replace('<0003> Tj\nET\nBT\n/F4 14 Tf\n1 0 0 -1 10 10 Tm\n<0004> Tj\nET', '<0003> Tj\n<0004> Tj\nET')
    expect(new TextDecoder().decode(untagBreakHyphens(new TextEncoder().encode(inText), fonts, 7).bytes)).toBe(inText)
  })

  it('at the end of a page, closes its sequence as an artifact', () => {
    const last = broken.replace(/BT\n\/F4 14 Tf\n1 0 0 -1 0 30 Tm[\s\S]*?EMC$/, 'EMC')
    const { bytes, splits } = untagBreakHyphens(new TextEncoder().encode(last), fonts, 7)
    const text = new TextDecoder().decode(bytes)
    expect(splits).toEqual([])
    expect(sequences(text)).toEqual(new Map([[0, 'ab']]))
    expect(text.endsWith('EMC\n/Artifact BMC\nBT\n/F4 14 Tf\n1 0 0 -1 10 10 Tm\n<0004> Tj\nET\nEMC')).toBe(true)
  })
})

describe('finishing a stream with one tokenisation', () => {
  it('gives the steps\' bytes one by one, and the operators of what it wrote', () => {
    // INVENTED FIXTURE: the stream above with untagged furniture (a rule, a page number) before and after it.
    const furnished = new TextEncoder().encode(`0 0 1 rg\n0 0 10 10 re f\n${stream}\nBT\n/F4 9 Tf\n1 0 0 -1 0 90 Tm\n<0002> Tj\nET\n10 10 m 20 20 l 30 30 40 40 50 50 c h S`)
    const stepByStep = spaceLineEnds(markUntaggedAsArtifacts(unnestCharacterSpans(furnished, fonts)), fonts)
    const once = finishLines(furnished, fonts)
    expect(new TextDecoder().decode(once.bytes)).toBe(new TextDecoder().decode(stepByStep))
    expect(once.list).toEqual(operators(once.bytes))
    expect(untagBreakHyphens(once.bytes, fonts, 7, once.list)).toEqual(untagBreakHyphens(stepByStep, fonts, 7))
  })
})
