/**
 * Marks the content of a page stream that Chromium leaves outside every marked-content
 * sequence (page backgrounds, running heads, page numbers, rules, list bullets, the draft
 * mark) as `/Artifact`: PDF/UA wants all content either tagged or an artifact (Matterhorn
 * 01-005), and what Chromium does not tag is what is not in the accessibility tree.
 *
 * The stream is tokenised only far enough to find operators; operand bytes are copied as
 * they are. Artifacts open at the first path-construction or painting operator found
 * outside marked content (never inside a path object) and close before the next
 * marked-content operator, at the boundary of the text object they were opened in or
 * outside of, and at the end of the stream.
 */

const whitespace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const delimiters = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])
/** By byte: whether it is whitespace; a table, as the tokeniser asks for every byte. */
const isWhitespace = new Uint8Array(256)
for (const byte of whitespace) isWhitespace[byte] = 1
/** By byte: whether it ends a regular token (whitespace or a delimiter). */
const isSeparator = new Uint8Array(256)
for (const byte of [...whitespace, ...delimiters]) isSeparator[byte] = 1
/** By byte: whether a token starting with it is a number (digits, sign, decimal point). */
const startsNumber = new Uint8Array(256)
for (const byte of [0x2b, 0x2d, 0x2e, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]) startsNumber[byte] = 1

