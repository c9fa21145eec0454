/**
 * The typographic pass on the real outputs: every PDF of the test build (the report and 29
 * briefs), read by position (`pdftotext`), has no straight quote or apostrophe and no
 * number range with a hyphen; and the report's Markdown reads in its PDF sentence by
 * sentence, punctuation and hyphens aside (`support/text.ts`).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, inject, it } from 'vitest'
import { loadContent } from '../src/content/load.ts'
import { readPdf } from './support/pdf.ts'
import { withoutHyphens } from './support/text.ts'

const run = promisify(execFile)

async function pdfs(outDir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['report', 'briefs']) {
    for (const name of (await fs.readdir(path.join(outDir, folder))).sort()) if (name.endsWith('.pdf')) found.push(path.join(outDir, folder, name))
  }
  return found
}

describe('typography in every PDF', () => {
  it('has typographic quotes and apostrophes, en dashes in number ranges, and spaced capitals that read as words', async () => {
    const files = await pdfs(inject('outDir'))
    expect(files).toHaveLength(30)
    // Two readers at a time, for two cores.
    const texts: string[] = []
    for (let index = 0; index < files.length; index += 2) {
      texts.push(...(await Promise.all(files.slice(index, index + 2).map(async (file) => (await run('pdftotext', [file, '-'], { maxBuffer: 1 << 26 })).stdout))))
    }
    const found = files.flatMap((file, index) => [...(texts[index] ?? '').matchAll(/.{0,20}(?:['"]|(?<![\d.])\d{1,4}-\d{1,4}(?![\d-])).{0,20}/g)].map((match) => `${path.basename(file)}: ${match[0]}`))
    expect(found).toEqual([])
    // Spaced capitals (the cover's "OUTCOME REPORT") read as words, not "O U TCO M E".
    const spacedApart = files.flatMap((file, index) => [...(texts[index] ?? '').matchAll(/(?:\b\p{Lu}{1,3} ){3,}\p{Lu}{1,3}\b/gu)].map((match) => `${path.basename(file)}: ${match[0]}`))
    expect(spacedApart).toEqual([])
  })

  it("prints every sentence of the report's Markdown, punctuation and line breaks aside", async () => {
    const content = await loadContent('source')
    const pdf = await readPdf(path.join(inject('outDir'), 'report', `${content.forum.slug}.pdf`))
    const printed = withoutHyphens(pdf.pages.join(' '))
    const sentences: string[] = []
    for (const [name, file] of content.files) {
      if (!name.startsWith('report/') || !name.endsWith('.md')) continue
      const body = String(file.value).replace(/^---[\s\S]*?\n---\n/, '')
      for (const block of body.split(/\n\s*\n/)) {
        // Prose only: directives, headings, lists and tables are checked where their data is.
        if (/^\s*(:|#|[-*+] |\d+\. |\||>|!\[)/.test(block)) continue
        const text = block.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|__|\*|`/g, '')
        if (/[[\]{}<>]|(^|\s):[a-z]/.test(text)) continue
        sentences.push(...text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((sentence) => sentence.trim().length > 20))
      }
    }
    expect(sentences.length).toBeGreaterThan(30)
    const missing = sentences.filter((sentence) => !printed.includes(withoutHyphens(sentence)))
    expect(missing).toEqual([])
  })
})
