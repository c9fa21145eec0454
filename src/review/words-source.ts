/**
 * Where words the pipeline adds come from, so that a reviewer's change to them can be sent
 * to the one place that writes them for every document: a key of the words table (the
 * event's `words` in forum.json over the defaults in src/content/words.ts).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Content } from '../content/model.ts'
import { builtinTable, defaultWords } from '../content/words.ts'

export interface WordsPlace {
  key: string
  /** Absolute path of the file that writes it, and the offset of the key there. */
  file: string
  offset: number
}

const projectRoot = path.resolve(import.meta.dirname, '../..')

/**
 * The fixed words of an ICU message: text outside any argument, and inside the forms of
 * a plural or select (`{count, plural, one {Origin} other {Origins}}` has "Origin" and
 * "Origins"), which sit at even depths of braces.
 */
export function fixedWords(message: string): string[] {
  const words: string[] = []
  let depth = 0
  let current = ''
  for (const character of message) {
    if (character === '{' || character === '}') {
      if (depth % 2 === 0 && current !== '') words.push(current)
      current = ''
      depth += character === '{' ? 1 : -1
    } else current += character
  }
  if (depth % 2 === 0 && current !== '') words.push(current)
  return words.map((word) => word.replace(/#/g, '')).filter((word) => word.trim().length >= 3)
}

/** Each key's fixed words, read once per content (a review asks for every paragraph it cannot pair). */
const literalsOf = new WeakMap<Content, Array<[string, string[]]>>()

function keyLiterals(content: Content): Array<[string, string[]]> {
  let found = literalsOf.get(content)
  if (!found) {
    const overrides: Record<string, string> = content.forum.words ?? {}
    const base: Record<string, string> = { ...defaultWords, ...(builtinTable(content.forum.language)?.words ?? {}) }
    found = (Object.keys(defaultWords) as Array<keyof typeof defaultWords>).map((key) => [key, fixedWords(Object.hasOwn(overrides, key) ? (overrides[key] as string) : (base[key] as string))])
    literalsOf.set(content, found)
  }
  return found
}

let tableText: string | undefined

/** The words-table key whose fixed words cover `[start, end)` of the paragraph text, if any. */
export function wordsKeyAt(content: Content, text: string, start: number, end: number): WordsPlace | undefined {
  const overrides: Record<string, string> = content.forum.words ?? {}
  const builtin = builtinTable(content.forum.language)
  let best: { key: string; score: number } | undefined
  for (const [key, literals] of keyLiterals(content)) {
    // A paragraph that holds every fixed word of the message is most likely the message.
    const whole = literals.length > 0 && literals.every((literal) => text.includes(literal)) ? 1000 : 0
    for (const literal of literals) {
      for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
        const overlaps = at < Math.max(end, start + 1) && at + literal.length > start
        if (!overlaps) continue
        const score = literal.trim().length + whole
        if (!best || score > best.score) best = { key, score }
      }
    }
  }
  if (!best) return undefined
  if (Object.hasOwn(overrides, best.key)) {
    const { file, place } = content.origin('forum.json', ['words', best.key])
    return { key: best.key, file: file.path, offset: place?.start.offset ?? 0 }
  }
  const fromBuiltin = builtin !== undefined && Object.hasOwn(builtin.words, best.key)
  const table = path.join(projectRoot, fromBuiltin ? `src/content/words/${builtin.language}.json` : 'src/content/words.ts')
  let offset = 0
  try {
    const text = fromBuiltin ? readFileSync(table, 'utf8') : (tableText ??= readFileSync(table, 'utf8'))
    offset = Math.max(0, text.indexOf(fromBuiltin ? `"${best.key}":` : `'${best.key}':`))
  } catch {
    // An installed copy without its sources: the key is still named.
  }
  return { key: best.key, file: table, offset }
}
