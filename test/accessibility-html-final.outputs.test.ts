/**
 * WCAG 2.2 AA (and axe's best practices) on HTML editions built final: the report and three
 * briefs that between them hold every part a brief may have (a country with items, routes,
 * challenges and signatories; one with funders; one the report barely names). The 30
 * drafts the test build wrote, whose markup differs from a final's only by the draft and
 * missing marks, are all checked in accessibility-html.outputs.test.ts. A final build fails while a value is
 * marked missing, so the final editions are built from a copy of `source/` in which the
 * values the reference lost are filled in: a number and the signatures' descriptions,
 * INVENTED FOR THIS TEST (never published; they only let `--final` run).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { build } from '../src/pipeline/build.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { axeViolations, describeViolations, htmlEditions, startAxeBrowser } from './support/axe.ts'
import { copySource, edit } from './support/cli.ts'

/** The briefs built final: see the file's comment. */
const finalBriefs = ['THA', 'AUS', 'NOR']
const editions = htmlEditions(inject('outDir')).filter((edition) => edition.startsWith('report/') || finalBriefs.some((code) => edition.startsWith(`briefs/${code}-`)))

let browser: Browser
let finalOut: string
let scratch: string[] = []

beforeAll(async () => {
  browser = await startAxeBrowser()
  const source = await copySource()
  finalOut = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-final-html-'))
  scratch = [source, finalOut]
  // Invented for this test, see the file's comment.
  await edit(source, 'trafficking-routes.json', /"value": \{\s*"missing": "[^"]*"\s*\}/.exec(await fs.readFile(path.join(source, 'trafficking-routes.json'), 'utf8'))![0], '"value": 99')
  const forumFile = path.join(source, 'forum.json')
  const forum = (await fs.readFile(forumFile, 'utf8')).replace(/"missing": "The reference describes [^"]*"/g, '"description": "A signature in ink (invented for this test)"')
  await fs.writeFile(forumFile, forum)
  // The test build's drawn maps, found by their keys (content and code): only a map the edit changed is drawn again.
  await fs.cp(path.join(inject('outDir'), '.cache'), path.join(finalOut, '.cache'), { recursive: true })
  const result = await build({ sourceDir: source, outDir: finalOut, mode: 'final', formats: ['html'], report: true, briefs: finalBriefs, reporter: silentReporter })
  if (result.failed.length > 0) throw new Error(`The final build failed: ${result.failed.map((failure) => failure.output).join(', ')}`)
})

afterAll(async () => {
  await browser?.close()
  await Promise.all(scratch.map((directory) => fs.rm(directory, { recursive: true, force: true })))
})

describe('axe-core: WCAG 2.0, 2.1, 2.2 A and AA and best practices, no violation of any impact', () => {
  it('has the report and the three briefs to check, as the drafts have them', async () => {
    expect(editions).toHaveLength(4)
    expect(htmlEditions(finalOut)).toEqual(editions)
  })

  // Concurrent: the checks wait for a page of their own (two at a time, see support/axe.ts).
  it.concurrent.for(editions)('in the final %s', async (edition, { expect }) => {
    const html = await fs.readFile(path.join(finalOut, edition), 'utf8')
    expect(html).not.toMatch(/<body class="[^"]*\bis-draft\b/)
    const violations = await axeViolations(browser, html)
    expect(describeViolations(violations)).toEqual([])
  })
})
