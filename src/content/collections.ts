/**
 * Which files a content folder must have and what an absent one stands for. A content
 * folder is one event: it needs `forum.json`, `countries.json` and the report's sections;
 * every other collection is optional, and an absent file is an empty collection (the
 * contact details, an absent back cover). `Content.present` says which files were there,
 * so a directive that names an absent collection can say so at its place.
 */
import type { DataFileName } from './model.ts'

/** The JSON files every content folder needs. */
export const requiredFiles: ReadonlySet<DataFileName> = new Set<DataFileName>(['forum.json', 'countries.json'])

/** What an absent optional file stands for: its collection, empty; `undefined` when the whole value is absent. */
export const absentValues: Partial<Record<DataFileName, unknown>> = {
  'places.json': { places: [] },
  'organisations.json': { organisations: [] },
  'key-outcomes.json': { outcomes: [] },
  'corridors.json': { corridors: [] },
  'trafficking-routes.json': { groups: [] },
  'smuggling-routes.json': { routes: [] },
  'challenges.json': { challenges: [] },
  'recommendations.json': { themes: [] },
  'glossary.json': { terms: [] },
  'contact.json': undefined,
}

export function isRequired(name: DataFileName): boolean {
  return requiredFiles.has(name)
}
