/**
 * `rso-docs review`: reads a reviewed DOCX, pairs its paragraphs with the document the
 * current content gives, and carries each tracked change, each edit typed with tracking
 * off and each comment to the file, line and column it came from; with `apply`, writes
 * the edits into the content. Top to bottom: read the DOCX, assemble the same document,
 * align, map, apply, say.
 */
import { constants, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { location } from 'vfile-location'
import { assembleDocuments } from '../assemble/index.ts'
import { createEvent } from '../content/event.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import { loadContent } from '../content/load.ts'
import type { Content } from '../content/model.ts'
import { ToolError, UsageError } from '../errors/catalogue.ts'
import { paragraphHash, reviewProperties } from '../render/docx/review-record.ts'
import { writeFileAtomic } from '../session/atomic-write.ts'
import { alignTexts } from './align.ts'
import { applyToText, overlapping } from './apply.ts'
import { describeChange, paragraphText, untrackedChanges, type Change, type ParagraphText } from './changes.ts'
import { carryChange, type Edit } from './map-to-source.ts'
import { readReviewedFile, type Comment, type ReviewedParagraph } from './read-docx.ts'
import { withoutRedlineMarks } from './redline-marks.ts'
import { asWritten, dataStrings, sourceParagraphs, type CharacterOrigin, type DataString, type SourceParagraph } from './source-text.ts'
import { wordsKeyAt } from './words-source.ts'
import { reviewFileText } from './report.ts'
import { writeAllOrNothing } from './write-content.ts'
import type { ReviewItem, ReviewOptions, ReviewResult } from './types.ts'

export type { ReviewItem, ReviewOptions, ReviewResult, ReviewRule } from './types.ts'

/** New paragraphs (ones the content does not give) a review lists at most. */
export const unpairedLimit = 2_000

export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const name = path.basename(options.docx)
  const reviewFile = options.docx.replace(/\.docx$/i, '') + '.review.md'
  await checklistPlace(reviewFile, options.sourceDir)
  const reviewed = withoutRedlineMarks(await readReviewedFile(options.docx, name))
  const content = await loadContent(options.sourceDir)
  const document = await sameDocument(content, reviewed.properties, name)
  // The JSON strings are parsed once per review, however many paragraphs ask.
  const data = dataStrings(content)
  const current = sourceParagraphs(document, content, data)
  const record = new Set([...reviewed.properties].filter(([key]) => key.startsWith(`${reviewProperties.paragraphs}.`)).flatMap(([, value]) => value.split(' ').filter(Boolean)))

  const place = placer(content, options.docx)
  const items: ReviewItem[] = []
  const body = reviewed.paragraphs.filter((paragraph) => paragraph.place === 'body')
  const texts = body.map(paragraphText)
  const written = texts.filter((text) => text.original !== '').length
  // Each of the content's paragraphs pairs once at most: the rest are new, and listed one by one.
  if (written - current.length > unpairedLimit) {
    throw new ToolError('review-too-large', `${name} is refused: it has ${written - current.length} paragraphs more than the content gives; a review lists at most ${unpairedLimit} new paragraphs`)
  }
  const pairs = alignTexts(texts.map((text) => text.original), current.map((paragraph) => paragraph.text))
  const paired = pairs.filter((pair) => pair >= 0).length
  if (paired < Math.min(current.length, written) / 2) {
    throw new ToolError('review-not-ours', `${name} does not match ${document.outputPath} as ${options.sourceDir} gives it: fewer than half of its paragraphs are the content's`)
  }

  let lastPaired: SourceParagraph | undefined
  // What each paragraph the review changes must show once written: exactly the reviewed text.
  const shown: Array<{ text: string; items: ReviewItem[] }> = []
  texts.forEach((text, index) => {
    const pair = pairs[index] as number
    const paragraph = pair >= 0 ? current[pair] : undefined
    if (paragraph) {
      const found = reviewParagraph(text, paragraph, record, place, content)
      items.push(...found)
      if (found.length > 0) shown.push({ text: text.reviewed, items: found })
      lastPaired = paragraph
    } else items.push(...unpairedParagraph(text, body[index] as ReviewedParagraph, record, place, content, lastPaired, options.docx, data))
  })
  for (const paragraph of reviewed.paragraphs.filter((entry) => entry.place !== 'body')) {
    const text = paragraphText(paragraph)
    items.push(...unpairedParagraph(text, paragraph, paragraph.place === 'header' ? new Set() : record, place, content, undefined, options.docx, data))
  }
  items.push(...commentItems(reviewed.comments, texts, pairs, current, place, content))

  // Two changes that land on the same words (the same proposition edited twice) are both left.
  const clashes = overlapping(items.flatMap((item) => item.edits))
  for (const item of items) {
    if (item.edits.some((edit) => clashes.has(edit))) {
      item.rule = 'review-ambiguous'
      item.left = true
      item.message = `ambiguous: another change of this review lands on the same words; ${item.message}`
      item.edits = []
    }
  }

  const expected = shown.filter((entry) => entry.items.every((item) => !item.left && item.edits.length > 0)).map((entry) => entry.text)
  const filesWritten = options.apply ? await applyEdits(content, items.flatMap((item) => item.edits), options.sourceDir, reviewed.properties, name, expected) : []
  const result = { items, written: filesWritten, reviewFile, document: document.outputPath }
  await writeFileAtomic(reviewFile, reviewFileText(result, { apply: options.apply, docx: options.docx })).catch((error: NodeJS.ErrnoException) => {
    throw new ToolError('review-failed', `${filesWritten.length > 0 ? 'the edits were written, but ' : ''}the checklist ${reviewFile} could not be written: ${error.code ?? error.message}`, { cause: error })
  })
  return result
}

