/**
 * The PDF edition: the HTML page printed by Chromium, its contents' page numbers settled
 * over one or two prints (`contents-pages.ts`), then finished with pdf-lib (`print.ts`).
 * The browser is the session's, so a watching process keeps one open between builds.
 */
import { placeMaps } from '../../layout/place-maps.ts'
import type { Session } from '../../session/session.ts'
import type { Renderer } from '../types.ts'
import { printWithContentsPages } from './contents-pages.ts'
import { PrintQueue } from './print-queue.ts'

export { PrintQueue } from './print-queue.ts'

/** The session's print queue (and with it the browser), started on first use and closed with the session. */
export function printQueueOf(session: Session): PrintQueue {
  return session.resource('print-queue', () => new PrintQueue({ log: session.log, time: (work) => session.time('print', work) }), (queue) => queue.close())
}

export const pdfRenderer: Renderer = {
  prepare(context) {
    // Chromium starts while the maps are drawn and the HTML laid out; a failure shows on the first print.
    void printQueueOf(context.session).browser().catch(() => undefined)
  },
  async render(document, context) {
    return printWithContentsPages(await placeMaps(document, 'svg', context), context, printQueueOf(context.session))
  },
}
