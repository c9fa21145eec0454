/**
 * A redline DOCX (`build --redline`) comes back with two kinds of tracked change: the
 * redline's own, which show what the content already says since the earlier round, and the
 * reviewers'. The redline's own are accepted here, before anything is read from the file,
 * so the review sees today's document with only the reviewers' changes on it. They are
 * told by the author and date the DOCX recorded (`review-record.ts`): LibreOffice renumbers
 * change ids when it saves, and keeps authors and dates (to the minute at least).
 */
import { reviewProperties } from '../render/docx/review-record.ts'
import type { Piece, ReviewedDocx, ReviewedParagraph } from './read-docx.ts'

/** A date as both editors write it, to the minute: LibreOffice may drop the seconds or the zone letter. */
const minute = (date: string | undefined) => (date ?? '').replace(/Z$/, '').slice(0, 16)

export function withoutRedlineMarks(reviewed: ReviewedDocx): ReviewedDocx {
  const author = reviewed.properties.get(reviewProperties.redlineAuthor)
  const date = reviewed.properties.get(reviewProperties.redlineDate)
  if (author === undefined || date === undefined) return reviewed
  const own = (piece: Piece) => piece.kind !== 'same' && piece.author === author && minute(piece.date) === minute(date)
  return { ...reviewed, paragraphs: reviewed.paragraphs.map((paragraph) => (paragraph.pieces.some(own) ? accepted(paragraph, own) : paragraph)) }
}

function accepted(paragraph: ReviewedParagraph, own: (piece: Piece) => boolean): ReviewedParagraph {
  const pieces: Piece[] = []
  // Comment marks sit at offsets of the text before the changes (same and deleted pieces): mapped onto the new one.
  const offsets: Array<{ before: number; after: number; length: number; kept: boolean }> = []
  let before = 0
  let after = 0
  for (const piece of paragraph.pieces) {
    const mine = own(piece)
    const kind = mine ? (piece.kind === 'inserted' ? 'same' : undefined) : piece.kind
    const countsBefore = piece.kind !== 'inserted'
    const countsAfter = kind !== undefined && kind !== 'inserted'
    if (countsBefore) offsets.push({ before, after, length: piece.text.length, kept: countsAfter })
    if (countsBefore) before += piece.text.length
    if (countsAfter) after += piece.text.length
    if (!kind) continue
    const last = pieces.at(-1)
    if (kind === 'same' && last?.kind === 'same') last.text += piece.text
    else pieces.push(kind === 'same' ? { kind, text: piece.text } : { ...piece })
  }
  const map = (offset: number) => {
    const span = offsets.find((entry) => offset >= entry.before && offset <= entry.before + entry.length)
    return span ? span.after + (span.kept ? offset - span.before : 0) : after
  }
  return { ...paragraph, pieces, marks: paragraph.marks.map((mark) => ({ ...mark, offset: map(mark.offset) })) }
}