/**
 * The checklist goes beside the DOCX: never inside the content folder, where the next build
 * would read it as content, and only where it can be written, which is known before
 * anything is applied.
 */
async function checklistPlace(reviewFile: string, sourceDir: string): Promise<void> {
  const folder = path.dirname(path.resolve(reviewFile))
  const real = async (where: string) => fs.realpath(where).catch(() => path.resolve(where))
  const [folderReal, contentReal] = await Promise.all([real(folder), real(sourceDir)])
  const inside = path.relative(contentReal, folderReal)
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
    throw new UsageError(
      `${reviewFile} would be inside the content folder ${sourceDir}, where the next build would read it: move the DOCX out of the content folder (review writes its checklist beside it)`,
    )
  }
  await fs.access(folder, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`review writes its checklist beside the DOCX, but ${folder} cannot be written (${error.code ?? error.message}): copy the DOCX to a folder you can write to`)
  })
}

/** The document the DOCX says it is, assembled from the current content; not ours when the content gives no such document. */
async function sameDocument(content: Content, properties: Map<string, string>, name: string): Promise<PublishedDocument> {
  const id = properties.get(reviewProperties.document) as string
  const kind = properties.get(reviewProperties.kind)
  // A DOCX made before the brief's country was recorded names it only at the start of its file name.
  const code = properties.get(reviewProperties.country) ?? path.basename(id).split('-')[0] ?? ''
  const country = content.countries.find((entry) => entry.code === code)
  if (kind === 'brief' && !country) throw new ToolError('review-not-ours', `${name} is ${id}, a brief of a country the content does not have`)
  const [document] = await assembleDocuments(createEvent(content), { mode: 'draft', report: kind !== 'brief', briefs: kind === 'brief' ? [code] : [] })
  if (!document || document.outputPath !== id) {
    throw new ToolError('review-not-ours', `${name} is ${id} of another event: the content gives ${document?.outputPath ?? 'no such document'}`)
  }
  return document
}

type Where = { file: string; line: number; column: number }

/** Where a review item goes: file, line and column of a character's origin (the DOCX itself for what has none), or of an offset in a file. */
interface Place {
  (origin: CharacterOrigin | undefined): Where
  at(file: string, offset: number): Where
}

