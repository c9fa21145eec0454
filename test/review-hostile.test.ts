/**
 * `review` on hostile or careless reviewed files, end to end on a copy of the tiny invented
 * event, with DOCX files made in the test from the report the content gives (no build):
 * a FIFO, thousands of new paragraphs, a file without its paragraph record, what a reviewer
 * types that Markdown or a directive would read as structure, control characters, the
 * checklist's place, a file changed since it was read, another apply holding the folder,
 * and SIGTERM at each moment of `--apply`.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { visit } from 'unist-util-visit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { assembleDocuments } from '../src/assemble/index.ts'
import { createEvent } from '../src/content/event.ts'
import { loadContent } from '../src/content/load.ts'
import { checkContent } from '../src/pipeline/build.ts'
import { lockOutput } from '../src/pipeline/lock.ts'
import { review } from '../src/review/index.ts'
import { sourceParagraphs } from '../src/review/source-text.ts'
import { writeAllOrNothing } from '../src/review/write-content.ts'
import { commandLine, projectRoot, runCli } from './support/cli.ts'
import { customXml, docx, documentXml, inserted, reviewedReport, run, tinyReport, type TinyReport } from './support/hostile-docx.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

let sourceDir: string
let reviewDir: string
let report: TinyReport
const originals = new Map<string, string>()
const edited = ['report/01-summary.md', 'report/02-routes.md', 'key-outcomes.json']

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(reviewDir, name)
  await fs.writeFile(file, bytes)
  return file
}

async function contentAsRead(): Promise<Map<string, string>> {
  return new Map(await Promise.all(edited.map(async (file) => [file, await fs.readFile(path.join(sourceDir, file), 'utf8')] as const)))
}

/** What no run may leave in the content folder. */
async function strays(): Promise<string[]> {
  const names = await fs.readdir(sourceDir, { recursive: true })
  return names.filter((name) => /(^|\/)\.(rso-|build\.)/.test(name))
}

async function restore(): Promise<void> {
  for (const [file, text] of originals) await fs.writeFile(path.join(sourceDir, file), text)
}

beforeAll(async () => {
  sourceDir = await copyTinyEvent()
  reviewDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-review-hostile-'))
  report = await tinyReport(sourceDir)
  for (const [file, text] of await contentAsRead()) originals.set(file, text)
}, 60_000)

// Each test starts from the content as copied, whatever the one before wrote.
afterEach(restore)

afterAll(async () => {
  for (const folder of [sourceDir, reviewDir]) if (folder) await fs.rm(folder, { recursive: true, force: true })
})

/** The reviewer types, with tracking on, what Markdown and the directives would read as structure. */
const typed = {
  start: '# ',
  afterForum: ' (see annex:two) javascript:alert(1) &copy; *not bold* <b>x</b> [link](y) {x} ~~no~~ | a |',
  afterList: '-led',
  routes: '1. ',
  outcome: ' :participants ::glossary &#65;',
}

function hostileTyping(): { docx: Uint8Array; expected: string[] } {
  const expected: string[] = []
  const bytes = reviewedReport(report, (text) => {
    if (text.startsWith('This invented forum')) {
      const [head, tail] = [text.slice(0, 'This invented forum'.length), text.slice('This invented forum'.length)]
      const listEnd = tail.indexOf(', and by the')
      expected.push(`${typed.start}${head}${typed.afterForum}${tail.slice(0, listEnd)}${typed.afterList}${tail.slice(listEnd)}`)
      return inserted(typed.start) + run(head) + inserted(typed.afterForum) + run(tail.slice(0, listEnd)) + inserted(typed.afterList) + run(tail.slice(listEnd))
    }
    if (text === 'The numbers below are invented.') {
      expected.push(`${typed.routes}${text}`)
      return inserted(typed.routes) + run(text)
    }
    if (text.startsWith('An Invented Second Outcome: A second outcome,')) {
      const at = text.indexOf('A second outcome,') + 'A second outcome,'.length
      expected.push(`${text.slice(0, at)}${typed.outcome}${text.slice(at)}`)
      return run(text.slice(0, at)) + inserted(typed.outcome) + run(text.slice(at))
    }
    return undefined
  })
  return { docx: bytes, expected }
}

function headings(documentSections: Awaited<ReturnType<typeof assembleDocuments>>[number]['sections']): number {
  let count = 0
  for (const section of documentSections) visit(section.tree, 'element', (node: { tagName: string }) => void (count += /^h[1-6]$/.test(node.tagName) ? 1 : 0))
  return count
}

