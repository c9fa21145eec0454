/** Assembling in tests as the build does: one event and one assembly context per content. */
import { createAssemblyContext, type AssemblyContext } from '../../src/assemble/context.ts'
import { assembleBrief, resolveCountry } from '../../src/assemble/brief/brief.ts'
import { assembleReport } from '../../src/assemble/report.ts'
import type { PublishedDocument } from '../../src/assemble/model.ts'
import { createEvent, type EventContext } from '../../src/content/event.ts'
import type { Content } from '../../src/content/model.ts'
import type { BuildMode } from '../../src/transform/directives/index.ts'

const events = new WeakMap<Content, EventContext>()
const contexts = new WeakMap<Content, Map<BuildMode, AssemblyContext>>()

export function eventOf(content: Content): EventContext {
  let event = events.get(content)
  if (!event) events.set(content, (event = createEvent(content)))
  return event
}

export function assemblyOf(content: Content, mode: BuildMode = 'draft'): AssemblyContext {
  const byMode = contexts.get(content) ?? new Map<BuildMode, AssemblyContext>()
  contexts.set(content, byMode)
  let context = byMode.get(mode)
  if (!context) byMode.set(mode, (context = createAssemblyContext(eventOf(content), mode)))
  return context
}

/** The brief of the country `query` names (a code or a name), as `build --country` makes it. */
export async function briefOf(content: Content, query: string, mode: BuildMode = 'draft'): Promise<PublishedDocument> {
  return assembleBrief(assemblyOf(content, mode), resolveCountry(eventOf(content), query))
}

export async function reportOf(content: Content, mode: BuildMode = 'draft'): Promise<PublishedDocument> {
  return assembleReport(assemblyOf(content, mode))
}