function placer(content: Content, docx: string): Place {
  const locations = new Map<string, ReturnType<typeof location>>()
  const at = (file: string, offset: number) => {
    const vfile = content.files.get(file)
    const absolute = vfile?.path ?? file
    let locate = locations.get(absolute)
    if (!locate) {
      // A file outside the content (the words table's defaults) is read for its lines.
      locate = location(vfile ? String(vfile.value) : readOrEmpty(absolute))
      locations.set(absolute, locate)
    }
    const point = locate.toPoint(offset)
    return { file: absolute, line: point?.line ?? 1, column: point?.column ?? 1 }
  }
  const place = (origin: CharacterOrigin | undefined): Where => {
    if (!origin || origin.kind === 'ambiguous') return { file: path.resolve(docx), line: 1, column: 1 }
    if (origin.kind === 'markdown') return at(origin.file, origin.offset)
    const { field } = origin
    if (field.format === 'yaml') return at(origin.file, field.literalOffset + Math.max(origin.index, 0))
    const text = String(content.files.get(origin.file)?.value ?? '')
    return at(origin.file, rawOffset(text, field.literalOffset, Math.max(origin.index, 0)))
  }
  return Object.assign(place, { at })
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/** The offset in the file of the `index`-th character of the JSON string whose literal starts at `literal`. */
function rawOffset(text: string, literal: number, index: number): number {
  let at = literal + 1
  for (let decoded = 0; decoded < index && at < text.length; decoded++) at += text[at] === '\\' ? (text[at + 1] === 'u' ? 6 : 2) : 1
  return at
}

function reviewParagraph(text: ParagraphText, paragraph: SourceParagraph, record: ReadonlySet<string>, place: Place, content: Content): ReviewItem[] {
  if (record.size === 0 && text.original !== paragraph.text) {
    // Without the record, an edit typed with tracking off and content edited since look alike: neither is guessed.
    return untrackedChanges(paragraph.text, text.reviewed).map((change) => ({
      rule: 'review-uncertain' as const,
      ...place(paragraph.origins[Math.min(change.at, paragraph.origins.length - 1)] ?? paragraph.origins.find((origin) => origin && origin.kind !== 'ambiguous')),
      message: `uncertain: this DOCX has no record of its paragraphs as they were made, so an edit typed with tracking off cannot be told from the content edited since; the paragraph now reads differently: ${describeChange({ ...change, authors: text.changes.flatMap((tracked) => tracked.authors) })}`,
      left: true,
      edits: [],
    }))
  }
  // What the DOCX showed when it was made: the record says which of the two it was.
  let made: string | undefined
  if (record.size === 0 || record.has(paragraphHash(text.original)) || text.original === paragraph.text) made = text.original
  else if (record.has(paragraphHash(paragraph.text))) made = paragraph.text
  const untracked = made !== undefined && made !== text.original ? untrackedChanges(made, text.original) : []
  if (text.changes.length === 0 && untracked.length === 0 && made !== undefined) return []

  const firstWritten = paragraph.origins.find((origin) => origin && origin.kind !== 'ambiguous')
  if (made !== paragraph.text) {
    const changes = made === undefined ? untrackedChanges(paragraph.text, text.reviewed).map((change) => ({ ...change, authors: text.changes.flatMap((tracked) => tracked.authors) })) : [...untracked, ...text.changes]
    const near = (change: Change) => {
      const origin = paragraph.origins[Math.min(change.at, paragraph.origins.length - 1)]
      return origin && origin.kind !== 'ambiguous' ? origin : firstWritten
    }
    return changes.map((change) => ({
      rule: 'review-conflict' as const,
      ...place(near(change)),
      message: `conflict: this paragraph was edited in the content since the DOCX was made; the content's newer text is kept. The reviewer's change: ${describeChange(change)}`,
      left: true,
      edits: [],
    }))
  }
  let changes: Change[]
  if (untracked.length > 0 && text.changes.length > 0) {
    const authors = [...new Set(text.changes.flatMap((change) => change.authors))]
    changes = untrackedChanges(made, text.reviewed).map((change) => ({ ...change, tracked: true, authors: [...authors, 'with edits typed with tracking off'] }))
  } else changes = untracked.length > 0 ? untracked : text.changes
  return changes.map((change) => changeItem(change, paragraph, place, content))
}

function changeItem(change: Change, paragraph: SourceParagraph, place: Place, content: Content): ReviewItem {
  const carried = carryChange(change, paragraph)
  const described = describeChange(change)
  if (carried.carried) return { rule: 'review-change', ...place(carried.origin), message: described, left: false, edits: carried.edits }
  if (carried.why === 'ambiguous') {
    const where = carried.origin?.kind === 'ambiguous' ? `"${paragraph.text.slice(change.at, change.at + Math.max(change.deleted.length, 1))}" is written alike in ${carried.origin.places.join(' and ')}` : (carried.detail ?? 'its place is not certain')
    return { rule: 'review-ambiguous', ...place(carried.origin?.kind === 'ambiguous' ? undefined : carried.origin), message: `ambiguous: ${where}; ${described}`, left: true, edits: [] }
  }
  return pipelineWords(change, paragraph.text, place, content, 'a heading or label a directive or brief adds around the content (src/transform/directives, src/assemble)')
}

function pipelineWords(change: Change, text: string, place: Place, content: Content, otherwise: string): ReviewItem {
  const words = wordsKeyAt(content, text, change.at, change.at + change.deleted.length)
  const described = describeChange(change)
  if (words) {
    const where = place.at(words.file, words.offset)
    const shown = `${where.file === content.files.get('forum.json')?.path ? 'forum.json' : 'src/content/words.ts'}`
    return { rule: 'review-pipeline-words', ...where, message: `not content: words the pipeline adds, the words table's "${words.key}" (${shown}; an event changes it in the "words" of forum.json); ${described}`, left: true, edits: [] }
  }
  return { rule: 'review-pipeline-words', ...place(undefined), message: `not content: ${otherwise}; ${described}`, left: true, edits: [] }
}

/** A paragraph the content does not give: the cover, the contents, a running head, a label, or one the reviewer added. */
function unpairedParagraph(
  text: ParagraphText,
  paragraph: ReviewedParagraph,
  record: ReadonlySet<string>,
  place: Place,
  content: Content,
  previous: SourceParagraph | undefined,
  docx: string,
  data: readonly DataString[],
): ReviewItem[] {
  const untypedEdit = record.size > 0 && text.original !== '' && !record.has(paragraphHash(text.original))
  const changes = text.changes.length > 0 ? text.changes : untypedEdit ? [{ at: 0, deleted: '', inserted: text.original, authors: [], dates: [], tracked: false }] : []
  if (changes.length === 0) return []
  if (text.original === '' && paragraph.place === 'body') {
    const near = previous?.origins.findLast((origin) => origin && origin.kind !== 'ambiguous')
    return changes.map((change) => ({ rule: 'review-ambiguous' as const, ...place(near), message: `ambiguous: a new paragraph, after this one; add it by hand where it belongs; ${describeChange(change)}`, left: true, edits: [] }))
  }
  const what =
    paragraph.place === 'header'
      ? 'a running head (forum.json "shortTitle" for the report; the words table\'s "brief.running-header" for a brief)'
      : paragraph.place === 'cover' || paragraph.place === 'back'
        ? `the ${paragraph.place === 'cover' ? 'cover' : 'back cover'}, made from ${coverSource(data, text.original) ?? 'forum.json and contact.json'} by the template`
        : /^(TOC|Contents)/i.test(paragraph.style ?? '')
          ? 'the contents, made from the headings (change the heading itself)'
          : untypedEdit && text.changes.length === 0
            ? 'a paragraph edited with tracking off that the content does not give'
            : 'words the pipeline adds (the DOCX layout)'
  const shown = paragraph.place === 'cover' || paragraph.place === 'back' ? coverField(data, text.original) : undefined
  return changes.map((change) => {
    const item = pipelineWords(change, text.original, place, content, what)
    return shown && item.file === path.resolve(docx) ? { ...item, ...place({ kind: 'data', file: shown.file, index: 0, field: shown }) } : item
  })
}

/** The field of forum.json or contact.json that a cover line shows, if one does. */
function coverField(data: readonly DataString[], text: string): DataString | undefined {
  // The cover is set as the text is: typographic quotes and dashes, no-break spaces in dates.
  const plain = (value: string) => asWritten(value).replaceAll('\u00a0', ' ')
  return data
    .filter((entry) => (entry.file === 'forum.json' || entry.file === 'contact.json') && entry.shown.length >= 3 && plain(text).includes(plain(entry.shown)))
    .sort((a, b) => b.shown.length - a.shown.length)[0]
}

function coverSource(data: readonly DataString[], text: string): string | undefined {
  const found = coverField(data, text)
  return found ? `${found.file} "${found.path.join('.')}"` : undefined
}

function commentItems(
  comments: readonly Comment[],
  texts: readonly ParagraphText[],
  pairs: readonly number[],
  current: readonly SourceParagraph[],
  place: Place,
  content: Content,
): ReviewItem[] {
  const edges = new Map<string, { start?: [number, number]; end?: [number, number] }>()
  texts.forEach((text, index) => {
    for (const mark of text.marks) {
      const entry = edges.get(mark.id) ?? {}
      entry[mark.edge] = [index, mark.offset]
      edges.set(mark.id, entry)
    }
  })
  return comments.map((comment): ReviewItem => {
    const edge = edges.get(comment.id)
    const [startIndex, startOffset] = edge?.start ?? edge?.end ?? [-1, 0]
    const [endIndex, endOffset] = edge?.end ?? [startIndex, startOffset]
    const startText = texts[startIndex]?.original ?? ''
    const anchored =
      startIndex === endIndex ? startText.slice(startOffset, endOffset) : `${startText.slice(startOffset)} … ${(texts[endIndex]?.original ?? '').slice(0, endOffset)}`
    const paragraph = current[pairs[startIndex] ?? -1]
    const origin = paragraph?.origins.slice(startOffset).find((entry) => entry && entry.kind !== 'ambiguous') ?? paragraph?.origins.find((entry) => entry && entry.kind !== 'ambiguous')
    const words = !origin && startText ? wordsKeyAt(content, startText, startOffset, endOffset) : undefined
    const where = origin ? place(origin) : words ? place.at(words.file, words.offset) : place(undefined)
    const on = anchored.trim() === '' ? '' : ` (on "${anchored.length > 100 ? `${anchored.slice(0, 97)}...` : anchored}")`
    return { rule: 'review-comment', ...where, message: `comment (${comment.author || 'no author'}): ${comment.text}${on}`, left: false, edits: [] }
  })
}

/**
 * Writes the edits all or nothing (`write-content.ts`), checking the content as `check`
 * does once they are in place: an edit that would break it (a reviewer typed something
 * the schema or a directive refuses) puts every file back.
 */
async function applyEdits(content: Content, edits: readonly Edit[], sourceDir: string, properties: Map<string, string>, name: string, expected: readonly string[]): Promise<string[]> {
  const byFile = new Map<string, Edit[]>()
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit])
  const writes = [...byFile].map(([fileName, fileEdits]) => {
    const file = content.files.get(fileName)
    if (!file) throw new Error(`Internal error: ${fileName} was not loaded`)
    const before = String(file.value)
    return { file: file.path, before, after: applyToText(before, fileEdits) }
  })
  const { checkContent } = await import('../pipeline/build.ts')
  await writeAllOrNothing(sourceDir, writes, async () => {
    await checkContent(sourceDir)
    // The escaping's proof: the document made from the written content shows every changed paragraph as the reviewer left it
    // (its quotes and dashes as the typographic pass sets them, which is punctuation, not what was typed).
    const written = await loadContent(sourceDir)
    const texts = new Set(sourceParagraphs(await sameDocument(written, properties, name), written).map((paragraph) => asWritten(paragraph.text)))
    const missing = expected.find((text) => !texts.has(asWritten(text)))
    if (missing !== undefined) {
      throw new ToolError('review-apply-refused', `nothing was written: the document would not show "${missing.length > 100 ? `${missing.slice(0, 97)}...` : missing}" as the reviewer left it (what was typed would be read as Markdown or a directive); make this change by hand`)
    }
  })
  return writes.map((write) => write.file)
}
