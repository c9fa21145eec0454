/**
 * What a DOCX carries so that `rso-docs review` can read it back after Word or LibreOffice
 * saved it: which document it is, and a short hash of the text of every paragraph as it
 * was made. Custom document properties, because both editors keep them when they save
 * (Word drops unknown markup, LibreOffice rewrites the XML, but File > Properties >
 * Custom survives both). Word cuts a text property at 255 characters, so the hashes are
 * spread over numbered properties of at most that length.
 *
 * The hashes are what lets the review tell an edit typed with tracking off (the reviewed
 * text differs from what was made) from content edited since (what the content gives
 * today differs from what was made).
 */
import { createHash } from 'node:crypto'
import { escapeXml } from '../../text/xml.ts'

export const reviewProperties = {
  /** The document's output path, such as `report/third-rso-border-forum-outcome-report`. */
  document: 'rso-docs.document',
  /** `report` or `brief`. */
  kind: 'rso-docs.kind',
  /** A brief's country, its ISO 3166-1 alpha-3 code; none for the report. */
  country: 'rso-docs.country',
  /** `rso-docs.paragraphs.1`, `.2`, ...: the paragraph hashes, space-separated. */
  paragraphs: 'rso-docs.paragraphs',
  /**
   * A redline's (`build --redline`): the earlier round's name, and the author and date of
   * the tracked changes it was made with, which `review` accepts as the content's own.
   * Author and date, not ids: LibreOffice renumbers the ids when it saves, and keeps both.
   */
  redlineRound: 'rso-docs.redline.round',
  redlineAuthor: 'rso-docs.redline.author',
  redlineDate: 'rso-docs.redline.date',
} as const

/** Which document a package is, for the record; a redline's with its tracked changes' signature. */
export interface ReviewFacts {
  id: string
  kind: string
  /** A brief's country code. */
  country?: string | undefined
  redline?: { round: string; author: string; date: string }
}

const longestValue = 255
const hashLength = 10

/** Text as the review compares it: runs of white space as one space, none at the ends. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export function paragraphHash(text: string): string {
  return createHash('sha256').update(normaliseText(text)).digest('hex').slice(0, hashLength)
}

export interface XmlToken {
  kind: 'open' | 'close' | 'empty' | 'text'
  /** Qualified name (`w:t`), for tags. */
  name: string
  /** Raw attribute text, for tags. */
  attributes: string
  /** Decoded text, for text. */
  text: string
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return entities[entity] ?? whole
  })
}

/**
 * The tags and text of an XML part in order, without building a tree: a package's
 * document.xml is read in one linear pass, and nested paragraphs (text boxes) stay apart.
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  const pattern = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g
  for (const match of xml.matchAll(pattern)) {
    if (match[1] !== undefined) yield { kind: 'text', name: '', attributes: '', text: match[1] }
    else if (match[3] !== undefined) {
      const kind = match[2] ? 'close' : match[5] ? 'empty' : 'open'
      yield { kind, name: match[3], attributes: match[4] ?? '', text: '' }
    } else if (match[6] !== undefined) yield { kind: 'text', name: '', attributes: '', text: decodeXml(match[6]) }
  }
}

/** The text of every paragraph of a WordprocessingML part, in order (nested paragraphs after the one they sit in). */
export function paragraphTexts(xml: string): string[] {
  const open: string[][] = []
  const done: string[] = []
  let inText = false
  for (const token of xmlTokens(xml)) {
    if (token.name === 'w:p') {
      if (token.kind === 'open') open.push([])
      else if (token.kind === 'close') done.push((open.pop() ?? []).join(''))
      continue
    }
    if (token.name === 'w:t') inText = token.kind === 'open'
    else if (token.kind === 'text' && inText) open.at(-1)?.push(token.text)
    else if ((token.name === 'w:tab' || token.name === 'w:br') && token.kind === 'empty') open.at(-1)?.push(' ')
  }
  return done
}


/** Writes the review record into `docProps/custom.xml` of an unpacked package's XML parts. */
export function writeReviewRecord(texts: Map<string, string>, document: ReviewFacts): void {
  const custom = texts.get('docProps/custom.xml')
  const body = texts.get('word/document.xml')
  if (!custom || !body) throw new Error('Internal error: the DOCX package has no docProps/custom.xml or word/document.xml')
  const hashes = paragraphTexts(body).map(normaliseText).filter(Boolean).map(paragraphHash)
  const perProperty = Math.floor((longestValue + 1) / (hashLength + 1))
  const values: Array<[string, string]> = [
    [reviewProperties.document, document.id],
    [reviewProperties.kind, document.kind],
    ...(document.country === undefined ? [] : [[reviewProperties.country, document.country] as [string, string]]),
    ...(document.redline
      ? ([
          [reviewProperties.redlineRound, document.redline.round],
          [reviewProperties.redlineAuthor, document.redline.author],
          [reviewProperties.redlineDate, document.redline.date],
        ] as Array<[string, string]>)
      : []),
  ]
  for (let start = 0, part = 1; start < hashes.length; start += perProperty, part++) {
    values.push([`${reviewProperties.paragraphs}.${part}`, hashes.slice(start, start + perProperty).join(' ')])
  }
  const existing = [...custom.matchAll(/\bpid="(\d+)"/g)].map((match) => Number(match[1]))
  let pid = Math.max(1, ...existing)
  const properties = values
    .map(([name, value]) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${++pid}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`)
    .join('')
  const closed = custom.replace(/<Properties\b([^>]*?)\s*\/>/, '<Properties$1></Properties>')
  texts.set('docProps/custom.xml', closed.replace('</Properties>', `${properties}</Properties>`))
}
