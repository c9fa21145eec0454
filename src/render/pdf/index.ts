/**
 * The PDF edition: the HTML page printed by Chromium, its contents' page numbers settled
 * over one or two prints (`contents-pages.ts`), then finished with pdf-lib (`finish.ts`).
 * The browser is the session's, so a watching process keeps one open between builds.
 */
import { placeMaps } from '../../layout/place-maps.ts'
import type { RenderContext, Renderer } from '../types.ts'
import { printWithContentsPages } from './contents-pages.ts'
import { findBrowser } from './find-browser.ts'
import { PrintQueue } from './print-queue.ts'
import { printQueueKey, takeEarlyBrowser } from './browser.ts'

export { PrintQueue } from './print-queue.ts'

/**
 * The session's print queue (and with it the browser), started on first use and closed
 * with the session. Chromium sees the brand's fonts only (its fontconfig file), and the
 * session's fault plan stops or pauses a print where the fault tests ask.
 */
export function printQueueOf(context: Pick<RenderContext, 'session' | 'brand'>): PrintQueue {
  const { session, brand } = context
  return session.resource(
    printQueueKey,
    () =>
      new PrintQueue({
        log: session.log,
        time: (work) => session.time('print', work),
        fontConfigFile: brand.fontFolder.configFile,
        // The browser the build started early, if it did; any later one (after a crash) is new.
        started: () => takeEarlyBrowser(session),
        beforePrint: () => session.faults.beforePrint(),
      }),
    (queue) => queue.close(),
  )
}

export const pdfRenderer: Renderer = {
  check(context) {
    // A browser already running was found before; otherwise say now that none is installed.
    if (!context.session.existing(printQueueKey)) findBrowser()
  },
  prepare(context) {
    // Chromium starts while the maps are drawn and the HTML laid out; a failure shows on the first print.
    void printQueueOf(context).browser().catch(() => undefined)
  },
  async render(document, context) {
    return printWithContentsPages(await placeMaps(document, 'svg', context), context, printQueueOf(context))
  },
}
