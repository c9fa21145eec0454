/**
 * A TrueType font cut down to the glyphs some text needs (harfbuzz's hb-subset, through
 * `subset-font`), so a document carries tens of kilobytes of font instead of hundreds, and
 * a reader (Word, LibreOffice, Chromium printing a page) parses that much less. The glyphs
 * kept are those of the characters given plus what the shaping features below reach from
 * them (ligatures, kerning pairs, marks), so text lays out as in the whole font. hb-subset
 * gives the same bytes for the same font and characters.
 */
import subsetFont from 'subset-font'

/**
 * The layout features a shaper applies unasked (harfbuzz's own default list for
 * hb-subset), rather than every feature the font has: small capitals, old-style figures and
 * the like, which no document here asks for, would keep hundreds of glyphs.
 */
const shapingFeatures = [
  ...['rvrn', 'ccmp', 'liga', 'locl', 'mark', 'mkmk', 'rlig', 'frac', 'numr', 'dnom', 'calt', 'clig', 'curs', 'kern', 'rclt'],
  ...['valt', 'vert', 'vkrn', 'vrt2', 'ltra', 'ltrm', 'rtla', 'rtlm', 'rand', 'jalt', 'chws', 'vchw', 'halt', 'vhal'],
  ...['init', 'medi', 'fina', 'isol', 'med2', 'fin2', 'fin3', 'cswh', 'mset', 'stch', 'ljmo', 'vjmo', 'tjmo'],
  ...['abvs', 'blws', 'abvm', 'blwm', 'nukt', 'akhn', 'rphf', 'rkrf', 'pref', 'blwf', 'half', 'abvf', 'pstf', 'cfar', 'vatu', 'cjct', 'pres', 'psts', 'haln', 'dist'],
]

/** subset-font's options, with the one its type declarations lack. */
type Options = NonNullable<Parameters<typeof subsetFont>[2]> & { keepFeatures?: string[] }

/** `font` (TrueType) with the glyphs of `characters` only; `.notdef` always stays. */
export async function subsetTrueType(font: Uint8Array, characters: Iterable<number>): Promise<Uint8Array> {
  const text = String.fromCodePoint(...[...new Set(characters)].sort((a, b) => a - b))
  const options: Options = { targetFormat: 'truetype', keepFeatures: shapingFeatures }
  return new Uint8Array(await subsetFont(Buffer.from(font.buffer, font.byteOffset, font.byteLength), text, options))
}

/**
 * Every character of `text`, as code points, in the order they first occur. A page's
 * markup runs to hundreds of kilobytes of a few hundred distinct characters: the code
 * units are read one by one, and a table of those of the Basic Multilingual Plane already
 * met keeps the set from being asked again for each.
 */
export function charactersOf(text: string, into = new Set<number>()): Set<number> {
  const length = text.length
  // A short text (a character's cases) is cheaper to add than to make the table for.
  const seen = length > 256 ? new Uint8Array(0x10000) : undefined
  for (let index = 0; index < length; index++) {
    const unit = text.charCodeAt(index)
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < length) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        into.add(((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000)
        index++
        continue
      }
    }
    // A lone surrogate is a character of its own, as `for ... of` reads it.
    if (seen === undefined) into.add(unit)
    else if (seen[unit] === 0) {
      seen[unit] = 1
      into.add(unit)
    }
  }
  return into
}
