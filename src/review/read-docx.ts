/**
 * Reads a reviewed DOCX as Word or LibreOffice saved it: every paragraph as pieces of text
 * that were there (`same`), were inserted or deleted with tracking on (with author and
 * date), where each comment's range starts and ends, and the comments themselves. Runs may
 * be split or merged anywhere and ids renumbered: only the order of text matters here.
 */
import { strFromU8, unzipSync } from 'fflate'
import { ToolError } from '../errors/catalogue.ts'
import { decodeXml, reviewProperties, xmlTokens } from '../render/docx/review-record.ts'

export interface Piece {
  kind: 'same' | 'inserted' | 'deleted'
  text: string
  author?: string
  date?: string
}

export interface CommentMark {
  id: string
  edge: 'start' | 'end'
  /** Where in the paragraph's original text (same and deleted pieces). */
  offset: number
}

export interface ReviewedParagraph {
  /** `cover`, `body`, `back`: which section of the document; `header` for a running head. */
  place: 'cover' | 'body' | 'back' | 'header'
  style: string | undefined
  pieces: Piece[]
  marks: CommentMark[]
}

export interface Comment {
  id: string
  author: string
  date: string | undefined
  text: string
}

export interface ReviewedDocx {
  properties: Map<string, string>
  paragraphs: ReviewedParagraph[]
  comments: Comment[]
}

const attribute = (attributes: string, name: string): string | undefined => {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes) ?? new RegExp(`\\b${name}='([^']*)'`).exec(attributes)
  return match ? decodeXml(match[1] as string) : undefined
}

export function readReviewedDocx(bytes: Uint8Array, fileName: string): ReviewedDocx {
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes, { filter: (file) => /\.xml$/.test(file.name) })
  } catch (error) {
    throw new ToolError('review-not-docx', `${fileName} is not a DOCX file: it does not open as a zip package`, { cause: error })
  }
  const part = (name: string) => (entries[name] ? strFromU8(entries[name]) : undefined)
  const document = part('word/document.xml')
  if (!document) throw new ToolError('review-not-docx', `${fileName} is not a DOCX file: it has no word/document.xml`)

  const properties = new Map<string, string>()
  for (const match of (part('docProps/custom.xml') ?? '').matchAll(/<property\b([^>]*)>([\s\S]*?)<\/property>/g)) {
    const name = attribute(match[1] as string, 'name')
    const value = /<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>/.exec(match[2] as string)
    if (name) properties.set(name, value ? decodeXml(value[1] as string) : '')
  }
  if (!properties.has(reviewProperties.document)) {
    throw new ToolError('review-not-ours', `${fileName} was not made by rso-docs: it has no "${reviewProperties.document}" document property`)
  }

  const body = readParagraphs(document)
  const sectionEnds = body.filter((paragraph) => paragraph.endsSection).length
  const paragraphs: ReviewedParagraph[] = []
  let section = 0
  for (const { paragraph, endsSection } of body) {
    // The report and a brief are cover, body and (with contact details) back cover.
    paragraph.place = section === 0 && sectionEnds > 0 ? 'cover' : section >= 2 ? 'back' : 'body'
    paragraphs.push(paragraph)
    if (endsSection) section++
  }
  for (const name of Object.keys(entries).filter((entry) => /^word\/header\d*\.xml$/.test(entry)).sort()) {
    for (const { paragraph } of readParagraphs(part(name) as string)) paragraphs.push({ ...paragraph, place: 'header' })
  }
  return { properties, paragraphs, comments: readComments(part('word/comments.xml') ?? '') }
}

interface ReadParagraph {
  paragraph: ReviewedParagraph
  endsSection: boolean
}

