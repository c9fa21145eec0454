/**
 * Reads a reviewed DOCX as Word or LibreOffice saved it: every paragraph as pieces of text
 * that were there (`same`), were inserted or deleted with tracking on (with author and
 * date), where each comment's range starts and ends, and the comments themselves. Runs may
 * be split or merged anywhere and ids renumbered: only the order of text matters here.
 *
 * The file comes from outside, so it is read within limits (`zip.ts` for the package,
 * `reviewLimits` here for what is in it), from a regular file only, and its XML with a
 * strict, namespace-aware streaming parser (saxes): one pass, any prefix bound to the
 * WordprocessingML namespace, UTF-8 or UTF-16 as declared, no DTD, no entity but XML's
 * five, and anything not well-formed refused with its place.
 */
import fs from 'node:fs/promises'
import { constants } from 'node:fs'
import { SaxesParser, type SaxesTagNS } from 'saxes'
import { ToolError } from '../errors/catalogue.ts'
import { reviewProperties } from '../render/docx/review-record.ts'
import { readFromBytes, readZipParts, ZipRefused, zipLimits, type ReadAt } from './zip.ts'

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

/** What a reviewed DOCX may hold, beyond the package limits of `zip.ts`. */
export const reviewLimits = {
  ...zipLimits,
  /** Paragraphs in the document, the running heads and the comments together (the report has about 600). */
  paragraphs: 20_000,
  /** Comments. */
  comments: 5_000,
  /** Running-head parts. */
  headers: 50,
} as const

const wordNamespaces = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'])
const propertiesNamespaces = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/custom-properties', 'http://purl.oclc.org/ooxml/officeDocument/customProperties'])
const valueNamespaces = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes', 'http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes'])

const documentPart = 'word/document.xml'
const commentsPart = 'word/comments.xml'
const customPart = 'docprops/custom.xml'
const isHeader = (name: string) => /^word\/header\d*\.xml$/.test(name)

