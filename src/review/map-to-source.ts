/**
 * Carries one change of a reviewed paragraph to where its words were written: a range of
 * a Markdown file, or of a JSON string (inline Markdown or plain), or a front matter's
 * title. A change that touches words the pipeline adds, or text several places write
 * alike, is not carried: it is said why.
 */
import type { Change } from './changes.ts'
import { narrowed } from './changes.ts'
import type { CharacterOrigin, DataString, SourceParagraph } from './source-text.ts'

/** One edit of one source file: offsets in the file's text, or indices in a JSON string's decoded value. */
export type Edit =
  /** `markdown`: the text is what the reviewer typed, escaped where it is written (`apply.ts`) so that it shows as typed. */
  | { format: 'text'; file: string; start: number; end: number; text: string; markdown?: boolean }
  | { format: 'json'; file: string; field: DataString; start: number; end: number; text: string }

export type Carried =
  | { carried: true; edits: Edit[]; origin: CharacterOrigin }
  | { carried: false; why: 'pipeline-words' | 'ambiguous'; origin?: CharacterOrigin; detail?: string }

type Written = Extract<CharacterOrigin, { kind: 'markdown' } | { kind: 'data' }>

const isWritten = (origin: CharacterOrigin | undefined): origin is Written =>
  origin !== undefined && (origin.kind === 'markdown' || (origin.kind === 'data' && origin.index >= 0))

const sameString = (a: Written, b: Written) => a.file === b.file && (a.kind === 'markdown' ? b.kind === 'markdown' : b.kind === 'data' && a.field === b.field)
const position = (origin: Written) => (origin.kind === 'markdown' ? origin.offset : origin.index)

/**
 * GFM makes a link of a bare `www.`, `http://` or e-mail address after Markdown is read,
 * whatever escapes it holds; such a text cannot be written to show as typed.
 */
const bareLink = /(^|[\s(*_~])(www\.|https?:\/\/)|[\w.+-]@[\w-]+\.[\w-]/i

/** The text to write for what was typed, or why it cannot be written as typed. */
function inserted(origin: Written, text: string): { text: string } | { why: string } {
  const markdown = origin.kind === 'markdown' || origin.field.markdown
  if (markdown && bareLink.test(text)) return { why: 'what the reviewer typed would become a link (a bare web or e-mail address)' }
  if (origin.kind === 'markdown' || origin.field.format === 'json') return { text }
  return /[:#]|^\s*[-?[\]{}&*!|>'"%@`]/.test(text) ? { why: 'the front matter title would need quoting' } : { text }
}

function edit(origin: Written, start: number, end: number, text: string): Edit {
  if (origin.kind === 'markdown') return { format: 'text', file: origin.file, start, end, text, markdown: true }
  if (origin.field.format === 'yaml') return { format: 'text', file: origin.file, start: origin.field.literalOffset + start, end: origin.field.literalOffset + end, text }
  return { format: 'json', file: origin.file, field: origin.field, start, end, text }
}

export function carryChange(change: Change, paragraph: SourceParagraph): Carried {
  const narrow = narrowed(change)
  const { origins } = paragraph
  const touched = origins.slice(narrow.at, narrow.at + narrow.deleted.length)
  const ambiguous = touched.find((origin) => origin?.kind === 'ambiguous')
  if (ambiguous) return { carried: false, why: 'ambiguous', origin: ambiguous }

  if (narrow.deleted === '') {
    const before = origins[narrow.at - 1]
    const after = origins[narrow.at]
    const anchor = insertionPoint(before, after, paragraph.text[narrow.at - 1])
    if (!anchor) {
      const near = [before, after].find((origin) => origin?.kind === 'ambiguous')
      return near ? { carried: false, why: 'ambiguous', origin: near } : { carried: false, why: 'pipeline-words' }
    }
    const text = inserted(anchor.origin, narrow.inserted)
    if ('why' in text) return { carried: false, why: 'ambiguous', origin: anchor.origin, detail: text.why }
    return { carried: true, origin: anchor.origin, edits: [edit(anchor.origin, anchor.at, anchor.at, text.text)] }
  }

  if (!touched.every(isWritten)) return { carried: false, why: 'pipeline-words', origin: touched.find(isWritten) }
  // Contiguous runs of one string each: a change across a bold name or a link is made in each run, marks kept.
  const runs: Written[][] = []
  for (const origin of touched as Written[]) {
    const run = runs.at(-1)
    const last = run?.at(-1)
    if (run && last && sameString(last, origin) && position(origin) === position(last) + 1) run.push(origin)
    else runs.push([origin])
  }
  const edits: Edit[] = []
  for (const [index, run] of runs.entries()) {
    const first = run[0] as Written
    const text = index === 0 ? inserted(first, narrow.inserted) : { text: '' }
    if ('why' in text) return { carried: false, why: 'ambiguous', origin: first, detail: text.why }
    edits.push(edit(first, position(first), position(run.at(-1) as Written) + 1, text.text))
  }
  return { carried: true, origin: touched[0] as Written, edits }
}

/**
 * Where an insertion between two characters goes. Inside one string, between them; at the
 * edge of a mark (`**Thailand** said`), after a space before it and before a word after
 * it, so that inserted words do not take the mark; between two sources, into prose
 * rather than into a name the data gives.
 */
function insertionPoint(before: CharacterOrigin | undefined, after: CharacterOrigin | undefined, previous: string | undefined): { origin: Written; at: number } | undefined {
  const afterBefore = isWritten(before) ? { origin: before, at: position(before) + 1 } : undefined
  const beforeAfter = isWritten(after) ? { origin: after, at: position(after) } : undefined
  if (!afterBefore || !beforeAfter) return afterBefore ?? beforeAfter
  if (sameString(afterBefore.origin, beforeAfter.origin)) return previous === ' ' ? afterBefore : beforeAfter
  const prose = (origin: Written) => origin.kind === 'markdown' || origin.field.markdown
  if (prose(afterBefore.origin) && !prose(beforeAfter.origin)) return afterBefore
  if (prose(beforeAfter.origin) && !prose(afterBefore.origin)) return beforeAfter
  return previous === ' ' ? afterBefore : beforeAfter
}