/** Operators that start a path object or paint: an artifact opens before them. */
const startsContent = new Set(['m', 're', 'Tj', 'TJ', "'", '"', 'Do', 'sh', 'BI', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*'])

export interface Operator {
  name: string
  /** Offset of its first operand (or of the operator when it has none). */
  start: number
  end: number
}

/** Operator names and other short words met so far, by their bytes (up to three), so each is made once. */
const shortWords = new Map<number, string>()

/** The bytes from `start` to `end` as text, a character a byte. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  // As arguments only up to what a call takes; a longer word (no stream here has one) through a buffer.
  if (end - start > 8192) return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[])
}

/** The token from `start` to `end` as text. */
function wordAt(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start
  if (length > 3) return latin1(bytes, start, end)
  let key = length
  for (let index = start; index < end; index++) key = key * 256 + bytes[index]!
  let word = shortWords.get(key)
  if (word === undefined) {
    word = latin1(bytes, start, end)
    // Bounded, whatever a stream holds: a content stream has a few dozen operators.
    if (shortWords.size < 1024) shortWords.set(key, word)
  }
  return word
}

/** By byte: whether it alone is an operator that adds a segment to a path (`l`, `c`, `v`, `y`, `h`). */
const isPathSegment = new Uint8Array(256)
for (const byte of [0x6c, 0x63, 0x76, 0x79, 0x68]) isPathSegment[byte] = 1

/**
 * The operators of a content stream, in order, with where each begins (operands included)
 * and ends; all but those that add a segment to a path (`l`, `c`, `v`, `y`, `h`), which
 * nothing here reads and which are most of a map's operators.
 */
export function operators(bytes: Uint8Array): Operator[] {
  const result: Operator[] = []
  let index = 0
  let operandStart = -1
  const length = bytes.length
  while (index < length) {
    const byte = bytes[index]!
    if (isWhitespace[byte]) {
      index++
      continue
    }
    if (byte === 0x25) {
      // A comment runs to the end of the line.
      while (index < length && bytes[index] !== 0x0a && bytes[index] !== 0x0d) index++
      continue
    }
    const tokenStart = index
    if (byte === 0x28) {
      let depth = 0
      for (; index < length; index++) {
        const current = bytes[index]
        if (current === 0x5c) index++
        else if (current === 0x28) depth++
        else if (current === 0x29 && --depth === 0) break
      }
      index++
    } else if (byte === 0x3c && bytes[index + 1] === 0x3c) {
      index += 2
    } else if (byte === 0x3e && bytes[index + 1] === 0x3e) {
      index += 2
    } else if (byte === 0x3c) {
      while (index < length && bytes[index] !== 0x3e) index++
      index++
    } else if (byte === 0x5b || byte === 0x5d || byte === 0x7b || byte === 0x7d) {
      index++
    } else if (byte === 0x2f) {
      index++
      while (index < length && !isSeparator[bytes[index]!]) index++
    } else {
      while (index < length && !isSeparator[bytes[index]!]) index++
      if (index - tokenStart === 1 && isPathSegment[byte]) {
        operandStart = -1
        continue
      }
      // Most tokens are numbers (a map's paths are thousands of them): told by their first
      // byte, without making a string of each.
      const isNumber = startsNumber[byte] === 1
      const word = isNumber ? '' : wordAt(bytes, tokenStart, index)
      const isOperand = isNumber || word === 'true' || word === 'false' || word === 'null'
      if (!isOperand) {
        const start = operandStart >= 0 ? operandStart : tokenStart
        if (word === 'ID') {
          // Inline image data: binary, up to whitespace + EI + whitespace.
          index++
          while (index < length && !(whitespace.has(bytes[index - 1]!) && bytes[index] === 0x45 && bytes[index + 1] === 0x49 && (index + 2 >= length || whitespace.has(bytes[index + 2]!)))) index++
          index += 2
          result.push({ name: 'ID', start, end: index })
        } else {
          result.push({ name: word, start, end: index })
        }
        operandStart = -1
        continue
      }
    }
    if (operandStart < 0) operandStart = tokenStart
  }
  return result
}

/** The stream with its untagged content wrapped in `/Artifact BMC ... EMC`; the same bytes when there is none. */
export function markUntaggedAsArtifacts(bytes: Uint8Array): Uint8Array {
  return markUntagged({ bytes, list: operators(bytes) }).bytes
}

/** A content stream and its operators (`operators`). */
export interface ListedStream {
  bytes: Uint8Array
  list: readonly Operator[]
}

function markUntagged({ bytes, list }: ListedStream): ListedStream {
  const insertions: Array<{ at: number; text: string }> = []
  let depth = 0
  let inText = false
  let open: { inText: boolean } | undefined
  const close = (at: number) => {
    insertions.push({ at, text: '\nEMC\n' })
    open = undefined
  }
  for (const operator of list) {
    const { name } = operator
    if (open) {
      if (name === 'BDC' || name === 'BMC') close(operator.start)
      else if (name === 'BT' && !open.inText) close(operator.start)
      else if (name === 'ET' && open.inText) close(operator.start)
    }
    if (name === 'BT') inText = true
    else if (name === 'ET') inText = false
    if (name === 'BDC' || name === 'BMC') depth++
    else if (name === 'EMC') depth = Math.max(0, depth - 1)
    else if (depth === 0 && !open && startsContent.has(name)) {
      insertions.push({ at: operator.start, text: '/Artifact BMC\n' })
      open = { inText }
    }
  }
  if (open) close(bytes.length)
  return withInsertions({ bytes, list }, insertions)
}

/** Painting or path operators outside any marked-content sequence: what a PDF/UA check calls untagged content. */
export function untaggedOperators(bytes: Uint8Array): string[] {
  const found: string[] = []
  let depth = 0
  for (const { name } of operators(bytes)) {
    if (name === 'BDC' || name === 'BMC') depth++
    else if (name === 'EMC') depth = Math.max(0, depth - 1)
    else if (depth === 0 && startsContent.has(name)) found.push(name)
  }
  return found
}

/** What a font's ToUnicode map says: the text of each character code (hex, as the stream writes it), and the code of a space. */
export interface FontText {
  textOf: ReadonlyMap<string, string>
  space: string | undefined
}

/** Reads a ToUnicode CMap's `bfchar` and `bfrange` entries (the forms Chromium writes). */
export function readToUnicode(cmap: string): FontText {
  const textOf = new Map<string, string>()
  const decode = (hex: string) => {
    const units: number[] = []
    for (let index = 0; index + 4 <= hex.length; index += 4) units.push(parseInt(hex.slice(index, index + 4), 16))
    return String.fromCharCode(...units)
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code = '', text = ''] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) textOf.set(code.toUpperCase(), decode(text))
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low = '', high = '', start = ''] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const first = parseInt(low, 16)
      const last = Math.min(parseInt(high, 16), first + 0xffff)
      const base = decode(start)
      for (let code = first; code <= last; code++) {
        textOf.set(code.toString(16).toUpperCase().padStart(low.length, '0'), base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - first))
      }
    }
  }
  const space = [...textOf].find(([, text]) => text === ' ')?.[0]
  return { textOf, space }
}

