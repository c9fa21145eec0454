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

/**
 * Renders one document in one format; owns its own passes, workers and post-processing.
 * The commands reach a format only through this: what it needs started, checked or kept
 * (the browser, the DOCX worker) stays the renderer's.
 */
export interface Renderer {
  /**
   * Throws, before anything renders, when this format cannot be rendered here (PDF: no
   * browser installed), so the build says so once rather than fail every output; optional.
   */
  check?(context: RenderContext): void
  /**
   * Starts what the renderer needs (the browser) while the build does other work, and
   * keeps it in the session: a watching command's next build finds it running; optional.
   * `planned`: the documents this build renders in this format (none for a warm-up);
   * `formats`: every format this build renders.
   */
  prepare?(context: Pick<RenderContext, 'session' | 'brand'>, planned: readonly PublishedDocument[], formats: ReadonlySet<Format>): void
  render(document: PublishedDocument, context: RenderContext): Promise<Uint8Array | string>
}
