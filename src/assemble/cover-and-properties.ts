/** Parts that the report and the briefs share: the cover, the document properties and the words of their furniture. */
import type { EventContext } from '../content/event.ts'
import type { WordKey } from '../content/words.ts'
import type { Cover, DocumentMetadata, DocumentWords, WordParts } from './model.ts'

export function coverFor({ content, lookup, words }: EventContext, eyebrow: string, title = content.forum.title): Cover {
  const { forum } = content
  return {
    eyebrow,
    title,
    subtitle: forum.theme,
    details: [
      ...(title === forum.title ? [] : [forum.title]),
      forum.dates.display,
      words.say('cover.venue', { city: forum.venue.city, country: lookup.country(forum.venue.country).name }),
    ],
    organiser: forum.organiser,
    series: forum.series,
  }
}

export function metadataFor(
  { content, words }: EventContext,
  options: { title: string; subject: string; date: Date; keywords?: string[] },
): DocumentMetadata {
  const { forum } = content
  return {
    title: options.title,
    author: forum.organiser,
    subject: options.subject,
    keywords: [...forum.keywords, ...(options.keywords ?? [])],
    language: forum.language,
    direction: words.direction,
    description: words.say('properties.description', {
      documentType: forum.documentType,
      eventTitle: forum.title,
      dates: forum.dates.display,
      city: forum.venue.city,
      theme: forum.theme,
    }),
    date: options.date,
  }
}

/** The words every renderer adds around a document: contents, page numbers, the draft mark, contact labels, link descriptions. */
export function documentWords({ words }: EventContext): DocumentWords {
  const parts = (key: WordKey, fields: readonly string[]): WordParts =>
    words.parts(key, fields).map((part) => (typeof part === 'string' ? part : { field: part.placeholder }))
  return {
    contents: words.say('contents.title'),
    draftMark: words.say('draft.mark'),
    draftCover: words.say('draft.cover'),
    pageNumber: parts('page.number', ['page', 'pages']),
    telephone: parts('contact.telephone', ['number']),
    fax: parts('contact.fax', ['number']),
    emailLink: parts('link.email', ['address']),
    pageLink: parts('link.page', ['page']),
    sectionLink: parts('link.section', ['target']),
    otherLink: words.say('link.other'),
  }
}
