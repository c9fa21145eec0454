/**
 * A collection's JSON Schema is content, and a `pattern` such as `^(a+)+$` makes a
 * backtracking engine take exponential time on a value that almost matches. Ajv matches
 * `pattern` and `patternProperties` here with RE2 (`re2js`, pure JavaScript), which takes
 * time linear in the value. RE2 has no backreferences or lookaround, the constructs that
 * cannot be matched in linear time: a pattern that uses them is refused at its place.
 */
import { RE2JS } from 're2js'
import type { JsonPath } from './json-source.ts'

/** Ajv's `code.regExp` engine (its `RegExpEngine` type, which the package does not export from its entry). */
interface RegExpEngine {
  (pattern: string, flags: string): { test: (value: string) => boolean }
  code: string
}

/** Ajv's `code.regExp`: compiles with RE2; the `u` flag is RE2's own (it matches code points). */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    const compiled = RE2JS.compile(pattern)
    // Ajv shares one compiled pattern among equal ones by this string: it must differ per pattern.
    return { test: (value: string) => compiled.matcher(value).find(), toString: () => `/${pattern}/${flags}` }
  },
  { code: 'linearRegExp' },
)

export interface PatternProblem {
  /** Where the pattern is written: the `pattern` value, or the key of `patternProperties`. */
  path: JsonPath
  part: 'value' | 'key'
  reason: string
}

/**
 * Every `pattern` and `patternProperties` key of a schema that RE2 cannot compile, with
 * why; the schema is walked without recursion (its nesting is already limited).
 */
export function unsupportedPatterns(schema: unknown): PatternProblem[] {
  const problems: PatternProblem[] = []
  const check = (pattern: string, path: JsonPath, part: 'value' | 'key') => {
    try {
      RE2JS.compile(pattern)
    } catch (error) {
      const detail = (error as Error).message.replace(/^error parsing regexp: /, '')
      problems.push({ path, part, reason: `The pattern "${pattern}" cannot be matched in linear time: ${detail}` })
    }
  }
  const stack: Array<{ node: unknown; path: JsonPath }> = [{ node: schema, path: [] }]
  while (stack.length > 0) {
    const { node, path } = stack.pop()!
    if (Array.isArray(node)) {
      node.forEach((child, index) => stack.push({ node: child, path: [...path, index] }))
      continue
    }
    if (node === null || typeof node !== 'object') continue
    for (const [key, child] of Object.entries(node)) {
      if (key === 'pattern' && typeof child === 'string') check(child, [...path, key], 'value')
      if (key === 'patternProperties' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        for (const pattern of Object.keys(child)) check(pattern, [...path, key, pattern], 'key')
      }
      stack.push({ node: child, path: [...path, key] })
    }
  }
  return problems
}