/** Opens `file` only when it is a regular file (a FIFO would block the read, a device never end), and reads the DOCX in it. */
export async function readReviewedFile(file: string, fileName: string): Promise<ReviewedDocx> {
  const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new ToolError('review-not-docx', error.code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read: ${error.message}`, { cause: error })
  })
  if (!stat.isFile()) throw new ToolError('review-not-docx', `${file} is not a DOCX file: it is ${stat.isDirectory() ? 'a folder' : 'not a regular file (a pipe, socket or device)'}`)
  // Non-blocking, and looked at again once open: the name may have been swapped for a pipe in between.
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw new ToolError('review-not-docx', `${file} cannot be read: ${error.message}`, { cause: error })
  })
  try {
    const opened = await handle.stat()
    if (!opened.isFile()) throw new ToolError('review-not-docx', `${file} is not a DOCX file: it is not a regular file`)
    const readAt: ReadAt = async (position, length) => {
      const buffer = new Uint8Array(length)
      let filled = 0
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      return buffer.subarray(0, filled)
    }
    return await readReviewed(readAt, opened.size, fileName)
  } finally {
    await handle.close()
  }
}

/** The same, from the bytes of a DOCX in memory. */
export function readReviewedDocx(bytes: Uint8Array, fileName: string): Promise<ReviewedDocx> {
  return readReviewed(readFromBytes(bytes), bytes.length, fileName)
}

async function readReviewed(readAt: ReadAt, size: number, fileName: string): Promise<ReviewedDocx> {
  let parts: Map<string, Uint8Array>
  try {
    parts = await readZipParts(readAt, size, (name) => name === documentPart || name === commentsPart || name === customPart || isHeader(name))
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error
    throw new ToolError(error.limit ? 'review-too-large' : 'review-not-docx', `${fileName} is ${error.limit ? 'refused' : 'not a DOCX file'}: ${error.message}`, { cause: error })
  }
  const document = parts.get(documentPart)
  if (!document) throw new ToolError('review-not-docx', `${fileName} is not a DOCX file: it has no word/document.xml`)

  const properties = readProperties(parts.get(customPart), fileName)
  if (!properties.has(reviewProperties.document)) {
    throw new ToolError('review-not-ours', `${fileName} was not made by rso-docs: it has no "${reviewProperties.document}" document property`)
  }

  const budget = { paragraphs: reviewLimits.paragraphs }
  const body = readParagraphs(document, `${fileName}: word/document.xml`, budget)
  const sectionEnds = body.filter((paragraph) => paragraph.endsSection).length
  const paragraphs: ReviewedParagraph[] = []
  let section = 0
  for (const { paragraph, endsSection } of body) {
    // The report and a brief are cover, body and (with contact details) back cover.
    paragraph.place = section === 0 && sectionEnds > 0 ? 'cover' : section >= 2 ? 'back' : 'body'
    paragraphs.push(paragraph)
    if (endsSection) section++
  }
  if (!paragraphs.some((paragraph) => paragraph.place === 'body' && paragraph.pieces.some((piece) => piece.text.trim() !== ''))) {
    throw new ToolError('review-not-ours', `${fileName} has no paragraph of text in its body: it is not a report or brief that rso-docs made`)
  }
  const headers = [...parts.keys()].filter(isHeader).sort()
  if (headers.length > reviewLimits.headers) throw new ToolError('review-too-large', `${fileName} is refused: it has ${headers.length} running-head parts; a reviewed DOCX may have at most ${reviewLimits.headers}`)
  for (const name of headers) {
    for (const { paragraph } of readParagraphs(parts.get(name) as Uint8Array, `${fileName}: ${name}`, budget)) paragraphs.push({ ...paragraph, place: 'header' })
  }
  const comments = parts.get(commentsPart)
  return { properties, paragraphs, comments: comments ? readComments(comments, `${fileName}: word/comments.xml`, budget) : [] }
}

/**
 * The text of an XML part: UTF-8 or UTF-16 by its byte order mark or its first bytes, as
 * XML says, and refused when its declaration names another encoding or a byte is not
 * of the encoding.
 */
export function decodeXmlPart(bytes: Uint8Array, where: string): string {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'
  const [a, b, c, d] = bytes
  if (a === 0xff && b === 0xfe) encoding = 'utf-16le'
  else if (a === 0xfe && b === 0xff) encoding = 'utf-16be'
  else if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) encoding = 'utf-16le'
  else if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) encoding = 'utf-16be'
  let text: string
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    throw new ToolError('review-not-docx', `${where} is not a DOCX part: its bytes are not ${encoding.toUpperCase()}`)
  }
  const declared = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text.slice(0, 200))?.[1]?.toLowerCase()
  if (declared !== undefined) {
    const family = declared === 'utf-8' || declared === 'utf8' ? 'utf-8' : declared.startsWith('utf-16') ? 'utf-16' : declared
    if (family !== (encoding === 'utf-8' ? 'utf-8' : 'utf-16')) {
      throw new ToolError('review-not-docx', `${where} is not a DOCX part: it declares the encoding ${declared}, but is ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} (review reads UTF-8 and UTF-16)`)
    }
  }
  return text
}

interface Handlers {
  open?(tag: SaxesTagNS): void
  close?(tag: SaxesTagNS): void
  text?(text: string): void
}

/** Runs a part through saxes; anything not well-formed, a DTD or an unknown entity is refused with its line and column. */
function parseXml(bytes: Uint8Array, where: string, handlers: Handlers): void {
  const text = decodeXmlPart(bytes, where)
  const parser = new SaxesParser({ xmlns: true, position: true })
  parser.on('doctype', () => {
    throw parser.makeError('a document type declaration (DTD), which a DOCX never has')
  })
  if (handlers.open) parser.on('opentag', handlers.open)
  if (handlers.close) parser.on('closetag', handlers.close as (tag: SaxesTagNS) => void)
  if (handlers.text) {
    parser.on('text', handlers.text)
    parser.on('cdata', handlers.text)
  }
  try {
    parser.write(text).close()
  } catch (error) {
    if (error instanceof ToolError) throw error
    const message = (error as Error).message.replace(/^undefined:/, '')
    throw new ToolError('review-not-docx', `${where} is not well-formed XML: ${message}`, { cause: error })
  }
}

const isWord = (tag: SaxesTagNS, local: string) => tag.local === local && wordNamespaces.has(tag.uri)

/** A `w:` attribute, whatever its prefix. */
function wordAttribute(tag: SaxesTagNS, local: string): string | undefined {
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.local === local && wordNamespaces.has(attribute.uri)) return attribute.value
  }
  return undefined
}

function readProperties(bytes: Uint8Array | undefined, fileName: string): Map<string, string> {
  const properties = new Map<string, string>()
  if (!bytes) return properties
  let name: string | undefined
  let value: string[] | undefined
  parseXml(bytes, `${fileName}: docProps/custom.xml`, {
    open(tag) {
      if (tag.local === 'property' && propertiesNamespaces.has(tag.uri)) {
        name = Object.values(tag.attributes).find((attribute) => attribute.local === 'name' && attribute.uri === '')?.value
        value = []
      } else if (name !== undefined && tag.local === 'lpwstr' && valueNamespaces.has(tag.uri)) value = []
    },
    close(tag) {
      if (tag.local === 'property' && propertiesNamespaces.has(tag.uri)) {
        if (name !== undefined) properties.set(name, (value ?? []).join(''))
        name = undefined
        value = undefined
      }
    },
    text(text) {
      value?.push(text)
    },
  })
  return properties
}

/**
 * Control characters (XML 1.1 lets a file carry them as references) are no text of a
 * document: they would reach the terminal, the checklist or the content. Tabs and line
 * breaks stay, as white space.
 */
const withoutControls = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')

interface ReadParagraph {
  paragraph: ReviewedParagraph
  endsSection: boolean
}

function countParagraph(budget: { paragraphs: number }, where: string): void {
  if (--budget.paragraphs < 0) throw new ToolError('review-too-large', `${where.split(':')[0]} is refused: it has more than ${reviewLimits.paragraphs} paragraphs; a reviewed DOCX may have at most that many`)
}

function readParagraphs(bytes: Uint8Array, where: string, budget: { paragraphs: number }): ReadParagraph[] {
  interface Open extends ReadParagraph {
    originalLength: number
  }
  const stack: Open[] = []
  const done: ReadParagraph[] = []
  // The tracked change a run sits in: w:ins, w:del (and moves, read as the same).
  const changes: Array<{ kind: 'inserted' | 'deleted'; author?: string; date?: string }> = []
  let inText = 0
  let inProperties = 0
  const push = (typed: string) => {
    const top = stack.at(-1)
    const text = withoutControls(typed)
    if (!top || text === '') return
    const change = changes.at(-1)
    const kind = change?.kind ?? 'same'
    const last = top.paragraph.pieces.at(-1)
    if (last && last.kind === kind && last.author === change?.author && last.date === change?.date) last.text += text
    else top.paragraph.pieces.push({ kind, text, ...(change?.author ? { author: change.author } : {}), ...(change?.date ? { date: change.date } : {}) })
    if (kind !== 'inserted') top.originalLength += text.length
  }
  const isChange = (tag: SaxesTagNS) => isWord(tag, 'ins') || isWord(tag, 'moveTo') || isWord(tag, 'del') || isWord(tag, 'moveFrom')
  parseXml(bytes, where, {
    open(tag) {
      if (!wordNamespaces.has(tag.uri)) return
      const top = stack.at(-1)
      switch (tag.local) {
        case 'p':
          countParagraph(budget, where)
          stack.push({ paragraph: { place: 'body', style: undefined, pieces: [], marks: [] }, endsSection: false, originalLength: 0 })
          return
        case 'pPr':
        case 'rPr':
          inProperties++
          return
        case 'sectPr':
          if (top) top.endsSection = true
          return
        case 'pStyle':
          if (top && inProperties > 0) top.paragraph.style = wordAttribute(tag, 'val')
          return
        case 't':
        case 'delText':
          inText++
          return
        case 'tab':
        case 'br':
        case 'cr':
          if (inProperties === 0) push(' ')
          return
        case 'commentRangeStart':
        case 'commentRangeEnd': {
          const id = wordAttribute(tag, 'id')
          if (top && id !== undefined) top.paragraph.marks.push({ id, edge: tag.local === 'commentRangeStart' ? 'start' : 'end', offset: top.originalLength })
          return
        }
      }
      // An empty w:ins or w:del inside properties marks a paragraph mark or a formatting change, not text.
      if (isChange(tag) && inProperties === 0) {
        const author = wordAttribute(tag, 'author')
        changes.push({ kind: tag.local === 'ins' || tag.local === 'moveTo' ? 'inserted' : 'deleted', author: author === undefined ? undefined : withoutControls(author).replace(/\s+/g, ' '), date: wordAttribute(tag, 'date') })
      }
    },
    close(tag) {
      if (!wordNamespaces.has(tag.uri)) return
      switch (tag.local) {
        case 'p': {
          const top = stack.pop()
          if (top) done.push({ paragraph: top.paragraph, endsSection: top.endsSection })
          return
        }
        case 'pPr':
        case 'rPr':
          inProperties--
          return
        case 't':
        case 'delText':
          inText--
          return
      }
      if (isChange(tag) && inProperties === 0) changes.pop()
    },
    text(text) {
      if (inText > 0) push(text)
    },
  })
  return done
}

function readComments(bytes: Uint8Array, where: string, budget: { paragraphs: number }): Comment[] {
  const comments: Comment[] = []
  let current: Comment | undefined
  let paragraphs: string[][] = []
  let inText = 0
  parseXml(bytes, where, {
    open(tag) {
      if (isWord(tag, 'comment')) {
        if (comments.length >= reviewLimits.comments) throw new ToolError('review-too-large', `${where.split(':')[0]} is refused: it has more than ${reviewLimits.comments} comments; a reviewed DOCX may have at most that many`)
        current = { id: wordAttribute(tag, 'id') ?? '', author: withoutControls(wordAttribute(tag, 'author') ?? '').replace(/\s+/g, ' '), date: wordAttribute(tag, 'date'), text: '' }
        paragraphs = []
      } else if (isWord(tag, 'p')) {
        countParagraph(budget, where)
        paragraphs.push([])
      } else if (isWord(tag, 't')) inText++
    },
    close(tag) {
      if (isWord(tag, 'comment') && current) {
        current.text = paragraphs.map((parts) => withoutControls(parts.join('')).replace(/\s+/g, ' ').trim()).filter(Boolean).join(' ')
        comments.push(current)
        current = undefined
      } else if (isWord(tag, 't')) inText--
    },
    text(text) {
      if (inText > 0 && current) paragraphs.at(-1)?.push(text)
    },
  })
  return comments
}
