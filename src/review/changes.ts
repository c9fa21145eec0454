/**
 * A reviewed paragraph's text and its changes: the text it had before the tracked changes
 * (what was there plus what was deleted), the text it has now (what was there plus what
 * was inserted), and each tracked change at its place in the former. Edits typed with
 * tracking off are found by comparing texts (`untrackedChanges`).
 */
import { diffWordsWithSpace } from 'diff'
import type { ReviewedParagraph } from './read-docx.ts'

export interface Change {
  /** Where in the text before the change. */
  at: number
  deleted: string
  inserted: string
  /** Who made it: the tracked change's author; empty for an edit typed with tracking off. */
  authors: string[]
  dates: string[]
  tracked: boolean
}

export interface ParagraphText {
  /** Before the tracked changes, normalised (runs of white space as one space, none at the ends). */
  original: string
  /** After them, normalised. */
  reviewed: string
  changes: Change[]
  /** Comment ranges' edges, at their place in `original`. */
  marks: Array<{ id: string; edge: 'start' | 'end'; offset: number }>
}

export function paragraphText(paragraph: ReviewedParagraph): ParagraphText {
  // Built from parts and joined once, each character looked at once: a paragraph of
  // megabytes costs its length, not its length squared.
  const original: string[] = []
  let originalLength = 0
  let lastOriginal = ''
  const changes: Array<{ change: Change; deleted: string[]; inserted: string[]; lastInserted: string }> = []
  let open: (typeof changes)[number] | undefined
  const rawToOriginal: number[] = []
  let raw = 0
  for (const piece of paragraph.pieces) {
    if (piece.kind === 'same') open = undefined
    else if (!open) {
      open = { change: { at: originalLength, deleted: '', inserted: '', authors: [], dates: [], tracked: true }, deleted: [], inserted: [], lastInserted: '' }
      changes.push(open)
    }
    if (open && piece.author && !open.change.authors.includes(piece.author)) open.change.authors.push(piece.author)
    if (open && piece.date && !open.change.dates.includes(piece.date)) open.change.dates.push(piece.date)
    if (piece.kind === 'inserted') {
      const into = open as (typeof changes)[number]
      for (const character of piece.text) {
        const space = /\s/.test(character)
        if (space && (into.lastInserted === ' ' || (into.lastInserted === '' && (originalLength === 0 || lastOriginal === ' ')))) continue
        into.lastInserted = space ? ' ' : character
        into.inserted.push(into.lastInserted)
      }
      continue
    }
    for (const character of piece.text) {
      rawToOriginal[raw++] = originalLength
      const space = /\s/.test(character)
      if (space && (originalLength === 0 || lastOriginal === ' ')) continue
      lastOriginal = space ? ' ' : character
      original.push(lastOriginal)
      originalLength += lastOriginal.length
      open?.deleted.push(lastOriginal)
    }
  }
  rawToOriginal[raw] = originalLength
  let text = original.join('')
  const made = changes.map(({ change, deleted, inserted }) => ({ ...change, deleted: deleted.join(''), inserted: inserted.join('') }))
  if (text.endsWith(' ')) {
    text = text.slice(0, -1)
    for (const change of made) {
      if (change.at + change.deleted.length > text.length) change.deleted = change.deleted.slice(0, text.length - change.at)
    }
  }
  const reviewed = normalise(paragraph.pieces.filter((piece) => piece.kind !== 'deleted').map((piece) => piece.text).join(''))
  const marks = paragraph.marks.map((mark) => ({ ...mark, offset: Math.min(rawToOriginal[mark.offset] ?? text.length, text.length) }))
  return { original: text, reviewed, changes: made.filter((change) => change.deleted !== '' || change.inserted.trim() !== ''), marks }
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The edits between two texts of one paragraph, word by word, at their place in `before`. */
export function untrackedChanges(before: string, after: string): Change[] {
  const changes: Change[] = []
  let at = 0
  let open: Change | undefined
  // A diff is quadratic at worst: past this many edits the paragraph is one replacement.
  const parts = diffWordsWithSpace(before, after, { maxEditLength: 2_000 }) ?? [
    { value: before, removed: true, added: false, count: 1 },
    { value: after, added: true, removed: false, count: 1 },
  ]
  for (const part of parts) {
    if (!part.added && !part.removed) {
      open = undefined
      at += part.value.length
      continue
    }
    if (!open) {
      open = { at, deleted: '', inserted: '', authors: [], dates: [], tracked: false }
      changes.push(open)
    }
    if (part.removed) {
      open.deleted += part.value
      at += part.value.length
    } else open.inserted += part.value
  }
  // Words inserted between two words read "insert ' and tested'", the space before them.
  return changes.map((change) =>
    change.deleted === '' && change.inserted.endsWith(' ') && before[change.at - 1] === ' '
      ? { ...change, at: change.at - 1, inserted: ` ${change.inserted.slice(0, -1)}` }
      : change,
  )
}

/** The smallest edit that has the same effect: the characters a change deletes and inserts alike, at its ends, left out. */
export function narrowed(change: Change): Change {
  let prefix = 0
  while (prefix < change.deleted.length && prefix < change.inserted.length && change.deleted[prefix] === change.inserted[prefix]) prefix++
  let suffix = 0
  while (
    suffix < change.deleted.length - prefix &&
    suffix < change.inserted.length - prefix &&
    change.deleted[change.deleted.length - 1 - suffix] === change.inserted[change.inserted.length - 1 - suffix]
  )
    suffix++
  return {
    ...change,
    at: change.at + prefix,
    deleted: change.deleted.slice(prefix, change.deleted.length - suffix),
    inserted: change.inserted.slice(prefix, change.inserted.length - suffix),
  }
}

/** `replace "an effective" → "a proven"`, `insert "regional"`, `delete "very"`. */
export function describeChange(change: Change): string {
  const quote = (text: string) => `"${text.length > 120 ? `${text.slice(0, 117)}...` : text}"`
  const what = change.deleted === '' ? `insert ${quote(change.inserted)}` : change.inserted === '' ? `delete ${quote(change.deleted)}` : `replace ${quote(change.deleted)} → ${quote(change.inserted)}`
  const who = change.tracked ? change.authors.join(', ') || 'no author' : 'typed with tracking off'
  return `${what} (${who})`
}
