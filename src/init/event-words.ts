/** The language and own words of an event, read from its forum.json for `rso-docs words`. */
import fs from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors/catalogue.ts'

export const languageTag = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/

export async function readEventWords(sourceDir: string, language?: string): Promise<{ language: string; words: Record<string, string> }> {
  if (language !== undefined && !languageTag.test(language)) throw new UsageError(`"${language}" is not a language tag; write one such as "id", "th-TH", "ar" or "fil".`)
  const file = path.join(sourceDir, 'forum.json')
  let forum: { language?: unknown; words?: unknown } | undefined
  try {
    forum = JSON.parse(await fs.readFile(file, 'utf8')) as typeof forum
  } catch (error) {
    // Without a readable forum.json, the sheet is the built-in table of the language asked for.
    if (language === undefined) throw new UsageError(`Cannot read the event's language from ${file} (${(error as Error).message}); give --language TAG, or --source with the event's folder.`)
  }
  const words = forum?.words && typeof forum.words === 'object' ? (forum.words as Record<string, string>) : {}
  const own = typeof forum?.language === 'string' ? forum.language : undefined
  // The event's own words are its translation only in its own language.
  return { language: language ?? own ?? 'en-GB', words: language === undefined || language === own ? words : {} }
}
