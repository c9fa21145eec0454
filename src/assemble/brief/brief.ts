/**
 * Assembles one country's brief: the sections of `sections.ts`, built from what
 * the content says about the country, run through the same Markdown pipeline as the report
 * (so they are sanitised the same way), with the hand-written notes of
 * `briefs/<ISO3>.md` of the content folder where their front matter places them.
 */
import type { ElementContent, Root as HastRoot } from 'hast'
import type { Root as MdastRoot, RootContent } from 'mdast'
import { VFile } from 'vfile'
import { h } from 'hastscript'
import type { Content } from '../../content/model.ts'
import { briefNotesFrontMatterSchema, type BriefNotesFrontMatter, type Country } from '../../content/schema.ts'
import type { Words } from '../../content/words.ts'
import { container, heading, mapPlaceholder, text } from '../../transform/mdast-builders.ts'
import { transform } from '../../transform/processor.ts'
import { refusedAtLoading, type AssemblyContext, type DocumentProcessor } from '../context.ts'
import { concernsOf } from './concerns.ts'
import * as briefSections from './sections.ts'
import type { BriefMap, BriefSectionContent } from './sections.ts'
import { coverFor, documentWords, metadataFor } from '../cover-and-properties.ts'
import type { DocumentSection, PublishedDocument } from '../model.ts'
import { codeAndSlug } from '../../text/slug.ts'

export { resolveCountry } from './resolve-country.ts'
export { fileSlug } from '../../text/slug.ts'

/**
 * The brief for one country of the content (resolved from the command line by
 * `resolveCountry`). Problems in the notes are reported on their file (the section's
 * `file`), as for report sections.
 */
export async function assembleBrief(context: AssemblyContext, country: Country): Promise<PublishedDocument> {
  const { content, lookup, words } = context
  const briefContext = { ...context, country, concerns: concernsOf(context, country), name: lookup.countryInText(country.code) }
  const fromData = [
    briefSections.country(briefContext),
    briefSections.propositions(briefContext),
    briefSections.routes(briefContext),
    briefSections.challenges(briefContext),
    ...briefSections.authorCollections(briefContext),
    briefSections.forum(briefContext),
  ].filter((section): section is BriefSectionContent => section !== undefined)
  const sections = await Promise.all(fromData.map((section) => dataSection(section, context.briefProcessor, country)))

  const notesFile = content.briefNotes.get(country.code)
  if (notesFile && !refusedAtLoading(notesFile)) {
    const notes = await notesSection(notesFile, context.briefProcessor, words)
    // "after-summary": after the country's own part when it has one, else first.
    const afterSummary = sections[0]?.id === 'country' ? 1 : 0
    if (notes) sections.splice(notes.placement === 'after-summary' ? afterSummary : sections.length, 0, notes.section)
  }

  const { forum } = content
  const title = words.say('brief.title', { country: country.name })
  return {
    kind: 'brief',
    country: country.code,
    outputPath: `${briefsFolder(content)}/${codeAndSlug(country.code, country.name)}`,
    runningHeader: words.say('brief.running-header', { title, eventTitle: forum.title }),
    metadata: metadataFor(context, {
      title: words.say('brief.properties-title', { title, eventTitle: forum.title }),
      subject: words.say('brief.subject', { eventTitle: forum.title, country: briefContext.name }),
      date: context.date,
      keywords: [country.name, words.say('brief.keyword')],
    }),
    cover: coverFor(context, words.say('brief.eyebrow'), title),
    tableOfContents: false,
    sections,
    draft: context.mode === 'draft',
    words: documentWords(context),
  }
}

/** Runs a section built from data through the pipeline; its heading comes first, as in the report. */
async function dataSection(section: BriefSectionContent, processor: DocumentProcessor, country: Country): Promise<DocumentSection> {
  const file = new VFile({ path: `briefs/${country.code}#${section.id}` })
  const children = [heading(1, [text(section.title)], section.id, 'section-title'), ...section.children]
  for (const map of section.maps ?? []) keepWithMap(children, map)
  const hast = await processor.run({ type: 'root', children } satisfies MdastRoot, file)
  // Built from checked data, so any error here is ours, not the author's.
  const fatal = file.messages.find((message) => message.fatal)
  if (fatal) throw new Error(`Internal error: brief section ${section.id} of ${country.code}: ${fatal.reason}`, { cause: fatal })
  return { id: section.id, title: section.title, toc: true, newPage: false, tree: hast }
}

/**
 * Puts the map placeholder right after its heading, both in one block that print keeps on
 * one page: a heading is never left at the foot of a page with its map on the next.
 */
function keepWithMap(children: RootContent[], map: BriefMap): void {
  const index = children.findIndex((node) => node.type === 'heading' && node.data?.hProperties?.id === map.after)
  const headingNode = children[index]
  if (!headingNode) throw new Error(`Internal error: no heading #${map.after} to place a map after`)
  children.splice(index, 1, container([headingNode, mapPlaceholder({ routes: map.routes, highlight: map.highlight })], 'keep-together'))
}

/** The notes of `source/briefs/<ISO3>.md`, with their title as the first heading; none when the file has no text. */
async function notesSection(
  file: VFile,
  processor: DocumentProcessor,
  words: Words,
): Promise<{ section: DocumentSection; placement: BriefNotesFrontMatter['placement'] } | undefined> {
  const tree = await transform(processor, file)
  // Front matter that is not valid is reported on the file (the brief is never rendered); its defaults stand in while `check` goes on.
  const frontMatter = file.data.briefNotesFrontMatter ?? briefNotesFrontMatterSchema.parse({})
  const hasText = tree.children.some((node) => node.type === 'element' || (node.type === 'text' && node.value.trim() !== ''))
  if (!hasText) return undefined
  const id = 'notes'
  const body: ElementContent[] = [...(tree.children as ElementContent[])]
  if (frontMatter.author) {
    body.push(h('p', { className: ['notes-author'] }, words.say('brief.notes-by', { author: frontMatter.author })))
  }
  const wrapped: HastRoot = h(null, [h('h1', { id, className: ['section-title'] }, frontMatter.title), h('div', { className: ['notes'] }, body)])
  return {
    section: { id, title: frontMatter.title, toc: true, newPage: false, tree: wrapped, file },
    placement: frontMatter.placement,
  }
}

/**
 * Where the event's briefs go under the output folder: `briefs` unless forum.json says
 * otherwise (`"briefsFolder": "briefs/{slug}"`, so that two events can share one output folder).
 */
export function briefsFolder(content: Content): string {
  return (content.forum.briefsFolder ?? 'briefs').replaceAll('{slug}', content.forum.slug).replace(/\/+$/, '')
}
