/**
 * What Word's Accept All and Reject All make of a DOCX's tracked changes, read from its
 * `word/document.xml` as the text of each paragraph: accepting keeps what was inserted
 * and drops what was deleted, rejecting the other way round; a paragraph whose mark is
 * dropped joins the next one, as in Word.
 */
import { decodeXml, xmlTokens } from '../../src/render/docx/review-record.ts'

export type Outcome = 'accept' | 'reject'

export interface TrackedParagraph {
  text: string
  /** Whether anything in it (text or its mark) is a tracked change. */
  marked: boolean
}

export function paragraphsAfter(xml: string, outcome: Outcome): TrackedParagraph[] {
  const done: TrackedParagraph[] = []
  const open: Array<{ text: string; marked: boolean; markDropped: boolean }> = []
  const changes: Array<'ins' | 'del'> = []
  let inText = false
  let properties = 0
  let carry: TrackedParagraph | undefined
  const drops = (change: 'ins' | 'del' | undefined) => (outcome === 'accept' ? change === 'del' : change === 'ins')
  for (const token of xmlTokens(xml)) {
    const top = open.at(-1)
    if (token.name === 'w:p') {
      if (token.kind === 'open') open.push({ text: '', marked: false, markDropped: false })
      else if (token.kind === 'close' && top) {
        open.pop()
        const paragraph = { text: (carry?.text ?? '') + top.text, marked: Boolean(carry?.marked) || top.marked }
        carry = undefined
        if (top.markDropped) carry = paragraph
        else done.push(paragraph)
      } else if (token.kind === 'empty') done.push({ text: '', marked: false })
      continue
    }
    if (token.name === 'w:pPr' || token.name === 'w:rPr') {
      if (token.kind === 'open') properties++
      else if (token.kind === 'close') properties--
      continue
    }
    if (token.name === 'w:ins' || token.name === 'w:del') {
      const change = token.name === 'w:ins' ? 'ins' : 'del'
      if (properties > 0) {
        // A paragraph mark's change (in w:pPr/w:rPr); a run's formatting change is not read here.
        if (top && token.kind === 'empty') {
          top.marked = true
          if (drops(change)) top.markDropped = true
        }
        continue
      }
      if (token.kind === 'open') {
        changes.push(change)
        if (top) top.marked = true
      } else if (token.kind === 'close') changes.pop()
      continue
    }
    if (token.name === 'w:t' || token.name === 'w:delText') {
      inText = token.kind === 'open'
      continue
    }
    if (token.kind === 'text' && inText && top && !drops(changes.at(-1))) top.text += token.text
    if ((token.name === 'w:tab' || token.name === 'w:br') && token.kind === 'empty' && properties === 0 && top && !drops(changes.at(-1))) top.text += ' '
  }
  return done
}

export { decodeXml }
