/** Close matches for a misspelt value (a code, an id, a file name), by edit distance. */
import { distance } from 'fastest-levenshtein'

/** " (did you mean ...?)" with the closest known values, or nothing when none is close. */
export function suggest(value: string, known: Iterable<string>): string {
  const close = closeMatches(value, known)
  return close.length > 0 ? ` (did you mean ${close.map((entry) => `"${entry}"`).join(', ')}?)` : ''
}

export function closeMatches(value: string, known: Iterable<string>, limit = 3): string[] {
  const lower = value.toLowerCase()
  return [...known]
    .map((candidate) => ({ candidate, distance: distance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, distance: d }) => d <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate)
}
