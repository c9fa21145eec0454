/**
 * Prints a document's HTML to PDF in Chromium, once: JavaScript off, nothing but the
 * document loads, a deadline on the whole print. How many prints a document needs is
 * `contents-pages.ts`'s to decide; what pdf-lib adds afterwards is `finish.ts`'s.
 */
import type { Browser, Page, Viewport } from 'puppeteer-core'
import { assertFitsPage } from './page-overflow.ts'
import { reflowed, type PageFlow } from './page-flow.ts'

/** The page loads from this address, which never reaches the network: requests are answered or refused here. */
const documentUrl = 'https://document.invalid/'

export interface PrintOptions {
  /** Abandon the print after this long. */
  deadlineMs?: number
  /** Runs when Chromium has the page, just before it prints (the fault tests stop or pause here). */
  beforePrint?: () => Promise<void> | void
  /** Measures the pages after the print and mends, in the same page, those that fail (`page-flow.ts`). */
  flow?: PageFlow
  /** Tabs of this browser to print in and keep for the next print; without them, a new tab is opened and closed. */
  tabs?: PrintTabs
}

/** The document a tab answers its load with: the HTML as base64, and its length in bytes. */
interface Answer {
  body: string
  length: string
}

/** A tab that prints, and the document it loads now. */
interface Tab {
  page: Page
  document: Answer
  /** The viewport it opened with; undefined until its first print sets it up. */
  viewport: Viewport | null | undefined
}

/**
 * The tabs a browser keeps between prints. A new tab costs Chromium a renderer started
 * anew; a kept one loads the next document from nothing all the same (a new navigation,
 * the cache off), in the viewport and media a new tab has, so the print is the same.
 * A tab whose print failed or hung is closed, never kept.
 */
export class PrintTabs {
  readonly #idle: Tab[] = []
  constructor(readonly browser: Browser) {}

  async take(): Promise<Tab> {
    const kept = this.#idle.pop()
    if (kept) return kept
    const page = await this.browser.newPage()
    return { page, document: { body: '', length: '0' }, viewport: undefined }
  }

  keep(tab: Tab): void {
    this.#idle.push(tab)
  }
}

/** Prints `html` as an A4 PDF with bookmarks and tags. JavaScript is off and nothing but the document loads. */
export async function printPdf(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const tabs = options.tabs?.browser === browser ? options.tabs : new PrintTabs(browser)
  let tab: Tab | undefined
  let printed = false
  try {
    const pdf = await withDeadline(
      (async () => {
        tab = await tabs.take()
        return print(tab, html, options.beforePrint, options.flow)
      })(),
      options.deadlineMs ?? 60_000,
      'printing the PDF',
    )
    printed = true
    return pdf
  } finally {
    if (tab && printed && options.tabs === tabs) tabs.keep(tab)
    // A hung page may not answer `close()` either; the deadline must not wait for it (the
    // print queue then retires the whole browser).
    else if (tab) await withDeadline(tab.page.close(), 2_000, 'closing the page').catch(() => undefined)
  }
}

async function print(tab: Tab, html: string, beforePrint?: () => Promise<void> | void, flow?: PageFlow): Promise<Uint8Array> {
  const { page } = tab
  const body = Buffer.from(html, 'utf8')
  tab.document = { body: body.toString('base64'), length: String(body.length) }
  if (tab.viewport === undefined) {
    await page.setJavaScriptEnabled(false)
    tab.viewport = page.viewport()
    // A kept tab loads the same address again: never from the cache, always as answered here.
    await page.setCacheEnabled(false)
    await answerRequests(page, tab)
  } else {
    // As a new tab has them: the last print left the print media and the column's width.
    await page.emulateMediaType(undefined)
    await page.setViewport(tab.viewport)
  }
  await page.goto(documentUrl, { waitUntil: 'load' })
  await beforePrint?.()
  await page.emulateMediaType('print')
  // A page wider than its column is an error at its place: Chromium would otherwise shrink every page to fit it.
  await assertFitsPage(page)
  const printOnce = async () =>
    new Uint8Array(
      await page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        outline: true,
        tagged: true,
        displayHeaderFooter: false,
        waitForFonts: false,
      }),
    )
  const pdf = await printOnce()
  return flow ? reflowed(page, pdf, printOnce, flow) : pdf
}

/**
 * Every request the page makes is paused and answered here: the document with the tab's
 * current document, a `data:` URL let through, anything else refused. Through the DevTools
 * protocol's Fetch domain itself rather than Puppeteer's request interception, which
 * encodes a body to base64 a character at a time in JavaScript: a page of hundreds of
 * kilobytes (its fonts inlined), printed two or three times a document, cost seconds of
 * the build.
 */
async function answerRequests(page: Page, tab: Tab): Promise<void> {
  const session = await page.createCDPSession()
  session.on('Fetch.requestPaused', ({ requestId, request }) => {
    const answer =
      request.url === documentUrl
        ? session.send('Fetch.fulfillRequest', {
            requestId,
            responseCode: 200,
            responsePhrase: 'OK',
            responseHeaders: [
              { name: 'content-type', value: 'text/html; charset=utf-8' },
              { name: 'content-length', value: tab.document.length },
            ],
            body: tab.document.body,
          })
        : request.url.startsWith('data:')
          ? session.send('Fetch.continueRequest', { requestId })
          : session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' })
    // A page closed (or a print abandoned) while a request waits: nothing is left to answer.
    answer.catch(() => undefined)
  })
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] })
}

async function withDeadline<T>(work: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`Gave up ${what} after ${Math.round(milliseconds / 1000)} s`)), milliseconds)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

export class DeadlineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DeadlineError'
  }
}
