/** The review's parts on their own: reading pieces, finding edits, pairing, writing (no build, no browser). */
import { zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { alignTexts } from '../src/review/align.ts'
import { applyToText, overlapping } from '../src/review/apply.ts'
import { narrowed, paragraphText, untrackedChanges } from '../src/review/changes.ts'
import type { Edit } from '../src/review/map-to-source.ts'
import { readReviewedDocx } from '../src/review/read-docx.ts'
import type { DataString } from '../src/review/source-text.ts'
import { fixedWords } from '../src/review/words-source.ts'
import { ToolError } from '../src/errors/catalogue.ts'

describe('reading a reviewed paragraph', () => {
  it('gives the text before and after the tracked changes, each change at its place, runs split anywhere', () => {
    const text = paragraphText({
      place: 'body',
      style: undefined,
      marks: [{ id: '0', edge: 'start', offset: 5 }],
      pieces: [
        { kind: 'same', text: 'This  invented ' },
        { kind: 'deleted', text: 'for', author: 'A' },
        { kind: 'deleted', text: 'um', author: 'A' },
        { kind: 'inserted', text: 'meeting', author: 'A' },
        { kind: 'same', text: ' met. ' },
      ],
    })
    expect(text.original).toBe('This invented forum met.')
    expect(text.reviewed).toBe('This invented meeting met.')
    expect(text.changes).toEqual([{ at: 14, deleted: 'forum', inserted: 'meeting', authors: ['A'], dates: [], tracked: true }])
    expect(text.marks).toEqual([{ id: '0', edge: 'start', offset: 5 }])
  })

  it('finds edits typed with tracking off, word by word, and narrows a change to what differs', () => {
    expect(untrackedChanges('A first invented point', 'A first invented and tested point')).toEqual([
      { at: 16, deleted: '', inserted: ' and tested', authors: [], dates: [], tracked: false },
    ])
    expect(narrowed({ at: 0, deleted: 'LAO PDR', inserted: 'LAO P.D.R.', authors: [], dates: [], tracked: true })).toMatchObject({ at: 5, deleted: 'DR', inserted: '.D.R.' })
  })
})

describe('pairing paragraphs', () => {
  it('pairs identical texts in order, then an edited one with the most alike, and leaves words the pipeline adds alone', () => {
    const reviewed = ['Contents', 'Summary', 'The delegates met in Bangkok on two days.', 'Raised by THAILAND', 'Closing words.']
    const current = ['Summary', 'The delegates met in Bangkok over two days.', 'Closing words.']
    expect(alignTexts(reviewed, current)).toEqual([-1, 0, 1, -1, 2])
  })
})

describe('words the pipeline adds', () => {
  it('reads the fixed words of an ICU message, plural forms included', () => {
    expect(fixedWords('Raised by {countries}')).toEqual(['Raised by '])
    expect(fixedWords('{count, plural, one {Origin} other {Origins}}')).toEqual(['Origin', 'Origins'])
  })
})

describe('writing edits', () => {
  const field = (value: string, markdown = false): DataString => ({ file: 'x.json', format: 'json', path: ['items', 0, 'text'], literalOffset: 0, value, markdown, shown: value, shownIndex: [] })

  it('writes a JSON string escaped, the rest of the file as it was', () => {
    const text = '{\n  "items": [ { "id": "a",   "text": "A \\"quoted\\" back\\\\\\\\slash." } ]\n}\n'
    const value = 'A "quoted" back\\\\slash.'
    const edit: Edit = { format: 'json', file: 'x.json', field: field(value), start: 10, end: 10, text: ' and "more" \\\\' }
    const result = applyToText(text, [edit])
    expect(JSON.parse(result).items[0].text).toBe('A "quoted" and "more" \\\\ back\\\\slash.')
    const literal = text.indexOf('"A ')
    expect(result.slice(0, literal)).toBe(text.slice(0, literal))
    expect(result.endsWith('slash." } ]\n}\n')).toBe(true)
  })

  it('writes Markdown at its offsets, byte for byte elsewhere, and refuses two edits on the same words', () => {
    const text = 'The **LAO PDR** delegation.\n'
    const edits: Edit[] = [{ format: 'text', file: 'a.md', start: 11, end: 13, text: '.D.R.' }]
    expect(applyToText(text, edits)).toBe('The **LAO P.D.R.** delegation.\n')
    const clash: Edit = { format: 'text', file: 'a.md', start: 9, end: 12, text: 'x' }
    expect(overlapping([...edits, clash]).size).toBe(2)
  })
})

describe('what is not a reviewable DOCX', () => {
  it('says a file that is not a zip is not a DOCX, and a DOCX without the property is not ours', async () => {
    const error = await readReviewedDocx(strToU8('not a zip'), 'notes.docx').catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ToolError)
    expect((error as ToolError).ruleId).toBe('review-not-docx')
    expect((error as ToolError).exitCode).toBe(2)
    const foreign = zipSync({ 'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>') })
    await expect(readReviewedDocx(foreign, 'letter.docx')).rejects.toThrow(/letter\.docx was not made by rso-docs/)
  })
})

describe('what a reviewer typed, written into Markdown', () => {
  it('escapes what Markdown or a directive would read as structure, and only that', async () => {
    const { escapeTyped } = await import('../src/review/apply.ts')
    expect(escapeTyped('# Note: 1. see annex:two', 'intro\n', ' end')).toBe('\\# Note: 1. see annex\\:two')
    expect(escapeTyped('1. First', 'text\n', undefined)).toBe('1\\. First')
    expect(escapeTyped('-led', 'attended by :participants', ',')).toBe('\\-led')
    expect(escapeTyped('x', 'by :participants', ',')).toBe('&#120;')
    expect(escapeTyped('{.red}', 'by :participants', ',')).toBe('\\{.red}')
    expect(escapeTyped(' &copy; *a* <b> [l](u) | ~~s~~ ![i]', 'Text', undefined)).toBe(' \\&copy; \\*a\\* \\<b\\> \\[l\\](u) \\| \\~\\~s\\~\\~ \\!\\[i\\]')
    expect(escapeTyped('Plain words, (with) 10 items.', 'Text ', ' more')).toBe('Plain words, (with) 10 items.')
  })
})