function readParagraphs(xml: string): ReadParagraph[] {
  interface Open extends ReadParagraph { originalLength: number }
  const stack: Open[] = []
  const done: ReadParagraph[] = []
  // The tracked change a run sits in: w:ins, w:del (and moves, read as the same).
  const changes: Array<{ kind: 'inserted' | 'deleted'; author?: string; date?: string }> = []
  let inText = false
  let inProperties = 0
  const push = (text: string) => {
    const top = stack.at(-1)
    if (!top || text === '') return
    const change = changes.at(-1)
    const kind = change?.kind ?? 'same'
    const last = top.paragraph.pieces.at(-1)
    if (last && last.kind === kind && last.author === change?.author && last.date === change?.date) last.text += text
    else top.paragraph.pieces.push({ kind, text, ...(change?.author ? { author: change.author } : {}), ...(change?.date ? { date: change.date } : {}) })
    if (kind !== 'inserted') top.originalLength += text.length
  }
  for (const token of xmlTokens(xml)) {
    const { name, kind } = token
    if (name === 'w:p') {
      if (kind === 'open') stack.push({ paragraph: { place: 'body', style: undefined, pieces: [], marks: [] }, endsSection: false, originalLength: 0 })
      else if (kind === 'close') {
        const top = stack.pop()
        if (top) done.push({ paragraph: top.paragraph, endsSection: top.endsSection })
      } else done.push({ paragraph: { place: 'body', style: undefined, pieces: [], marks: [] }, endsSection: false })
      continue
    }
    const top = stack.at(-1)
    if (name === 'w:pPr' || name === 'w:rPr') {
      if (kind === 'open') inProperties++
      else if (kind === 'close') inProperties--
      continue
    }
    if (name === 'w:sectPr' && top && kind !== 'close') top.endsSection = true
    if (name === 'w:pStyle' && top && inProperties > 0) top.paragraph.style = attribute(token.attributes, 'w:val')
    // An empty w:ins or w:del inside properties marks a paragraph mark or a formatting change, not text.
    if ((name === 'w:ins' || name === 'w:moveTo' || name === 'w:del' || name === 'w:moveFrom') && inProperties === 0) {
      if (kind === 'open') {
        changes.push({
          kind: name === 'w:ins' || name === 'w:moveTo' ? 'inserted' : 'deleted',
          author: attribute(token.attributes, 'w:author'),
          date: attribute(token.attributes, 'w:date'),
        })
      } else if (kind === 'close') changes.pop()
      continue
    }
    if (name === 'w:t' || name === 'w:delText') {
      inText = kind === 'open'
      continue
    }
    if (kind === 'text') {
      if (inText) push(token.text)
      continue
    }
    if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && kind === 'empty' && inProperties === 0) push(' ')
    if ((name === 'w:commentRangeStart' || name === 'w:commentRangeEnd') && top) {
      const id = attribute(token.attributes, 'w:id')
      if (id !== undefined) top.paragraph.marks.push({ id, edge: name === 'w:commentRangeStart' ? 'start' : 'end', offset: top.originalLength })
    }
  }
  return done
}

function readComments(xml: string): Comment[] {
  const comments: Comment[] = []
  let current: Comment | undefined
  let paragraphs: string[] = []
  let inText = false
  for (const token of xmlTokens(xml)) {
    if (token.name === 'w:comment') {
      if (token.kind === 'open') {
        current = { id: attribute(token.attributes, 'w:id') ?? '', author: attribute(token.attributes, 'w:author') ?? '', date: attribute(token.attributes, 'w:date'), text: '' }
        paragraphs = []
      } else if (token.kind === 'close' && current) {
        current.text = paragraphs.map((text) => text.trim()).filter(Boolean).join(' ')
        comments.push(current)
        current = undefined
      }
    } else if (token.name === 'w:p' && token.kind === 'open') paragraphs.push('')
    else if (token.name === 'w:t') inText = token.kind === 'open'
    else if (token.kind === 'text' && inText && current) paragraphs[paragraphs.length - 1] = (paragraphs.at(-1) ?? '') + token.text
  }
  return comments
}