/** By byte: a hex digit's value, or -1. */
const hexValue = new Int8Array(256).fill(-1)
for (let digit = 0; digit < 16; digit++) hexValue[digit.toString(16).charCodeAt(0)] = hexValue[digit.toString(16).toUpperCase().charCodeAt(0)] = digit
/** By byte: whitespace as a regular expression's `\s` reads a Latin-1 byte. */
const isTextSpace = new Uint8Array(256)
for (const byte of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]) isTextSpace[byte] = 1

/** Each font's map by code as a number (its four-digit codes: those a stream's codes are read as), made once. */
const byNumber = new WeakMap<FontText, Map<number, string>>()

function numericCodes(font: FontText): Map<number, string> {
  let found = byNumber.get(font)
  if (!found) {
    found = new Map()
    for (const [code, text] of font.textOf) if (code.length === 4) found.set(parseInt(code, 16), text)
    byNumber.set(font, found)
  }
  return found
}

/**
 * What a show operator's hex strings (`<...>` of hex digits only) read as in `font`: each
 * four digits a code (Chromium's two-byte codes, the rest of a string dropped), `missing`
 * for a code the font's map lacks. Read from the bytes, since a page shows thousands.
 */
function shownText(bytes: Uint8Array, start: number, end: number, font: FontText | undefined, missing: string): string {
  const codes = font && numericCodes(font)
  let text = ''
  for (let index = start; index < end; index++) {
    if (bytes[index] !== 0x3c) continue
    let close = index + 1
    while (close < end && hexValue[bytes[close]!]! >= 0) close++
    if (close === index + 1 || close >= end || bytes[close] !== 0x3e) continue
    for (let digit = index + 1; digit + 4 <= close; digit += 4) {
      const code = (hexValue[bytes[digit]!]! << 12) | (hexValue[bytes[digit + 1]!]! << 8) | (hexValue[bytes[digit + 2]!]! << 4) | hexValue[bytes[digit + 3]!]!
      text += codes?.get(code) ?? missing
    }
    index = close
  }
  return text
}

/** Where the whitespace from `at` ends (at most `end`). */
function pastSpace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isTextSpace[bytes[at]!]) at++
  return at
}

/** Where the word from `at` ends, at the next whitespace (at most `end`). */
function pastWord(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && !isTextSpace[bytes[at]!]) at++
  return at
}

/** The `index`th of the operands' words (split at whitespace), as text; the operator itself is the last. */
function wordOf(bytes: Uint8Array, start: number, end: number, index: number): string | undefined {
  let count = 0
  for (let at = pastSpace(bytes, start, end); at < end; at = pastSpace(bytes, at, end)) {
    const wordStart = at
    at = pastWord(bytes, at, end)
    if (count++ === index) return latin1(bytes, wordStart, at)
  }
  return undefined
}

/**
 * An operator's operands as numbers: its words (split at whitespace) but the last, the
 * operator, each read as `Number` reads it.
 */
