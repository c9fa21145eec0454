/**
 * WCAG 2.2 AA (and axe's best practices) on the 30 draft HTML editions the test build
 * wrote. The same 30 built final are checked in accessibility-html-final.outputs.test.ts,
 * a file of its own so that the two halves run on both cores.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, describeViolations, htmlEditions, startAxeBrowser } from './support/axe.ts'

const editions = htmlEditions(inject('outDir'))

let browser: Browser

beforeAll(async () => {
  browser = await startAxeBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('axe-core: WCAG 2.0, 2.1, 2.2 A and AA and best practices, no violation of any impact', () => {
  it('has the 30 editions to check', async () => {
    expect(editions).toHaveLength(30)
    // The draft editions carry the draft mark, which is what the draft runs check.
    expect(await fs.readFile(path.join(inject('outDir'), editions[0]!), 'utf8')).toMatch(/<body class="[^"]*\bis-draft\b/)
  })

  // Concurrent: the checks wait for a page of their own (two at a time, see support/axe.ts).
  it.concurrent.for(editions)('in the draft %s', async (edition, { expect }) => {
    const violations = await axeViolations(browser, await fs.readFile(path.join(inject('outDir'), edition), 'utf8'))
    expect(describeViolations(violations)).toEqual([])
  })

  it('finds the violations it is meant to find (a page with low-contrast text and an image without alternative text)', async () => {
    // An invented page, to show the check is live.
    const html = '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><p style="color:#ddd">faint</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    const ids = (await axeViolations(browser, html)).map((violation) => violation.id)
    expect(ids).toEqual(expect.arrayContaining(['color-contrast', 'image-alt']))
  })
})
