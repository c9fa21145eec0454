/**
 * What assembling needs once per build, whatever documents it makes: the event (content,
 * look-ups, words, made once by `createEvent`), and one Markdown processor for report
 * sections and one for brief notes and sections. Every document of the build is assembled
 * from this one object; nothing below builds its own.
 */
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import type { EventContext } from '../content/event.ts'
import type { BuildMode } from '../transform/directives/index.ts'
import { createProcessor } from '../transform/processor.ts'
import { buildDate } from './dates.ts'

/** Whether loading already found the file unfit to parse (only limits and reading are checked there). */
export const refusedAtLoading = (file: VFile): boolean => file.messages.some((message) => message.fatal)

export type DocumentProcessor = Processor<MdastRoot, MdastRoot, HastRoot>

export interface AssemblyContext extends EventContext {
  mode: BuildMode
  /** The date written into the documents' properties (`dates.ts`). */
  date: Date
  /** For report sections: the front matter's title is the first heading. */
  reportProcessor: DocumentProcessor
  /** For brief notes (their own front matter) and the sections a brief builds from data. */
  briefProcessor: DocumentProcessor
}

export function createAssemblyContext(event: EventContext, mode: BuildMode): AssemblyContext {
  const shared = { content: event.content, lookup: event.lookup, words: event.words, mode, hyphenation: new Map<string, string>() }
  return {
    ...event,
    mode,
    date: buildDate(event.content),
    reportProcessor: createProcessor({ ...shared, frontMatter: 'section', titleHeading: true }),
    briefProcessor: createProcessor({ ...shared, frontMatter: 'brief-notes', titleHeading: false }),
  }
}