export function operandNumbers(bytes: Uint8Array, start: number, end: number): number[] {
  const numbers: number[] = []
  let previousStart = -1
  let previousEnd = -1
  for (let at = pastSpace(bytes, start, end); at < end; at = pastSpace(bytes, at, end)) {
    const wordStart = at
    at = pastWord(bytes, at, end)
    if (previousStart >= 0) numbers.push(Number(latin1(bytes, previousStart, previousEnd)))
    previousStart = wordStart
    previousEnd = at
  }
  return numbers
}

/** The first name (`/F4`) in the operands, as `/\/[^\s/]+/` finds it. */
function firstName(bytes: Uint8Array, start: number, end: number): string | undefined {
  for (let index = start; index + 1 < end; index++) {
    if (bytes[index] !== 0x2f || isTextSpace[bytes[index + 1]!] || bytes[index + 1] === 0x2f) continue
    let after = index + 1
    while (after < end && !isTextSpace[bytes[after]!] && bytes[after] !== 0x2f) after++
    return latin1(bytes, index, after)
  }
  return undefined
}

/** A line that ends with one of these goes on in the next without a space: a broken word or a dash. */
const joinsNextLine = /[-\u00ad\u2010\u2011\u2013\u2014/]$/

/**
 * The stream with a space drawn at the end of every tagged line that another tagged line
 * follows. Chromium draws each line of a paragraph as its own text
 * object and leaves out the space where the line breaks, so what reads the structure tree
 * (a screen reader, `pdfinfo -struct-text`) glued the last word of a line to the first of
 * the next ("AustralianGovernment"); a reader of the page sees them apart. The space is
 * drawn in the line's own font, after its last glyph (a space shows nothing); none after a
 * line that ends with a hyphen, a soft hyphen or a dash, which the next line continues.
 * The page's last tagged line ends with a space too: its paragraph may go on overleaf, in
 * another sequence of the same structure element, which a reader joins to it.
 * `fonts` gives each font resource's ToUnicode map, by its name (`/F4`).
 */
export function spaceLineEnds(bytes: Uint8Array, fonts: ReadonlyMap<string, FontText>): Uint8Array {
  return spaceLines({ bytes, list: operators(bytes) }, fonts).bytes
}

function spaceLines({ bytes, list }: ListedStream, fonts: ReadonlyMap<string, FontText>): ListedStream {
  const insertions: Array<{ at: number; text: string }> = []
  const decoder = new TextDecoder('latin1')
  let depth = 0
  let font: FontText | undefined
  let lineY: string | undefined
  /** What the last glyph shown reads as, inside a span with ActualText when it had one. */
  let lastText = ''
  let actualText: string | undefined
  let pending: { at: number; y: string | undefined; space: string } | undefined
  /** Whether the open sequence is tagged content (`BDC`), not an artifact. */
  let tagged = false
  for (const operator of list) {
    const { name } = operator
    if (name === 'BDC' || name === 'BMC') {
      if (depth === 0) tagged = name === 'BDC'
      depth++
      if (name === 'BDC') {
        const operands = decoder.decode(bytes.subarray(operator.start, operator.end))
        const actual = /\/ActualText\s*<FEFF([0-9A-Fa-f]*)>/.exec(operands)
        if (actual) actualText = String.fromCharCode(...(actual[1]?.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)))
      }
    } else if (name === 'EMC') {
      depth = Math.max(0, depth - 1)
      actualText = undefined
    } else if (name === 'BT') {
      lineY = undefined
    } else if (name === 'Tf') {
      font = fonts.get(firstName(bytes, operator.start, operator.end) ?? '')
    } else if (name === 'Tm') {
      lineY = wordOf(bytes, operator.start, operator.end, 5)
      // A following line, of the same sequence or of the next (an inline element that a line
      // break splits is a sequence a line): the one before ends with a space.
      if (pending && depth > 0 && tagged && pending.y !== lineY) insertions.push({ at: pending.at, text: `<${pending.space}> Tj\n` })
      // Page furniture (an artifact) drawn after the page's last line leaves it the last.
      if (depth > 0 && tagged) pending = undefined
    } else if (name === 'Tj' || name === 'TJ') {
      const shown = shownText(bytes, operator.start, operator.end, font, '')
      if (shown !== '' || actualText !== undefined) lastText = actualText ?? shown
    } else if (name === 'ET') {
      // A text object that shows nothing (Chromium writes some) is not a line.
      if (depth > 0 && tagged && lastText !== '') pending = font?.space && lastText.trim() !== '' && !joinsNextLine.test(lastText) ? { at: operator.start, y: lineY, space: font.space } : undefined
      lastText = ''
    }
  }
  // The page's last line: its paragraph may go on overleaf, in a sequence of the next page.
  if (pending) insertions.push({ at: pending.at, text: `<${pending.space}> Tj\n` })
  return withInsertions({ bytes, list }, insertions)
}