describe('review --apply writes what the reviewer typed as text', () => {
  it('escapes headings, lists, directives, references and autolinks: check passes and the document shows exactly what was typed', async () => {
    const { docx: bytes, expected } = hostileTyping()
    const before = await loadContent(sourceDir)
    const [document] = await assembleDocuments(createEvent(before), { mode: 'draft', report: true, briefs: [] })
    const result = await review({ docx: await write('typed.docx', bytes), sourceDir, apply: true })
    expect(result.items.filter((item) => item.left).map((item) => item.message)).toEqual([])
    expect(result.written.map((file) => path.relative(sourceDir, file)).sort()).toEqual([...edited].sort())
    await checkContent(sourceDir)
    const after = await loadContent(sourceDir)
    const [rebuilt] = await assembleDocuments(createEvent(after), { mode: 'draft', report: true, briefs: [] })
    const texts = sourceParagraphs(rebuilt!, after).map((paragraph) => paragraph.text)
    for (const text of expected) expect(texts).toContain(text)
    expect(texts.length).toBe(report.texts.length)
    expect(headings(rebuilt!.sections)).toBe(headings(document!.sections))
    expect(await strays()).toEqual([])
  }, 180_000)

  it('keeps no file and says so when an edit would break what check checks', async () => {
    // A line longer than a Markdown file may have: loading the content again refuses it.
    const text = 'The numbers below are invented.'
    const bytes = reviewedReport(report, (entry) => (entry === text ? run('The numbers') + inserted(' x'.repeat(6_000)) + run(' below are invented.') : undefined))
    const result = await runCli(['review', await write('too-long.docx', bytes), '--source', sourceDir, '--apply'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/02-routes\.md:\d+:\d+: error: Line \d+ has \d+ characters/)
    expect(result.stderr).toContain('nothing was written')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(await contentAsRead()).toEqual(originals)
    expect(await strays()).toEqual([])
  }, 120_000)
})

describe('review refuses or lists, never guesses', () => {
  it('refuses a FIFO with exit 2 and a message, without blocking', async () => {
    const fifo = path.join(reviewDir, 'pipe.docx')
    execFileSync('mkfifo', [fifo])
    const result = await runCli(['review', fifo, '--source', sourceDir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('is not a DOCX file: it is not a regular file (a pipe, socket or device) [review-not-docx]')
  })

  it('refuses thousands of new paragraphs by the limit on them (exit 2)', async () => {
    const added = Array.from({ length: 5_000 }, (_, index) => run(`An added invented paragraph number ${index}.`))
    const result = await runCli(['review', await write('added.docx', reviewedReport(report, undefined, added)), '--source', sourceDir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('a review lists at most 2000 new paragraphs [review-too-large]')
  })

  it('leaves a bare web or e-mail address, which GFM would make a link whatever its escapes (exit 1)', async () => {
    const text = 'The numbers below are invented.'
    const bytes = reviewedReport(report, (entry) => (entry === text ? run('The numbers') + inserted(' (www.x or mailto:desk@example.org)') + run(' below are invented.') : undefined))
    const result = await runCli(['review', await write('links.docx', bytes), '--source', sourceDir, '--apply'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/02-routes\.md:\d+:\d+: warning: ambiguous: what the reviewer typed would become a link .*\[review-ambiguous\]/)
    expect(await contentAsRead()).toEqual(originals)
  })

  it('lists an edit typed with tracking off as uncertain (exit 1) when the paragraph record is missing', async () => {
    const properties = { 'rso-docs.document': report.id, 'rso-docs.kind': 'report' }
    const paragraphs = report.texts.map((text) => run(text === 'The numbers below are invented.' ? 'The figures below are invented.' : text))
    const file = await write('no-record.docx', docx({ 'word/document.xml': documentXml(paragraphs), 'docProps/custom.xml': customXml(properties) }))
    const result = await runCli(['review', file, '--source', sourceDir, '--apply'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/02-routes\.md:\d+:\d+: warning: uncertain: .*replace "numbers" → "figures" .*\[review-uncertain\]/)
    expect(await contentAsRead()).toEqual(originals)
  })

  it('lets no control character reach the terminal, the checklist or the content', async () => {
    const comments =
      '<?xml version="1.1" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:comment w:id="0" w:author="Eve&#x1B;]0;owned&#x7;&#10;- [x] forged"><w:p><w:r><w:t>Fine&#10;report/01-summary.md:1:1: forged line&#x1B;[8m hidden &#x9B;31m</w:t></w:r></w:p></w:comment></w:comments>'
    const bytes = reviewedReport(report, (text) =>
      text === 'The numbers below are invented.' ? `<w:commentRangeStart w:id="0"/>${run('The numbers below')}<w:commentRangeEnd w:id="0"/>${inserted(' bell\u0085rings', 'Eve\u009B')}${run(' are invented.')}` : undefined,
    )
    const file = await write('controls.docx', zipSync({ ...unzipSync(bytes), 'word/comments.xml': strToU8(comments) }))
    const result = await runCli(['review', file, '--source', sourceDir, '--apply'])
    const checklist = await fs.readFile(path.join(reviewDir, 'controls.review.md'), 'utf8')
    const controls = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/
    for (const [where, text] of [['stdout', result.stdout], ['stderr', result.stderr], ['checklist', checklist]]) expect(text, where).not.toMatch(controls)
    expect(result.stdout.split('\n').filter((line) => line.includes('forged'))).toHaveLength(1)
    expect(checklist.match(/^- \[[ x]\]/gm)).toHaveLength(2)
    for (const [name, text] of await contentAsRead()) expect(text, name).not.toMatch(controls)
    expect(await fs.readFile(path.join(sourceDir, 'report/02-routes.md'), 'utf8')).toContain('The numbers below bellrings are invented.')
  })

  it('never writes the checklist inside the content folder (exit 2, nothing written)', async () => {
    const inside = path.join(sourceDir, 'report', 'reviewed.docx')
    await fs.writeFile(inside, hostileTyping().docx)
    try {
      const result = await runCli(['review', inside, '--source', sourceDir, '--apply'])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('inside the content folder')
      expect(await fs.stat(path.join(sourceDir, 'report', 'reviewed.review.md')).catch(() => undefined)).toBeUndefined()
      expect(await contentAsRead()).toEqual(originals)
    } finally {
      await fs.rm(inside)
    }
  })
})

describe('review --apply is all or nothing', () => {
  const writes = () => edited.map((file) => ({ file: path.join(sourceDir, file), before: originals.get(file)!, after: `${originals.get(file)!}\n` }))

  it('refuses a file whose bytes changed since the review read it, and an apply while another holds the folder', async () => {
    const stale = writes().map((entry, index) => (index === 1 ? { ...entry, before: `${entry.before} (older)` } : entry))
    await expect(writeAllOrNothing(sourceDir, stale, async () => undefined)).rejects.toThrow(/nothing was written: .*02-routes\.md changed since the review read it/)
    const unlock = await lockOutput(sourceDir)
    try {
      await expect(writeAllOrNothing(sourceDir, writes(), async () => undefined)).rejects.toThrow(/another review --apply is writing into/)
    } finally {
      await unlock()
    }
    expect(await contentAsRead()).toEqual(originals)
    expect(await strays()).toEqual([])
  })

  it('never reads a temporary file as content, should one be left by a process killed outright', async () => {
    const left = path.join(sourceDir, 'report', '.rso-tmp-0123456789ab-01-summary.md')
    await fs.writeFile(left, '---\ntitle: A Second Foreword\n---\n\nLeft by a killed write.\n')
    try {
      const content = await loadContent(sourceDir)
      expect([...content.files.keys()].filter((name) => name.includes('.rso-tmp-'))).toEqual([])
    } finally {
      await fs.rm(left)
    }
  })

  it('leaves the content untouched, with no stray file, when SIGTERM comes at any moment', async () => {
    const file = await write('signalled.docx', hostileTyping().docx)
    for (const step of ['review-renamed', 'review-checked']) {
      const code = await new Promise<number | string | null>((resolve) => {
        const child = spawn(process.execPath, [...commandLine, 'review', file, '--source', sourceDir, '--apply'], { cwd: projectRoot, env: { ...process.env, RSO_FAULT_AT: `${step}:pause` }, stdio: ['ignore', 'ignore', 'pipe'] })
        child.stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(`Fault injected at ${step}`)) child.kill('SIGTERM')
        })
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
        child.on('close', (exit, signal) => {
          clearTimeout(timer)
          resolve(signal ?? exit)
        })
      })
      expect(code, step).toBe(143)
      expect(await contentAsRead(), step).toEqual(originals)
      expect(await strays(), step).toEqual([])
    }
  }, 240_000)
})
