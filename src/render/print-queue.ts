/**
 * One browser for a whole batch, printing a bounded number of pages at a time. A page that
 * hangs hits its deadline; a crashed or hung browser is relaunched and the document tried
 * once more, so one bad document costs one retry, not the batch.
 */
import type { Browser } from 'puppeteer-core'
import pLimit from 'p-limit'
import { launchBrowser } from './browser.ts'
import { printPdf, DeadlineError } from './pdf.ts'

export interface PrintQueueOptions {
  /** Pages printed at once; two suits two cores. */
  concurrency?: number
  deadlineMs?: number
  log?: (message: string) => void
  /** Starts the browser; replaceable in tests. */
  launch?: () => Promise<Browser>
}

export class PrintQueue {
  readonly #limit: ReturnType<typeof pLimit>
  readonly #options: PrintQueueOptions
  #browser: Promise<Browser> | undefined
  #closed = false

  constructor(options: PrintQueueOptions = {}) {
    this.#options = options
    this.#limit = pLimit(options.concurrency ?? 2)
  }

  /** Prints `html`; retries once in a fresh browser if the browser crashed or the print hung. */
  print(html: string, label: string): Promise<Uint8Array> {
    return this.#limit(async () => {
      try {
        return await this.#printOnce(html)
      } catch (error) {
        if (this.#closed) throw error
        this.#options.log?.(`Printing ${label} failed (${(error as Error).message}); restarting the browser and trying once more.`)
        await this.#restart()
        return this.#printOnce(html)
      }
    })
  }

  async #printOnce(html: string): Promise<Uint8Array> {
    const browser = await this.#ensureBrowser()
    try {
      return await printPdf(browser, html, { deadlineMs: this.#options.deadlineMs })
    } catch (error) {
      if (error instanceof DeadlineError || !browser.connected) await this.#restart()
      throw error
    }
  }

  #ensureBrowser(): Promise<Browser> {
    if (this.#closed) return Promise.reject(new Error('Internal error: the print queue is closed'))
    this.#browser ??= (this.#options.launch ?? (() => launchBrowser({ log: this.#options.log })))()
    return this.#browser
  }

  async #restart(): Promise<void> {
    const previous = this.#browser
    this.#browser = undefined
    if (previous) await closeQuietly(previous)
  }

  /** The browser, started if needed; for callers that share it (watch mode keeps it open). */
  browser(): Promise<Browser> {
    return this.#ensureBrowser()
  }

  async close(): Promise<void> {
    this.#closed = true
    const previous = this.#browser
    this.#browser = undefined
    if (previous) await closeQuietly(previous)
  }
}

async function closeQuietly(browser: Promise<Browser>): Promise<void> {
  try {
    const instance = await browser
    await instance.close()
  } catch {
    // The browser is already gone (it crashed or never started); its process is reaped by Puppeteer.
  }
}
