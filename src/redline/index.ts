/**
 * Redline editions for `build --redline`: for every document asked for, the same document
 * assembled from the earlier round's content, merged with today's (`redline-document.ts`).
 * The renderers then write them as any other document, beside today's editions.
 */
import path from 'node:path'
import { assembleDocuments, type Selection } from '../assemble/index.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import { createEvent, type EventContext } from '../content/event.ts'
import { withEarlierRound } from './earlier-round.ts'
import { redlineDocument } from './redline-document.ts'

export interface RedlineOptions {
  /** The earlier round: its content folder, or `git:REV`. */
  redline: string
  /** Its name in file names and titles, instead of the folder's name or the revision. */
  redlineLabel?: string
  /** The tracked changes' author, instead of the organiser's short name. */
  redlineAuthor?: string
}

/** A document's identity across rounds: the report, or the brief of one country (file names may change with a slug). */
function identity(document: PublishedDocument): string {
  return document.kind === 'report' ? 'report' : `brief:${document.country ?? path.posix.basename(document.outputPath).split('-')[0]}`
}

export async function redlineDocuments(options: RedlineOptions & { sourceDir: string }, event: EventContext, today: readonly PublishedDocument[]): Promise<PublishedDocument[]> {
  if (today.length === 0) return []
  return withEarlierRound(options.redline, options.sourceDir, options.redlineLabel, async ({ round, content }) => {
    const codes = today.filter((document) => document.kind === 'brief').map((document) => identity(document).slice('brief:'.length))
    const earlierCodes = new Set(content.countries.map((country) => country.code))
    // Drafts: a round sent with values marked missing is shown as it was sent, and a final build compares with it all the same.
    const selection: Selection = { mode: 'draft', report: today.some((document) => document.kind === 'report'), briefs: codes.filter((code) => earlierCodes.has(code)) }
    const earlier = new Map((await assembleDocuments(createEvent(content), selection)).map((document) => [identity(document), document]))
    const author = options.redlineAuthor ?? event.content.forum.organiserShortName
    const mapsChanged = content.digests.mapData !== event.content.digests.mapData
    return today.map((document) => redlineDocument(earlier.get(identity(document)), document, { round, author, mapsChanged }, event.words))
  })
}
