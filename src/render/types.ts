/** What every renderer receives and gives back. */
import type { Brand } from '../brand/brand.ts'
import type { EventContext } from '../content/event.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import type { Templates } from '../layout/templates.ts'
import type { Session } from '../session/session.ts'

export const formats = ['pdf', 'docx', 'html'] as const
export type Format = (typeof formats)[number]

export interface RenderContext {
  /** The event the documents are made from: its content, look-ups and words. */
  event: EventContext
  brand: Brand
  templates: Templates
  /** `styles/document.css`, read once per build. */
  stylesheet: string
  /** Caches and the resources (browser, DOCX worker) of the command that renders. */
  session: Session
}

/** Renders one document in one format; owns its own passes, workers and post-processing. */
export interface Renderer {
  /** Starts what the renderer needs (the browser) while the build does other work; optional. */
  prepare?(context: RenderContext): void
  render(document: PublishedDocument, context: RenderContext): Promise<Uint8Array | string>
}
