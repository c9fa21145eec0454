/**
 * Puts what `page-overflow.ts` found too wide at its place in the content: the Markdown
 * file of its section, at the line that writes it (found by its alternative text or its
 * first words), so the message reads like every other content message.
 */
import { VFile } from 'vfile'
import type { PublishedDocument } from '../../assemble/model.ts'
import { RenderContentError, report } from '../../errors/catalogue.ts'
import { describeOverflow, type OverflowingElement, type PageOverflowError } from './page-overflow.ts'

export function overflowError(document: PublishedDocument, error: PageOverflowError): RenderContentError {
  const files = new Map<string, VFile>()
  for (const element of error.elements) {
    const section = document.sections.find((entry) => entry.id === element.sectionId)
    // A section built from data has no Markdown file; the message then names the document.
    const source = section?.file
    const key = source?.path ?? document.outputPath
    let file = files.get(key)
    if (!file) {
      file = source ? new VFile({ path: source.path, cwd: source.cwd, value: String(source.value) }) : new VFile({ path: `${document.outputPath}.pdf` })
      files.set(key, file)
    }
    report(file, 'too-wide', describeOverflow(element), { place: source ? placeOf(String(source.value), element) : undefined })
  }
  return new RenderContentError([...files.values()])
}

/** The line and column where the Markdown writes `element`: its alternative text, or its first words, as far as they are found. */
function placeOf(markdown: string, element: OverflowingElement): { line: number; column: number } | undefined {
  const words = element.text.split(' ').filter(Boolean)
  const candidates = [
    ...(element.alt ? [`![${element.alt}]`] : []),
    ...[4, 3, 2, 1].map((count) => words.slice(0, count).join(' ')).filter((candidate) => candidate.length >= 3),
    ...words.slice(0, 1).map((word) => word.slice(0, 20)).filter((candidate) => candidate.length >= 3),
  ]
  for (const candidate of candidates) {
    const offset = markdown.indexOf(candidate)
    if (offset < 0) continue
    const before = markdown.slice(0, offset).split('\n')
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
  }
  return undefined
}