/**
 * The stream without the marked-content spans Chromium nests inside a tagged sequence to
 * give a soft hyphen, a no-break space or a ligature across a soft hyphen its ActualText.
 * A reader that keeps one stack of marked content (poppler's) takes the span's end for the
 * end of the paragraph's sequence and loses the rest of its text. A soft hyphen's span
 * ("\u00ad", or "f\u00adf" where letters around it would join) holds an invisible space
 * glyph: the span and that glyph go, so the word reads unbroken; a no-break space's span
 * goes, its space glyph read as a space. Any other ActualText (a script's clusters) stays.
 */
export function unnestCharacterSpans(bytes: Uint8Array, fonts: ReadonlyMap<string, FontText>): Uint8Array {
  return unnestSpans({ bytes, list: operators(bytes) }, fonts).bytes
}

function unnestSpans(stream: ListedStream, fonts: ReadonlyMap<string, FontText>): ListedStream {
  const { bytes, list } = stream
  const decoder = new TextDecoder('latin1')
  const removals: Array<{ start: number; end: number }> = []
  let font: FontText | undefined
  let open: { actual: string; begin: { start: number; end: number }; shows: Array<{ start: number; end: number; text: string }> } | undefined
  for (const operator of list) {
    const { name } = operator
    if (name === 'Tf') {
      font = fonts.get(firstName(bytes, operator.start, operator.end) ?? '')
    } else if (name === 'BDC') {
      const operands = decoder.decode(bytes.subarray(operator.start, operator.end)).trim()
      const actual = /^\/Span\s*<<\s*\/ActualText\s*<FEFF([0-9A-Fa-f]*)>\s*>>\s*BDC$/.exec(operands)
      open = actual ? { actual: String.fromCharCode(...(actual[1]?.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16))), begin: { start: operator.start, end: operator.end }, shows: [] } : undefined
    } else if (open && (name === 'Tj' || name === 'TJ')) {
      // Only the glyphs: the operands before `Tj` may hold the `Td` that places what follows.
      const operands = decoder.decode(bytes.subarray(operator.start, operator.end))
      const shown = /(<[0-9A-Fa-f]*>|\[[^\]]*\])\s*T[jJ]$/.exec(operands)
      if (shown) open.shows.push({ start: operator.start + shown.index, end: operator.end, text: shownText(bytes, operator.start, operator.end, font, '\ufffd') })
    } else if (open && name === 'EMC') {
      const glyphs = open.shows.map((show) => show.text).join('')
      // Chromium draws a soft hyphen as an invisible space glyph (with the letters around it when they form a ligature).
      const softHyphen = open.actual.includes('\u00ad')
      if (softHyphen || open.actual.replaceAll('\u00a0', ' ') === glyphs) {
        removals.push(open.begin)
        if (softHyphen) removals.push(...open.shows.filter((show) => show.text === ' '))
        removals.push({ start: operator.start, end: operator.end })
      }
      open = undefined
    } else if (name === 'BMC' || name === 'EMC') {
      open = undefined
    }
  }
  if (removals.length === 0) return stream
  removals.sort((first, second) => first.start - second.start)
  const parts: Uint8Array[] = []
  let cursor = 0
  for (const removal of removals) {
    parts.push(bytes.subarray(cursor, removal.start))
    cursor = removal.end
  }
  parts.push(bytes.subarray(cursor))
  const unnested = Buffer.concat(parts)
  return { bytes: unnested, list: operators(unnested) }
}

