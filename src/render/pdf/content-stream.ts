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

interface Operator {
  name: string
  /** Offset of its first operand (or of the operator when it has none). */
  start: number
  end: number
}

/** The operators of a content stream, in order, with where each begins (operands included) and ends. */
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
      // Most tokens are numbers (a map's paths are thousands of them): told by their first
      // byte, without making a string of each.
      const isNumber = startsNumber[byte] === 1
      const word = isNumber ? '' : String.fromCharCode(...bytes.subarray(tokenStart, index))
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
  const list = operators(bytes)
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
  if (insertions.length === 0) return bytes
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = []
  let cursor = 0
  for (const insertion of insertions) {
    parts.push(bytes.subarray(cursor, insertion.at), encoder.encode(insertion.text))
    cursor = insertion.at
  }
  parts.push(bytes.subarray(cursor))
  return Buffer.concat(parts)
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
