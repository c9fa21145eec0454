/**
 * Phrasing content: text, emphasis, links, missing-value marks, line breaks. Text is
 * collapsed as a browser collapses it, and cleared of characters XML can't carry.
 */
import type { Element, Text } from 'hast'
import { DeletedTextRun, ExternalHyperlink, InsertedTextRun, InternalHyperlink, SoftHyphen, TextRun, type ParagraphChild } from 'docx'
import { hasClass } from './class-names.ts'
import { xmlSafeText } from '../text.ts'
import { styleIds } from '../styles.ts'
import type { InlineHandler, InlineMarks, State } from '../state.ts'
import { bookmarkName } from './heading.ts'
import { image } from './image.ts'

/** A text node's text as a run holds it: collapsed as a browser collapses it, without what XML can't carry. */
export function runText(node: Text): string {
  return xmlSafeText(node.value).replace(/[ \t\n\r\f]+/g, ' ')
}

export function text(node: Text, marks: InlineMarks): ParagraphChild[] {
  const value = runText(node)
  if (value === '') return []
  const { revision: _revision, ...formatting } = marks
  return [new TextRun({ ...runContent(value), ...formatting })]
}

/** What a run of `value` holds: its text, or, with soft hyphens, text and Word's own soft hyphen elements (a U+00AD in the text Word shows as a character). */
export function runContent(value: string): { text: string } | { children: Array<string | SoftHyphen> } {
  if (!value.includes('\u00ad')) return { text: value }
  return { children: value.split('\u00ad').flatMap((part, index) => (index === 0 ? [part] : [new SoftHyphen(), part])).filter((child) => child !== '') }
}

const strong: InlineHandler = (node, state, marks) => state.inline(node.children, { ...marks, bold: true })
const emphasis: InlineHandler = (node, state, marks) => state.inline(node.children, { ...marks, italics: true })
const superscript: InlineHandler = (node, state, marks) => state.inline(node.children, { ...marks, superScript: true })
const subscript: InlineHandler = (node, state, marks) => state.inline(node.children, { ...marks, subScript: true })
const transparent: InlineHandler = (node, state, marks) => state.inline(node.children, marks)
const lineBreak: InlineHandler = (_node, state, marks) => {
  const change = state.trackedChange(marks.revision)
  if (!change) return [new TextRun({ break: 1 })]
  return [marks.revision === 'inserted' ? new InsertedTextRun({ break: 1, ...change }) : new DeletedTextRun({ break: 1, ...change })]
}

/** A redline's `<ins class="redline">` and `<del class="redline">` are Word's tracked changes; any other is plain text. */
const revision: InlineHandler = (node, state, marks) =>
  hasClass(node, 'redline') ? state.inline(node.children, { ...marks, revision: node.tagName === 'ins' ? 'inserted' : 'deleted' }) : state.inline(node.children, marks)

/** `<mark class="missing">`: a value the reference lost, shown in a draft so an editor finds it. */
const mark: InlineHandler = (node, state, marks) => state.inline(node.children, { ...marks, style: styleIds.missingValue })

const link: InlineHandler = (node, state, marks) => {
  const href = typeof node.properties.href === 'string' ? node.properties.href : undefined
  const children = state.inline(node.children, { ...marks, style: styleIds.hyperlink })
  if (!href) return children
  if (href.startsWith('#')) return [new InternalHyperlink({ anchor: bookmarkName(href.slice(1)), children })]
  return [new ExternalHyperlink({ link: href, children })]
}

const inlineImage: InlineHandler = (node, state, marks) => image(node, state, marks.revision)

export const inlineHandlers: Record<string, InlineHandler> = {
  strong, b: strong,
  em: emphasis, i: emphasis, cite: emphasis, dfn: emphasis,
  sup: superscript, sub: subscript,
  span: transparent, abbr: transparent, code: transparent, kbd: transparent, small: transparent, u: transparent, s: transparent, del: revision, ins: revision, q: transparent,
  mark,
  a: link,
  br: lineBreak,
  img: inlineImage,
}

export function isPhrasing(node: { type: string; tagName?: string }): boolean {
  return node.type === 'text' || (node.type === 'element' && node.tagName !== undefined && node.tagName in inlineHandlers)
}

export type { Element, State }
