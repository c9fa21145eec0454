/**
 * What the review says: one line per change and comment at its `file:line:column`, in the
 * form of the other messages, with a hint under what was left; and the same as a
 * checklist in a review file beside the DOCX, for the officer to work through.
 */
import path from 'node:path'
import { catalogue } from '../errors/catalogue.ts'
import type { ReviewItem, ReviewResult } from './types.ts'


/**
 * What a reviewed DOCX says (authors, comments, quoted text) reaches the terminal and the
 * checklist as one line of text: control characters (escape sequences that retitle a
 * window or hide a link), line breaks (which would forge listing lines and checklist
 * items) and bidirectional overrides (which reorder what is shown) become spaces.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, ' ')
}

const order = (item: ReviewItem) => (item.rule === 'review-change' ? 0 : item.rule === 'review-comment' ? 2 : 1)

function line(item: ReviewItem, cwd: string): string {
  const name = path.relative(cwd, item.file) || item.file
  const severity = item.left ? 'warning: ' : ''
  return printable(`${name}:${item.line}:${item.column}: ${severity}${item.message} [${item.rule}]`)
}

export function formatReview(result: ReviewResult, options: { apply: boolean; cwd?: string }): string {
  const cwd = options.cwd ?? process.cwd()
  const lines: string[] = []
  for (const item of [...result.items].sort((a, b) => order(a) - order(b))) {
    lines.push(line(item, cwd))
    if (item.left && item.rule !== 'review-change' && item.rule !== 'review-comment') lines.push(`  hint: ${catalogue[item.rule].hint}`)
  }
  return lines.join('\n')
}

export function summarise(result: ReviewResult, options: { apply: boolean; cwd?: string }): string {
  const cwd = options.cwd ?? process.cwd()
  const count = (rule: ReviewItem['rule']) => result.items.filter((item) => item.rule === rule).length
  const changes = count('review-change')
  const left = result.items.filter((item) => item.left).length
  const comments = count('review-comment')
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const applied = options.apply
    ? `${plural(changes, 'change')} written into ${plural(result.written.length, 'file')}${result.written.length ? ` (${result.written.map((file) => path.relative(cwd, file)).join(', ')})` : ''}`
    : `${plural(changes, 'change')} to write (run again with --apply)`
  return printable(`${result.document}: ${applied}; ${plural(left, 'change')} left, nothing written for ${left === 1 ? 'it' : 'them'}; ${plural(comments, 'comment')}. Listed in ${path.relative(cwd, result.reviewFile)}.`)
}

/** The review file: every item as a checklist line, changes first, then what was left, then the comments. */
export function reviewFileText(result: ReviewResult, options: { apply: boolean; docx: string; cwd?: string }): string {
  const cwd = options.cwd ?? process.cwd()
  const section = (title: string, items: ReviewItem[], done: boolean) =>
    items.length === 0 ? [] : [`## ${title}`, '', ...items.map((item) => `- [${done ? 'x' : ' '}] ${line(item, cwd)}`), '']
  const changes = result.items.filter((item) => item.rule === 'review-change')
  const left = result.items.filter((item) => item.left)
  const comments = result.items.filter((item) => item.rule === 'review-comment')
  return [
    printable(`# Review of ${path.basename(options.docx)}`),
    '',
    `${summarise(result, options)}`,
    '',
    ...section(options.apply ? 'Written into the content' : 'Changes to write (review --apply)', changes, options.apply),
    ...section('Left: make these by hand, or not at all', left, false),
    ...section('Comments (never written into the content)', comments, false),
  ].join('\n') + '\n'
}
