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

/** The new text of one file with its edits made (none overlapping). */
export function applyToText(text: string, edits: readonly Edit[]): string {
  const plain = edits.filter((edit): edit is Extract<Edit, { format: 'text' }> => edit.format === 'text').sort((a, b) => b.start - a.start)
  let result = text
  for (const edit of plain) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end)

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
    for (const edit of [...fieldEdits].sort((a, b) => b.start - a.start)) next = next.slice(0, edit.start) + edit.text + next.slice(edit.end)
    result = applyEdits(result, modify(result, path as Array<string | number>, next, {}))
  }
  return result
}
