/**
 * Assembles the documents asked for from loaded content: the report and the briefs, each
 * its sections run through the transform stage. Throws `ContentError` on any content
 * error found on the way (a bad link in the JSON's Markdown, an unknown directive).
 */
import type { Content } from '../content/model.ts'
import { ContentError, hasErrors } from '../errors/catalogue.ts'
import { checkDataMarkdown, type CleanChecks } from '../transform/check-data-markdown.ts'
import { checkCollectionOutputs } from '../transform/author-collection.ts'
import type { BuildMode } from '../transform/directives/index.ts'
import { assembleBrief, briefsFolder, resolveCountry } from './brief/brief.ts'
import { codeAndSlug } from '../text/slug.ts'
import { createAssemblyContext } from './context.ts'
import type { EventContext } from '../content/event.ts'
import type { PublishedDocument } from './model.ts'
import { assembleReport } from './report.ts'
import { checkWords } from '../content/words.ts'
import { textTypographer } from '../transform/plugins/rehype-typography.ts'

/** What a build passes down for the JSON's Markdown already checked (`transform/check-data-markdown.ts`). */
export type { CleanChecks }

export interface Selection {
  mode: BuildMode
  /** Assemble the report. */
  report: boolean
  /** Country codes or names of the briefs; 'all' for every participant; none when empty. */
  briefs: 'all' | readonly string[]
}

/**
 * Assembles the documents of `selection` from the event, made once per build by
 * `createEvent`; `cleanData`: the JSON's Markdown already found clean in this session.
 */
export async function assembleDocuments(event: EventContext, selection: Selection, cleanData?: CleanChecks): Promise<PublishedDocument[]> {
  const { content } = event
  await checkDataMarkdown(content, cleanData)
  // What collections' templates write is checked once, at their files, before any document uses it: a
  // problem is said once at its template, not once per brief that shows it.
  await checkCollectionOutputs(content)
  checkWords(event)
  const context = createAssemblyContext(event, selection.mode)
  const documents: PublishedDocument[] = []
  if (selection.report) documents.push(await assembleReport(context))
  const countries =
    selection.briefs === 'all'
      ? event.lookup.participants
      : [...new Map(selection.briefs.map((query) => resolveCountry(event, query)).map((country) => [country.code, country])).values()]
  documents.push(...(await Promise.all(countries.map((country) => assembleBrief(context, country)))))
  const files = [...content.files.values()]
  if (hasErrors(files)) throw new ContentError(files)
  const typeset = textTypographer(content.forum.language)
  return documents.map((document) => withTypesetFurniture(document, typeset))
}

/**
 * The document with the texts around its sections set as the sections' are (quotes,
 * dashes of ranges, no-break spaces; no soft hyphens): the cover, the running head, the
 * contents' title and the back cover. They come from the data and the words table, not
 * through the Markdown pipeline's typographic stage.
 */
function withTypesetFurniture(document: PublishedDocument, typeset: (text: string) => string): PublishedDocument {
  const { cover, backCover } = document
  return {
    ...document,
    runningHeader: typeset(document.runningHeader),
    cover: {
      ...cover,
      eyebrow: typeset(cover.eyebrow),
      title: typeset(cover.title),
      subtitle: typeset(cover.subtitle),
      details: cover.details.map(typeset),
      organiser: typeset(cover.organiser),
      series: typeset(cover.series),
    },
    words: { ...document.words, contents: typeset(document.words.contents) },
    ...(backCover
      ? {
          backCover: {
            ...backCover,
            organisation: typeset(backCover.organisation),
            address: backCover.address.map(typeset),
            ...(backCover.moreInformation === undefined ? {} : { moreInformation: typeset(backCover.moreInformation) }),
            links: backCover.links.map((link) => ({ ...link, label: typeset(link.label) })),
          },
        }
      : {}),
  }
}

/**
 * Every output the event can make in `formats`, whatever a build selects: its report and a
 * brief for every country of countries.json (a non-participant's is made when asked for).
 */
export function possibleOutputs(content: Content, formats: readonly string[]): Set<string> {
  const documents = [`report/${content.forum.slug}`, ...content.countries.map((country) => `${briefsFolder(content)}/${codeAndSlug(country.code, country.name)}`)]
  return new Set(documents.flatMap((document) => formats.map((format) => `${document}.${format}`)))
}