/** What a hyphen glyph reads as: the hyphen-minus or the Unicode hyphen. */
const hyphens = new Set(['-', '\u2010'])

/** A tagged sequence split around a line break's hyphen: its MCID, and the MCID of its part after the hyphen. */
export interface SequenceSplit {
  mcid: number
  continuedAs: number
}

/**
 * The stream with each hyphen that Chromium draws where it breaks a word at a soft hyphen
 * taken out of the tagged text: the sequence closes before it, the hyphen is an artifact,
 * and the sequence goes on under a new MCID (`nextMcid` and up), which the caller adds to
 * the same structure element after the first. The structure tree then reads "Government",
 * not "Govern-ment"; the page, and what reads it by position, still show the hyphen.
 * Chromium draws that hyphen as a text object of its own, after the word's first part in the
 * same font and on the same line, and the last of its line in the sequence; a hyphen written
 * in the text is drawn in its word's text object.
 */
export function untagBreakHyphens(bytes: Uint8Array, fonts: ReadonlyMap<string, FontText>, nextMcid: number, list: readonly Operator[] = operators(bytes)): { bytes: Uint8Array; splits: SequenceSplit[] } {
  const decoder = new TextDecoder('latin1')
  interface TextObject {
    /** The tagged sequence it is in: its index in the stream, its tag and MCID. */
    sequence: number
    tag: string
    mcid: number | undefined
    y: string | undefined
    font: string
    size: string
    text: string
    begin: number
    end: number
  }
  const objects: TextObject[] = []
  let sequence = 0
  let depth = 0
  let tag = ''
  let mcid: number | undefined
  let font = ''
  let size = ''
  let current: TextObject | undefined
  for (const operator of list) {
    const { name } = operator
    if (name === 'BDC' || name === 'BMC') {
      if (depth === 0) {
        sequence++
        const operands = decoder.decode(bytes.subarray(operator.start, operator.end))
        tag = /^\s*(\/[^\s/<[(]+)/.exec(operands)?.[1] ?? ''
        const id = name === 'BDC' ? /\/MCID\s+(\d+)/.exec(operands)?.[1] : undefined
        mcid = id === undefined ? undefined : Number(id)
      }
      depth++
    } else if (name === 'EMC') {
      depth = Math.max(0, depth - 1)
    } else if (name === 'BT') {
      // Only in a sequence of its own (not nested), which can be closed and opened again.
      current = depth === 1 && mcid !== undefined ? { sequence, tag, mcid, y: undefined, font, size, text: '', begin: operator.start, end: -1 } : undefined
    } else if (name === 'Tf') {
      font = wordOf(bytes, operator.start, operator.end, 0) ?? ''
      size = wordOf(bytes, operator.start, operator.end, 1) ?? ''
    } else if (name === 'Tm' && current) {
      current.y = wordOf(bytes, operator.start, operator.end, 5)
    } else if ((name === 'Tj' || name === 'TJ') && current) {
      current.font = font
      current.size = size
      current.text += shownText(bytes, operator.start, operator.end, fonts.get(font), '\ufffd')
    } else if (name === 'ET' && current) {
      current.end = operator.end
      objects.push(current)
      current = undefined
    } else if (name === 'ET' || (depth === 0 && startsContent.has(name))) {
      current = undefined
    }
  }
  const insertions: Array<{ at: number; text: string }> = []
  const splits: SequenceSplit[] = []
  /** Each split sequence's MCID after its last split, so that a second split goes on from there. */
  const latest = new Map<number, number>()
  objects.forEach((object, index) => {
    const before = objects[index - 1]
    const after = objects[index + 1]
    const breaksWord =
      hyphens.has(object.text) &&
      before !== undefined &&
      before.sequence === object.sequence &&
      before.y === object.y &&
      before.font === object.font &&
      before.size === object.size &&
      /\p{L}$/u.test(before.text) &&
      (after === undefined || after.sequence !== object.sequence || after.y !== object.y)
    const mcid = latest.get(object.sequence) ?? object.mcid
    if (!breaksWord || mcid === undefined) return
    const continues = after !== undefined && after.sequence === object.sequence
    insertions.push({ at: object.begin, text: 'EMC\n/Artifact BMC\n' })
    if (continues) {
      const split = { mcid, continuedAs: nextMcid++ }
      splits.push(split)
      latest.set(object.sequence, split.continuedAs)
      insertions.push({ at: object.end, text: `\nEMC\n${object.tag} <</MCID ${split.continuedAs} >>BDC\n` })
    }
    // Else the sequence's own EMC closes the artifact.
  })
  return { bytes: withInsertions({ bytes, list }, insertions).bytes, splits }
}

/**
 * What finishing does to a page stream before its break hyphens (`untagBreakHyphens`):
 * character spans unnested, untagged content marked as artifacts, line ends spaced. The
 * stream is tokenised once (twice when spans were unnested); each step's operators are its
 * input's, moved past what it inserted, with those of the inserted text.
 */
export function finishLines(bytes: Uint8Array, fonts: ReadonlyMap<string, FontText>): ListedStream {
  return spaceLines(markUntagged(unnestSpans({ bytes, list: operators(bytes) }, fonts)), fonts)
}

/** What each inserted text is as operators (a few short texts, over and over), by text. */
const insertedOperators = new Map<string, readonly Operator[]>()

/**
 * The stream with each text inserted at its byte offset (offsets in ascending order), and
 * its operators. Every text inserted here is whole operators ending in a line break, put at
 * an operator's start or end: the operators are the stream's, moved by what went in before
 * them, and the texts' own. Anything else (a text inside an operator, or after operands
 * that no operator follows) has its stream tokenised again.
 */
function withInsertions(stream: ListedStream, insertions: readonly { at: number; text: string }[]): ListedStream {
  if (insertions.length === 0) return stream
  const { bytes, list } = stream
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = []
  const result: Operator[] = []
  let cursor = 0
  let shift = 0
  let next = 0
  let exact = true
  const insert = (insertion: { at: number; text: string }) => {
    const text = encoder.encode(insertion.text)
    parts.push(bytes.subarray(cursor, insertion.at), text)
    cursor = insertion.at
    let own = insertedOperators.get(insertion.text)
    if (!own) {
      own = operators(text)
      if (insertedOperators.size < 256) insertedOperators.set(insertion.text, own)
    }
    const base = insertion.at + shift
    for (const operator of own) result.push({ name: operator.name, start: operator.start + base, end: operator.end + base })
    shift += text.length
  }
  let lastEnd = 0
  for (const operator of list) {
    while (next < insertions.length && insertions[next]!.at <= operator.start) insert(insertions[next++]!)
    if (next < insertions.length && insertions[next]!.at < operator.end) exact = false
    result.push({ name: operator.name, start: operator.start + shift, end: operator.end + shift })
    lastEnd = operator.end
  }
  // After the last operator: only whitespace may stand before a text, or its operator takes it as operands.
  for (; next < insertions.length; next++) {
    const insertion = insertions[next]!
    for (let index = lastEnd; index < insertion.at && exact; index++) if (!isWhitespace[bytes[index]!]) exact = false
    insert(insertion)
  }
  parts.push(bytes.subarray(cursor))
  const inserted = Buffer.concat(parts)
  return { bytes: inserted, list: exact ? result : operators(inserted) }
}
