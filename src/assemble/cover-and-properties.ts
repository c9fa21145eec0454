/** Parts that the report and the briefs share: the cover and the document properties. */
import type { Content } from '../content/model.ts'
import { createLookup } from '../content/lookup.ts'
import type { Cover, DocumentMetadata } from './model.ts'

export function coverFor(content: Content, eyebrow: string, title = content.forum.title): Cover {
  const { forum } = content
  const venueCountry = createLookup(content).country(forum.venue.country).name
  return {
    eyebrow,
    title,
    subtitle: forum.theme,
    details: [
      ...(title === forum.title ? [] : [forum.title]),
      forum.dates.display,
      `${forum.venue.city}, ${venueCountry}`,
    ],
    organiser: forum.organiser,
    series: forum.series,
  }
}

export function metadataFor(content: Content, options: { title: string; subject: string; date: Date; keywords?: string[] }): DocumentMetadata {
  const { forum } = content
  return {
    title: options.title,
    author: forum.organiser,
    subject: options.subject,
    keywords: [...forum.keywords, ...(options.keywords ?? [])],
    language: forum.language,
    description: `${forum.documentType} of the ${forum.title}, ${forum.dates.display}, ${forum.venue.city}: ${forum.theme}`,
    date: options.date,
  }
}
