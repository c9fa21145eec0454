/** Assembling in tests as the build does: one event and one assembly context per content. */
import { createAssemblyContext, type AssemblyContext } from '../../src/assemble/context.ts'
import { assembleBrief, resolveCountry } from '../../src/assemble/brief/brief.ts'
import { assembleReport } from '../../src/assemble/report.ts'
import type { PublishedDocument } from '../../src/assemble/model.ts'
import { createEvent, type EventContext } from '../../src/content/event.ts'
import type { Content } from '../../src/content/model.ts'
import type { BuildMode } from '../../src/transform/directives/index.ts'

const events = new WeakMap<Content, EventContext>()
const contexts = new WeakMap<Content, Map<BuildMode, Promise<AssemblyContext>>>()

export function eventOf(content: Content): EventContext {
  let event = events.get(content)
  if (!event) events.set(content, (event = createEvent(content)))
  return event
}

export function assemblyOf(content: Content, mode: BuildMode = 'draft'): Promise<AssemblyContext> {
  const byMode = contexts.get(content) ?? new Map<BuildMode, Promise<AssemblyContext>>()
  contexts.set(content, byMode)
  let context = byMode.get(mode)
  if (!context) byMode.set(mode, (context = createAssemblyContext(content, mode, eventOf(content))))
  return context
}

/** The brief of the country `query` names (a code or a name), as `build --country` makes it. */
export async function briefOf(content: Content, query: string, mode: BuildMode = 'draft'): Promise<PublishedDocument> {
  return assembleBrief(await assemblyOf(content, mode), resolveCountry(content, query))
}

export async function reportOf(content: Content, mode: BuildMode = 'draft'): Promise<PublishedDocument> {
  return assembleReport(await assemblyOf(content, mode))
}
