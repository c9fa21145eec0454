/**
 * What every later stage needs of one event, made once per build: the content as loaded,
 * its look-ups and its words. The assembly, the directives and the maps receive this object
 * and never build their own.
 */
import { createLookup, type Lookup } from './lookup.ts'
import type { Content } from './model.ts'
import { createWords, type Words } from './words.ts'

export interface EventContext {
  readonly content: Content
  readonly lookup: Lookup
  readonly words: Words
}

export function createEvent(content: Content): EventContext {
  const words = createWords(content)
  return { content, lookup: createLookup(content, words), words }
}
