/**
 * Runs axe-core in Chromium on HTML editions: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and
 * axe's best practices. The page is loaded as the reader gets it (offline, from a string);
 * axe is injected by the test, so the HTML files stay script-free.
 */
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import pLimit from 'p-limit'
import { launchBrowser } from '../../src/render/pdf/browser.ts'

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  /** Selectors of the failing nodes, with axe's summary of what is wrong with the first. */
  nodes: string[]
}

/** The HTML editions by path under the output folder: the report, then the briefs. */
export function htmlEditions(outDir: string): string[] {
  const list = (folder: string) => readdirSync(path.join(outDir, folder)).filter((name) => name.endsWith('.html')).sort().map((name) => `${folder}/${name}`)
  return [...list('report'), ...list('briefs')]
}

/** One line per violation, with its first failing nodes: what a failed check prints. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.slice(0, 5).join('\n    ')}`)

const require = createRequire(import.meta.url)
let axeSource: Promise<string> | undefined

export async function startAxeBrowser(): Promise<Browser> {
  return launchBrowser()
}

/** Pages checked at once: one per core of the machine the suite is sized for (two). */
const pages = pLimit(2)

/** A tab kept for the next edition, and the address and HTML of its current load. */
interface Tab {
  page: Page
  url: string
  html: string
}

/**
 * Idle tabs by browser. A tab is reused for the next edition rather than a new one opened:
 * the new document starts from nothing (a load of its own), but Chromium, with the same tab
 * and renderer, compiles axe's half a megabyte of script again far more cheaply.
 */
const idleTabs = new WeakMap<Browser, Tab[]>()
let loads = 0

async function openTab(browser: Browser): Promise<Tab> {
  const page = await browser.newPage()
  const tab: Tab = { page, url: '', html: '' }
  await page.setBypassCSP(true)
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return
    if (request.url() === tab.url) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: tab.html })
    else if (request.url().startsWith('data:')) void request.continue()
    else void request.abort('blockedbyclient')
  })
  return tab
}

/**
 * The violations of `html` at a desktop and a phone width (the stylesheet differs below
 * 600 px). The page is loaded once and checked at each width in turn: a width is a media
 * query, which the browser applies again when the viewport changes. Callers may ask for
 * many editions at once; two are checked at a time.
 */
export function axeViolations(browser: Browser, html: string): Promise<AxeViolation[]> {
  return pages(async () => {
    const idle = idleTabs.get(browser) ?? []
    idleTabs.set(browser, idle)
    const tab = idle.pop() ?? (await openTab(browser))
    try {
      const violations = await violationsOf(tab, html)
      idle.push(tab)
      return violations
    } catch (error) {
      await tab.page.close().catch(() => undefined)
      throw error
    }
  })
}

async function violationsOf(tab: Tab, html: string): Promise<AxeViolation[]> {
  axeSource ??= fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  const { page } = tab
  // A new address for every load, so the tab never shows the edition before from a cache.
  tab.url = `https://document.invalid/${++loads}`
  tab.html = html
  const found = new Map<string, AxeViolation>()
  const viewports = [{ width: 1280, height: 900 }, { width: 390, height: 844 }]
  await page.setViewport(viewports[0]!)
  await page.goto(tab.url, { waitUntil: 'load' })
  // The document's Content-Security-Policy forbids scripts; the test's own injection goes around it.
  await page.evaluate(await axeSource)
  for (const viewport of viewports) {
    await page.setViewport(viewport)
    const options = { runOnly: { type: 'tag', values: axeTags }, resultTypes: ['violations'] }
    const results = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }
    for (const violation of results.violations) {
      found.set(violation.id, {
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node, index) => `${node.target.join(' ')}${index === 0 && node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ')})` : ''}`),
      })
    }
  }
  return [...found.values()]
}
