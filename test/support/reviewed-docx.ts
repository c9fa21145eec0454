/**
 * Makes reviewed DOCX files from a built one, as Word writes them: tracked insertions and
 * deletions (`w:ins`, `w:del` with `w:delText`, author and date) in runs of their own,
 * comments in `word/comments.xml` with `commentRangeStart`, `commentRangeEnd` and a
 * `commentReference` run, and text typed with tracking off straight into a run.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

export interface Reviewer {
  author: string
  date?: string
}

interface Run {
  start: number
  end: number
  properties: string
  text: string
}

/**
 * The runs of the pipeline's XML, `<w:r>` with optional `<w:rPr>` and its text: one `<w:t>`,
 * or several between soft hyphens (`<w:softHyphen/>`), which the text leaves out. A run
 * rewritten here loses its soft hyphens, as a run Word retypes may.
 */
function runs(xml: string): Run[] {
  const pattern = /<w:r>(<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr>)?((?:<w:t(?: xml:space="preserve")?>[^<]*<\/w:t>|<w:softHyphen\/>)+)<\/w:r>/g
  return [...xml.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    properties: match[1] ?? '',
    text: decode([...(match[2] ?? '').matchAll(/<w:t(?: xml:space="preserve")?>([^<]*)<\/w:t>/g)].map((part) => part[1] ?? '').join('')),
  }))
}

const run = (properties: string, text: string) => (text === '' ? '' : `<w:r>${properties}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`)
const deletedRun = (properties: string, text: string) => `<w:r>${properties}<w:delText xml:space="preserve">${escape(text)}</w:delText></w:r>`

let revision = 100
const mark = (kind: 'ins' | 'del', reviewer: Reviewer, inner: string) =>
  `<w:${kind} w:id="${revision++}" w:author="${escape(reviewer.author)}" w:date="${reviewer.date ?? '2026-11-30T10:00:00Z'}">${inner}</w:${kind}>`

function findRun(xml: string, text: string, occurrence = 0): Run {
  const found = runs(xml).filter((candidate) => candidate.text.includes(text))
  const chosen = found[occurrence]
  if (!chosen) throw new Error(`no run of the DOCX holds "${text}"`)
  return chosen
}

/**
 * Replaces `deleted` (inside one run) with `inserted` as a tracked change; `splitAt`
 * splits the deleted text over two runs, as Word does after a formatting pass.
 */
export function trackReplace(xml: string, deleted: string, inserted: string, reviewer: Reviewer, options: { occurrence?: number; splitAt?: number } = {}): string {
  const target = findRun(xml, deleted, options.occurrence)
  const at = target.text.indexOf(deleted)
  const before = target.text.slice(0, at)
  const after = target.text.slice(at + deleted.length)
  const deletion =
    deleted === ''
      ? ''
      : options.splitAt
        ? mark('del', reviewer, deletedRun(target.properties, deleted.slice(0, options.splitAt)) + deletedRun(`<w:rPr><w:lang w:val="en-AU"/></w:rPr>`, deleted.slice(options.splitAt)))
        : mark('del', reviewer, deletedRun(target.properties, deleted))
  const insertion = inserted === '' ? '' : mark('ins', reviewer, run(target.properties, inserted))
  return xml.slice(0, target.start) + run(target.properties, before) + deletion + insertion + run(target.properties, after) + xml.slice(target.end)
}

/** Inserts `inserted` right after `after` (inside one run) as a tracked insertion. */
export function trackInsert(xml: string, after: string, inserted: string, reviewer: Reviewer): string {
  const target = findRun(xml, after)
  const at = target.text.indexOf(after) + after.length
  return xml.slice(0, target.start) + run(target.properties, target.text.slice(0, at)) + mark('ins', reviewer, run(target.properties, inserted)) + run(target.properties, target.text.slice(at)) + xml.slice(target.end)
}

/** Types over text with tracking off: the run's text changes, nothing marks it. */
export function untrackedReplace(xml: string, find: string, replacement: string): string {
  const target = findRun(xml, find)
  return xml.slice(0, target.start) + run(target.properties, target.text.replace(find, replacement)) + xml.slice(target.end)
}

export interface CommentSpec extends Reviewer {
  /** The text the comment is anchored to, inside one run. */
  on: string
  text: string
}

/** Anchors comments to text and returns the document.xml and comments.xml they need. */
export function addComments(xml: string, comments: readonly CommentSpec[]): { documentXml: string; commentsXml: string } {
  let documentXml = xml
  comments.forEach((comment, id) => {
    const target = findRun(documentXml, comment.on)
    const at = target.text.indexOf(comment.on)
    const reference = `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`
    documentXml =
      documentXml.slice(0, target.start) +
      run(target.properties, target.text.slice(0, at)) +
      `<w:commentRangeStart w:id="${id}"/>` +
      run(target.properties, comment.on) +
      `<w:commentRangeEnd w:id="${id}"/>` +
      reference +
      run(target.properties, target.text.slice(at + comment.on.length)) +
      documentXml.slice(target.end)
  })
  const body = comments
    .map((comment, id) => `<w:comment w:id="${id}" w:author="${escape(comment.author)}" w:date="${comment.date ?? '2026-11-30T10:00:00Z'}" w:initials="R"><w:p><w:r><w:t xml:space="preserve">${escape(comment.text)}</w:t></w:r></w:p></w:comment>`)
    .join('')
  const commentsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${body}</w:comments>`
  return { documentXml, commentsXml }
}

/** The package with its document.xml replaced, and comments.xml added with its relationship and content type. */
export function repack(bytes: Uint8Array, documentXml: string, commentsXml?: string, parts: Record<string, string> = {}): Uint8Array {
  const entries = unzipSync(bytes)
  entries['word/document.xml'] = strToU8(documentXml)
  for (const [name, xml] of Object.entries(parts)) entries[name] = strToU8(xml)
  if (commentsXml) {
    entries['word/comments.xml'] = strToU8(commentsXml)
    const types = strFromU8(entries['[Content_Types].xml'] as Uint8Array)
    entries['[Content_Types].xml'] = strToU8(
      types.replace('</Types>', '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'),
    )
    const relationships = strFromU8(entries['word/_rels/document.xml.rels'] as Uint8Array)
    entries['word/_rels/document.xml.rels'] = strToU8(
      relationships.replace('</Relationships>', '<Relationship Id="rIdReviewComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>'),
    )
  }
  return zipSync(entries)
}

export function documentXmlOf(bytes: Uint8Array, part = 'word/document.xml'): string {
  return strFromU8(unzipSync(bytes)[part] as Uint8Array)
}
