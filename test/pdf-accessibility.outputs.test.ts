/**
 * PDF/UA-1 on every PDF the build writes (the report and 29 briefs): each failed condition
 * is listed with its Matterhorn checkpoint (see `support/pdf-ua.ts`).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument, rgb } from 'pdf-lib'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { describe, expect, inject, it } from 'vitest'
import { pdfUaFailures } from './support/pdf-ua.ts'

const run = promisify(execFile)

/**
 * The words the structure tree reads (poppler's `pdfinfo -struct-text`, figures left out:
 * a map's labels are its own text) that are not the page's: two words of the page glued
 * together, or a word broken in two at a line end's hyphen ("Govern-ment"). The page's
 * words are read by position (`pdftotext`, which joins a word broken at a line's end), and
 * as the HTML edition of the same document writes them. A
 * line that ends with a dash or a hyphen goes on without a space ("operations—where").
 * poppler writes each marked-content sequence of an element on a line of its own: lines of
 * one element, one after another, are one text (a sequence split around a hyphen goes on
 * in the next), and elements are apart.
 */
async function misreadWords(file: string): Promise<{ glued: string[]; broken: string[] }> {
  const [{ stdout: structure }, { stdout: page }, html] = await Promise.all([
    run('pdfinfo', ['-struct-text', file], { maxBuffer: 1 << 26 }),
    run('pdftotext', [file, '-'], { maxBuffer: 1 << 26 }),
    fs.readFile(file.replace(/\.pdf$/, '.html'), 'utf8'),
  ])
  let tagged = ''
  let figureIndent: number | undefined
  let previous: 'text' | 'element' = 'element'
  for (const line of structure.split('\n')) {
    const indent = line.length - line.trimStart().length
    if (figureIndent !== undefined && indent > figureIndent) continue
    figureIndent = /^\s*Figure\b/.test(line) ? indent : undefined
    const quoted = /^\s*"(.*)"\s*$/.exec(line)
    if (quoted) tagged += (previous === 'text' ? '' : ' ') + (quoted[1] ?? '')
    previous = quoted ? 'text' : 'element'
  }
  const words = (text: string) => text.replaceAll('\u00ad', '').split(/\s+/).map((word) => word.replace(/^[("“‘]+|[.,;:)"”’!?]+$/g, '')).filter((word) => word.length > 1)
  const onPage = new Set(words(page))
  const taggedWords = [...new Set(words(tagged))].filter((word) => !onPage.has(word))
  const glued = taggedWords.filter((word) => [...word].some((_, at) => at > 1 && at < word.length - 1 && onPage.has(word.slice(0, at)) && onPage.has(word.slice(at)) && !/[-–—/]$/.test(word.slice(0, at))))
  // pdftotext joins a compound a line breaks at its own hyphen ("TIMOR-" "LESTE"): the
  // document's words, in its HTML edition, tell a hyphen of the text from one of the break.
  const written = new Set(words(toString(fromHtml(html))))
  const broken = taggedWords.filter((word) => word.includes('-') && !written.has(word) && written.has(word.replaceAll('-', '')))
  return { glued, broken }
}

async function pdfs(outDir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['report', 'briefs']) {
    for (const name of (await fs.readdir(path.join(outDir, folder))).sort()) if (name.endsWith('.pdf')) found.push(path.join(outDir, folder, name))
  }
  return found
}

describe('PDF/UA-1 (Matterhorn Protocol checkpoints that a machine can check)', () => {
  it('holds for every PDF: the report and the 29 briefs', async () => {
    const files = await pdfs(inject('outDir'))
    expect(files).toHaveLength(30)
    const failures: string[] = []
    for (const file of files) {
      for (const failure of await pdfUaFailures(new Uint8Array(await fs.readFile(file)))) failures.push(`${path.basename(file)}: ${failure}`)
    }
    expect(failures).toEqual([])
  })

  it('reads the words of the page in the structure tree: none glued or broken at a line end (the report and the THA brief)', async () => {
    const outDir = inject('outDir')
    const files = (await pdfs(outDir)).filter((file) => file.includes(`${path.sep}report${path.sep}`) || path.basename(file).startsWith('THA-'))
    expect(files).toHaveLength(2)
    for (const file of files) expect(await misreadWords(file), path.basename(file)).toEqual({ glued: [], broken: [] })
  })

  it('names the checkpoints a PDF without accessibility fails', async () => {
    // An invented, untagged PDF with a drawing on it: what the checks must catch.
    const document = await PDFDocument.create()
    document.addPage().drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0, 0, 0) })
    const checkpoints = (await pdfUaFailures(await document.save())).map((failure) => failure.split(':')[0])
    expect(checkpoints).toEqual(expect.arrayContaining(['06-001', '06-003', '07-001', '01-002', '01-003', '11-006', '01-005']))
  })
})
