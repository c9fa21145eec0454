/**
 * `rso-docs review` on the real report as the test build wrote it (an outputs test: it
 * reads that build, see test/support/global-setup.ts): the DOCX as built gives no item, and
 * two tracked changes land at their places in `source/`, one in a JSON field and one in a
 * Markdown section. The reviewed files are made here; `source/` is only read.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { review } from '../src/review/index.ts'
import { projectRoot } from './support/cli.ts'
import { documentXmlOf, repack, trackReplace } from './support/reviewed-docx.ts'

const reviewerA = { author: 'Reviewer A', date: '2026-11-30T09:00:00Z' }
const reviewerB = { author: 'Reviewer B', date: '2026-11-30T11:00:00Z' }
let reviewDir: string

beforeAll(async () => {
  reviewDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-review-real-'))
})

afterAll(async () => {
  if (reviewDir) await fs.rm(reviewDir, { recursive: true, force: true })
})

describe('review of the real report', () => {
  it('finds nothing in the report as built, and places a change in a key outcome and in the foreword', async ({ expect }) => {
    const bytes = new Uint8Array(await fs.readFile(path.join(inject('outDir'), 'report/third-rso-border-forum-outcome-report.docx')))
    const copy = path.join(reviewDir, 'real-report.docx')
    await fs.writeFile(copy, bytes)
    const source = path.join(projectRoot, 'source')
    expect((await review({ docx: copy, sourceDir: source, apply: false })).items).toEqual([])

    let xml = trackReplace(documentXmlOf(bytes), 'provide an effective', 'provide a proven', reviewerA)
    xml = trackReplace(xml, 'convened more than', 'brought together more than', reviewerB)
    await fs.writeFile(copy, repack(bytes, xml))
    const result = await review({ docx: copy, sourceDir: source, apply: false })
    const at = async (file: string, search: string) => {
      const text = await fs.readFile(path.join(source, file), 'utf8')
      const before = text.slice(0, text.indexOf(search)).split('\n')
      return `${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
    }
    expect(result.items.map((item) => `${path.relative(source, item.file)}:${item.line}:${item.column}: ${item.message}`).sort()).toEqual([
      `${await at('key-outcomes.json', 'n effective')}: replace "provide an effective" → "provide a proven" (Reviewer A)`,
      `${await at('report/01-foreword.md', 'convened more than')}: replace "convened more than" → "brought together more than" (Reviewer B)`,
    ])
  })
})
