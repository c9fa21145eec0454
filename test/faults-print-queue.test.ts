/**
 * Faults in the print queue: a browser that crashes or hangs costs one retry of one
 * document, and no browser outlives the queue. In this process, with the real Chromium.
 * The builds that are interrupted or killed are in faults-signals.test.ts and
 * faults-kill-steps.test.ts.
 */
import fs from 'node:fs'
import type { Browser, Page } from 'puppeteer-core'
import { describe, expect, it } from 'vitest'
import { PrintQueue } from '../src/render/pdf/print-queue.ts'
import { browserProcess, launchBrowser } from '../src/render/pdf/browser.ts'
import { DeadlineError } from '../src/render/pdf/print.ts'

/** How many renderer processes `browser` runs now (Linux: from /proc). */
function renderersOf(browser: Browser): number {
  const children = new Map<number, number[]>()
  const renderers = new Set<number>()
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=renderer')) renderers.add(Number(entry))
    } catch {
      // The process ended while the list was read.
    }
  }
  const root = browserProcess(browser)?.pid
  if (root === undefined) throw new Error('the browser has no process')
  let count = 0
  const stack = [root]
  while (stack.length > 0) {
    const pid = stack.pop() as number
    if (renderers.has(pid)) count++
    stack.push(...(children.get(pid) ?? []))
  }
  return count
}

const page = (text: string) => `<!doctype html><html><body><h1>${text}</h1><p>${'Text. '.repeat(200)}</p></body></html>`

describe('print queue', () => {
  it('finishes a batch when the browser is killed in the middle of it, with one relaunch', async () => {
    const browsers: Browser[] = []
    const log: string[] = []
    const queue = new PrintQueue({
      concurrency: 2,
      log: (message) => log.push(message),
      launch: async () => {
        const browser = await launchBrowser()
        browsers.push(browser)
        return browser
      },
    })
    try {
      const prints = Array.from({ length: 6 }, (_, index) => queue.print(page(`Document ${index}`), `document ${index}`))
      await prints[0]
      const first = browsers[0]
      if (first) browserProcess(first)?.kill('SIGKILL')
      const pdfs = await Promise.all(prints)
      for (const pdf of pdfs) expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-')
      expect(browsers).toHaveLength(2)
      // A renderer for each kept tab and none idle beside them (no start-up tab, no address
      // bar's pop-ups, no spare): each would hold 75 MB or more for the whole build.
      expect(renderersOf(browsers[1]!)).toBeLessThanOrEqual(2)
      expect(log.some((line) => /failed .*trying once more/.test(line))).toBe(true)
    } finally {
      await queue.close()
    }
    for (const browser of browsers) expect(browser.connected).toBe(false)
  })

  it('gives up on a hanging page at its deadline, then prints it in a new browser', async () => {
    const launched: Browser[] = []
    // What happened, in order: the launches, and what the queue logged.
    const events: string[] = []
    const queue = new PrintQueue({
      deadlineMs: 1_500,
      // The retry's deadline only guards against a hang of the test: a loaded machine may take seconds to print.
      retryDeadlineMs: 60_000,
      log: (message) => events.push(message),
      launch: async () => {
        const browser = await launchBrowser()
        launched.push(browser)
        events.push(`launched browser ${launched.length}`)
        if (launched.length > 1) return browser
        // The first browser's pages never finish loading, as a hung renderer would not.
        const newPage = browser.newPage.bind(browser)
        browser.newPage = async () => {
          const hung: Page = await newPage()
          hung.goto = () => new Promise(() => undefined)
          return hung
        }
        return browser
      },
    })
    try {
      const pdf = await queue.print(page('Hangs once'), 'hanging document')
      events.push('printed')
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-')
      expect(launched).toHaveLength(2)
      expect(events).toEqual([
        'launched browser 1',
        expect.stringMatching(/^Printing hanging document failed \(Gave up printing the PDF after 2 s\); trying once more in a new browser\.$/),
        'launched browser 2',
        'printed',
      ])
    } finally {
      await queue.close()
    }
    expect(launched[0]?.connected).toBe(false)
  })

  it('reports a document that hangs every time as failed, after one retry', async () => {
    let launches = 0
    const queue = new PrintQueue({
      deadlineMs: 500,
      launch: async () => {
        launches++
        const browser = await launchBrowser()
        browser.newPage = async () => ({ setJavaScriptEnabled: () => new Promise(() => undefined), close: () => new Promise(() => undefined) }) as unknown as Page
        return browser
      },
    })
    try {
      await expect(queue.print(page('Always hangs'), 'stuck')).rejects.toBeInstanceOf(DeadlineError)
      expect(launches).toBe(2)
    } finally {
      await queue.close()
    }
  })
})
