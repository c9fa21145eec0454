/**
 * Writes carried edits into the content files. Markdown (and front matter) at their
 * offsets, the rest of the file byte for byte as it was; a JSON string by its path with
 * jsonc-parser's `modify`, which rewrites only that string's literal, escaped as JSON
 * needs, so the file stays valid JSON and keeps its layout.
 */
import { applyEdits, modify } from 'jsonc-parser'
import type { JsonPath } from '../content/json-source.ts'
import type { Edit } from './map-to-source.ts'

/** Edits that overlap another (two changes to the same words) are not applied; they are returned. */
export function overlapping(edits: readonly Edit[]): Set<Edit> {
  const clashes = new Set<Edit>()
  const key = (edit: Edit) => `${edit.file}\0${edit.format === 'json' ? JSON.stringify(edit.field.path) : ''}`
  const groups = new Map<string, Edit[]>()
  for (const edit of edits) groups.set(key(edit), [...(groups.get(key(edit)) ?? []), edit])
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.start - b.start || a.end - b.end)
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1] as Edit
      const current = sorted[index] as Edit
      const insertionsAtOnePlace = previous.start === previous.end && current.start === current.end && previous.start === current.start
      if (current.start < previous.end || insertionsAtOnePlace) {
        clashes.add(previous)
        clashes.add(current)
      }
    }
  }
  return clashes
}

/**
 * What a reviewer typed, written into Markdown (a file, or a JSON string the transform
 * reads as Markdown) so that the document shows it as typed, never as structure: the
 * characters of emphasis, code, links, HTML and tables; a directive's colon (`:name`, and
 * words or braces typed right after a directive's name, which would lengthen it or give
 * it attributes); character
 * references (`&copy;`); bare autolinks (`www.`, `https://`, addresses); and, at a line's
 * start, what opens a heading, a list or a rule. `before` is the text before the
 * insertion, `after` the character after what it replaces. CommonMark reads a backslash
 * before any ASCII punctuation as that character; a letter that would lengthen a
 * directive's name is written as its character reference.
 */
export function escapeTyped(typed: string, before: string, after: string | undefined): string {
  const line = before.slice(before.lastIndexOf('\n') + 1)
  let atLineStart = line.trim() === ''
  // A line so far of digits alone (`1`, then `.` would open an ordered list).
  let digitsOnly = /^\s*\d+$/.test(line)
  // The last characters before, unescaped: enough for a directive's name or `www`.
  let tail = line.slice(-64)
  let out = ''
  const characters = [...typed]
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index] as string
    const next = characters[index + 1] ?? after
    let written = character
    if (/[\\`*_[\]<>|~@]/.test(character)) written = `\\${character}`
    else if (character === ':' && next !== ' ') written = '\\:'
    else if (character === '&' && next !== undefined && /[#A-Za-z0-9]/.test(next)) written = '\\&'
    else if (character === '!' && next === '[') written = '\\!'
    else if (character === '.' && /(^|[^A-Za-z0-9])www$/i.test(tail)) written = '\\.'
    else if (atLineStart && /[#+\-=]/.test(character)) written = `\\${character}`
    else if (digitsOnly && /[.)]/.test(character)) written = `\\${character}`
    else if (index === 0 && /[\w{[-]/.test(character) && /(^|[^\\:]):[A-Za-z][\w-]*$/.test(tail)) written = /\w/.test(character) ? `&#${character.codePointAt(0)};` : `\\${character}`
    digitsOnly = /\d/.test(character) ? digitsOnly || atLineStart : false
    if (!/\s/.test(character)) atLineStart = false
    out += written
    tail = (tail + character).slice(-64)
  }
  return out
}

/** The new text of one file with its edits made (none overlapping). */
export function applyToText(text: string, edits: readonly Edit[]): string {
  const plain = edits.filter((edit): edit is Extract<Edit, { format: 'text' }> => edit.format === 'text').sort((a, b) => b.start - a.start)
  let result = text
  for (const edit of plain) {
    const typed = edit.markdown ? escapeTyped(edit.text, result.slice(0, edit.start), result[edit.end]) : edit.text
    result = result.slice(0, edit.start) + typed + result.slice(edit.end)
  }

  const fields = new Map<string, { path: JsonPath; value: string; edits: Array<Extract<Edit, { format: 'json' }>> }>()
  for (const edit of edits) {
    if (edit.format !== 'json') continue
    const key = JSON.stringify(edit.field.path)
    const entry = fields.get(key) ?? { path: edit.field.path, value: edit.field.value, edits: [] }
    entry.edits.push(edit)
    fields.set(key, entry)
  }
  for (const { path, value, edits: fieldEdits } of fields.values()) {
    let next = value
    for (const edit of [...fieldEdits].sort((a, b) => b.start - a.start)) {
      const typed = edit.field.markdown ? escapeTyped(edit.text, next.slice(0, edit.start), next[edit.end]) : edit.text
      next = next.slice(0, edit.start) + typed + next.slice(edit.end)
    }
    result = applyEdits(result, modify(result, path as Array<string | number>, next, {}))
  }
  return result
}
