/**
 * One browser for a whole batch, printing a bounded number of pages at a time. A page that
 * hangs hits its deadline; a crashed or hung browser is relaunched and the document tried
 * once more, so one bad document costs one retry, not the batch.
 */
import type { Browser } from 'puppeteer-core'
import pLimit from 'p-limit'
import { browserProcess, launchBrowser } from './browser.ts'
import { printPdf, DeadlineError, PrintTabs } from './print.ts'
import { PageOverflowError } from './page-overflow.ts'
import type { PageFlow } from './page-flow.ts'

export interface PrintQueueOptions {
  /** Pages printed at once; two suits two cores. */
  concurrency?: number
  /** How long one print may take before it is abandoned; 60 s when absent (`print.ts`). */
  deadlineMs?: number
  /**
   * The deadline of a print tried again after a failure, in the browser that replaced the
   * failed one; `deadlineMs` when absent. The fault tests make the first print hang and give
   * the retry a deadline of its own, so that a slow machine cannot fail a good retry.
   */
  retryDeadlineMs?: number
  log?: (message: string) => void
  /** Times each print (not its wait in the queue); see `Session.time`. */
  time?: <T>(work: () => Promise<T>) => Promise<T>
  /** Starts the browser; replaceable in tests. */
  launch?: () => Promise<Browser>
  /** The fontconfig file the browser reads (the brand's, naming only the fonts the project ships). */
  fontConfigFile?: string
  /** A browser started ahead for this queue, if any (`takeEarlyBrowser`): taken by a launch before starting one. */
  started?: () => Promise<Browser> | undefined
  /** Runs just before each print (the session's fault plan). */
  beforePrint?: () => Promise<void>
}

export class PrintQueue {
  readonly #limit: ReturnType<typeof pLimit>
  readonly #options: PrintQueueOptions
  #browser: Promise<Browser> | undefined
  /** The tabs the current browser keeps between prints (a retired browser's go with it). */
  #tabs: PrintTabs | undefined
  /** Browsers being closed after a failure; `close()` waits for them, so none outlives the queue. */
  readonly #closing = new Set<Promise<void>>()
  #closed = false

  constructor(options: PrintQueueOptions = {}) {
    this.#options = options
    this.#limit = pLimit(options.concurrency ?? 2)
  }

  /**
   * Prints `html`; retries once in a fresh browser if the browser crashed or the print hung.
   * With `flow`, pages that fail its measures are mended and printed again in the same page.
   */
  print(html: string, label: string, flow?: PageFlow): Promise<Uint8Array> {
    const time = this.#options.time ?? ((work) => work())
    return this.#limit(() => time(async () => {
      let retried = false
      // A print whose browser another print retired (that one hung) did nothing wrong itself:
      // it starts again in the new browser without using up its one retry, a few times at most.
      for (let collateral = 0; ; collateral += 1) {
        const again = retried || collateral > 0
        try {
          return await this.#printOnce(html, again ? (this.#options.retryDeadlineMs ?? this.#options.deadlineMs) : this.#options.deadlineMs, flow)
        } catch (error) {
          // Content wider than the page prints the same the second time.
          if (this.#closed || error instanceof PageOverflowError) throw error
          const innocent = error instanceof RetiredBrowserError && collateral < 3
          if (!innocent && retried) throw error
          if (!innocent) retried = true
          this.#options.log?.(`Printing ${label} failed (${(error as Error).message}); trying ${innocent ? 'again' : 'once more'}${this.#browser ? '' : ' in a new browser'}.`)
        }
      }
    }))
  }

  async #printOnce(html: string, deadlineMs: number | undefined, flow: PageFlow | undefined): Promise<Uint8Array> {
    const current = this.#ensureBrowser()
    try {
      const browser = await current
      if (this.#tabs?.browser !== browser) this.#tabs = new PrintTabs(browser)
      return await printPdf(browser, html, { deadlineMs, beforePrint: this.#options.beforePrint, flow, tabs: this.#tabs })
    } catch (error) {
      if (this.#browser !== current && !(error instanceof DeadlineError)) throw new RetiredBrowserError(error as Error)
      // A hung page may mean a hung renderer, and a browser that failed to start or lost its
      // connection is of no more use: either way the next print gets a fresh browser.
      const browser = await current.catch(() => undefined)
      if (error instanceof DeadlineError || !browser?.connected) this.#retire(current)
      throw error
    }
  }

  #ensureBrowser(): Promise<Browser> {
    if (this.#closed) return Promise.reject(new Error('Internal error: the print queue is closed'))
    this.#browser ??= (this.#options.launch ?? (() => this.#options.started?.() ?? launchBrowser({ log: this.#options.log, fontConfigFile: this.#options.fontConfigFile })))()
    return this.#browser
  }

  /**
   * Closes `browser` if it is still the current one. Prints running side by side share a
   * browser; when several fail together, only the first retires it, so none of them closes
   * the fresh browser another has already started for its retry.
   */
  #retire(browser: Promise<Browser>): void {
    if (this.#browser !== browser) return
    this.#browser = undefined
    const closing = closeQuietly(browser).finally(() => this.#closing.delete(closing))
    this.#closing.add(closing)
  }

  /** The browser, started if needed; for callers that share it (watch mode keeps it open). */
  browser(): Promise<Browser> {
    return this.#ensureBrowser()
  }

  async close(): Promise<void> {
    this.#closed = true
    const previous = this.#browser
    this.#browser = undefined
    await Promise.all([...(previous ? [closeQuietly(previous)] : []), ...this.#closing])
  }
}

/** A print that failed because the browser it ran in was retired while it ran. */
class RetiredBrowserError extends Error {
  constructor(cause: Error) {
    super(`the browser was restarted while it printed (${cause.message})`, { cause })
  }
}

/** A hung browser may never answer `close()`; after this long its process is killed. */
const closeDeadlineMs = 5_000

async function closeQuietly(browser: Promise<Browser>): Promise<void> {
  const instance = await browser.catch(() => undefined)
  if (!instance) return // it never started
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), closeDeadlineMs)))
  const closed = instance.close().then(
    () => 'closed' as const,
    // Already gone (it crashed): Puppeteer reaps the process; the kill below makes sure.
    () => 'failed' as const,
  )
  const outcome = await Promise.race([closed, deadline])
  clearTimeout(timer)
  if (outcome !== 'closed') browserProcess(instance)?.kill('SIGKILL')
}
