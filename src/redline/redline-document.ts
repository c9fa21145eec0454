/**
 * A redline edition: today's document with every section merged with the earlier round's
 * (`diff-tree.ts`), a first page that says how many changes there are and in which
 * sections (linked to the first change of each), and a name and title that say which round
 * it is compared against. The cover is today's: only what the content changed is marked.
 */
import type { Element, ElementContent, Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { Words } from '../content/words.ts'
import type { DocumentSection, PublishedDocument } from '../assemble/model.ts'
import { createTally, redlineClasses, redlineTree } from './diff-tree.ts'

export interface RedlineRound {
  /** The earlier round's name ("round-1", a git revision), safe in a file name. */
  round: string
  /** Who the DOCX's tracked changes are by. */
  author: string
  /**
   * Whether what the maps are drawn from changed: the maps are drawn from today's data
   * only, so a changed map gets the bar of a changed block (and counts as a change).
   */
  mapsChanged?: boolean
}

/** Where the redline of a document goes: beside it, its name saying the round. */
export function redlineOutputPath(outputPath: string, round: string): string {
  return `${outputPath}.changes-since-${round}`
}

export const summarySectionId = 'redline-summary'

export function redlineDocument(earlier: PublishedDocument | undefined, today: PublishedDocument, round: RedlineRound, words: Words): PublishedDocument {
  const tally = createTally()
  const earlierSections = new Map((earlier?.sections ?? []).map((section) => [section.id, section]))
  const todayIds = new Set(today.sections.map((section) => section.id))
  const perSection: Array<{ section: DocumentSection; count: number; anchor: string }> = []
  const sections: DocumentSection[] = []
  const merge = (before: DocumentSection | undefined, now: DocumentSection | undefined) => {
    const first = tally.changes.length
    let tree = redlineTree(before?.tree, now?.tree, tally)
    if (round.mapsChanged && before && now) tree = withMapsMarked(tree, tally)
    const section = { ...(now ?? (before as DocumentSection)), tree }
    const count = tally.changes.length - first
    if (count > 0) perSection.push({ section, count, anchor: tally.changes.slice(first).find((change) => change.anchor)?.anchor ?? `section-${section.id}` })
    sections.push(section)
  }
  // Earlier sections that today's content no longer has are shown deleted where they stood.
  const earlierOrder = earlier?.sections ?? []
  let earlierIndex = 0
  for (const now of today.sections) {
    const at = earlierOrder.findIndex((section) => section.id === now.id)
    if (at >= earlierIndex) {
      for (const gone of earlierOrder.slice(earlierIndex, at)) if (!todayIds.has(gone.id)) merge(gone, undefined)
      earlierIndex = at + 1
    }
    merge(earlierSections.get(now.id), now)
  }
  for (const gone of earlierOrder.slice(earlierIndex)) if (!todayIds.has(gone.id)) merge(gone, undefined)

  const summary: DocumentSection = {
    id: summarySectionId,
    title: words.say('redline.summary.title', { round: round.round }),
    toc: false,
    newPage: true,
    tree: summaryTree(perSection, tally.changes.length, round.round, words),
    redlineSummary: true,
  }
  return {
    ...today,
    outputPath: redlineOutputPath(today.outputPath, round.round),
    metadata: { ...today.metadata, title: words.say('redline.title', { title: today.metadata.title, round: round.round }) },
    sections: [summary, ...sections],
    redline: { round: round.round, author: round.author, date: today.metadata.date.toISOString().replace(/\.\d{3}Z$/, 'Z'), documentId: today.outputPath },
  }
}

/** The tree with every map figure classed as changed; copied first, as unchanged nodes are today's document's own. */
function withMapsMarked(tree: Root, tally: ReturnType<typeof createTally>): Root {
  const copy = structuredClone(tree)
  visit(copy, 'element', (node: Element) => {
    const className = node.properties.className
    if (node.tagName !== 'figure' || !Array.isArray(className) || !className.includes('map') || className.includes(redlineClasses.changed)) return
    const anchor = tally.nextAnchor()
    tally.changes.push({ anchor })
    node.properties = { ...node.properties, id: anchor, className: [...className, redlineClasses.changed] }
    return 'skip'
  })
  return copy
}

const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string): ElementContent => ({ type: 'text', value })

function summaryTree(perSection: ReadonlyArray<{ section: DocumentSection; count: number; anchor: string }>, count: number, round: string, words: Words): Root {
  const title = words.say('redline.summary.title', { round })
  return {
    type: 'root',
    children: [
      element('h1', { id: summarySectionId, className: ['section-title'] }, [text(title)]),
      element('p', { className: ['lead'] }, [text(words.say('redline.summary.count', { count, round, sections: perSection.length }))]),
      ...(perSection.length > 0
        ? [
            element(
              'ul',
              { className: ['redline-summary'] },
              perSection.map(({ section, count: sectionCount, anchor }) =>
                element('li', {}, [element('a', { href: `#${anchor}` }, [text(words.say('redline.summary.section', { section: section.title, count: sectionCount }))])]),
              ),
            ),
          ]
        : []),
      element('p', { className: ['redline-key'] }, [text(words.say('redline.summary.key', { round }))]),
    ],
  }
}

export { redlineClasses }
