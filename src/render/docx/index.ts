/**
 * The DOCX edition: maps placed as PNG with their SVG beside them, the package written on
 * the session's worker thread (`worker-thread.ts`) while the main thread drives Chromium,
 * or on the main thread when a command has only a few to write.
 */
import { placeMaps } from '../../layout/place-maps.ts'
import type { Renderer } from '../types.ts'
import { docxWorkerOf } from './worker-thread.ts'

export { renderDocx } from './render-docx.ts'

export const docxRenderer: Renderer = {
  prepare(context, planned, formats) {
    // A warm-up (nothing planned yet: `watch`'s first build) starts the worker, which the builds of a long session then use.
    if (planned.length === 0) return docxWorkerOf(context.session).start()
    docxWorkerOf(context.session).plan(planned.length, planned.reduce((sections, document) => sections + document.sections.length, 0), formats.has('pdf'))
  },
  async render(document, context) {
    return docxWorkerOf(context.session).render(await placeMaps(document, 'png', context), context.brand)
  },
}
