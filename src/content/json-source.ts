/**
 * Parses a JSON file keeping where each value was written, so that a schema violation or
 * an unknown code deep in the data can be reported at its line and column.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser'
import { location } from 'vfile-location'
import type { VFile } from 'vfile'
import type { Position } from 'unist'
import { report } from '../errors/catalogue.ts'

export type JsonPath = ReadonlyArray<string | number>

export interface JsonSource {
  value: unknown
  /** The range of the value at `path`, or of its closest existing parent. */
  locate(path: JsonPath, part?: 'value' | 'key'): Position | undefined
}

/** Parses `file` as strict JSON; reports syntax errors on the file and returns undefined. */
export function parseJson(file: VFile): JsonSource | undefined {
  const text = String(file.value)
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  const place = location(file)
  const range = (offset: number, length: number): Position | undefined => {
    const start = place.toPoint(offset)
    const end = place.toPoint(offset + length)
    return start && end ? { start, end } : undefined
  }
  for (const error of errors) {
    report(file, 'json-syntax', `Invalid JSON: ${describeParseError(error)}`, {
      place: range(error.offset, error.length),
    })
  }
  if (errors.length > 0 || !root) {
    if (!root && errors.length === 0) report(file, 'json-syntax', 'Invalid JSON: the file is empty')
    return undefined
  }
  return {
    value: toValue(root),
    locate(path, part = 'value') {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = findNodeAtLocation(root, path.slice(0, depth) as Array<string | number>)
        if (!node) continue
        if (part === 'key' && depth === path.length && node.parent?.type === 'property') {
          const key = node.parent.children?.[0]
          if (key) return range(key.offset, key.length)
        }
        return range(node.offset, node.length)
      }
      return undefined
    },
  }
}

/**
 * Builds the value from the tree rather than with JSON.parse so that keys such as
 * `__proto__` become plain own properties and never reach a prototype.
 */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = Object.create(null)
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? []
        if (key && value) {
          Object.defineProperty(object, String(key.value), {
            value: toValue(value),
            enumerable: true,
            writable: true,
            configurable: true,
          })
        }
      }
      return object
    }
    case 'array':
      return (node.children ?? []).map(toValue)
    default:
      return node.value
  }
}

function describeParseError(error: ParseError): string {
  const descriptions: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected a colon after the property name',
    CommaExpected: 'expected a comma between values',
    CloseBraceExpected: 'expected a closing brace }',
    CloseBracketExpected: 'expected a closing bracket ]',
    EndOfFileExpected: 'unexpected content after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  }
  const code = printParseErrorCode(error.error)
  return descriptions[code] ?? code
}
