/**
 * PDF/UA-1 on every PDF the build writes (the report and 29 briefs): each failed condition
 * is listed with its Matterhorn checkpoint (see `support/pdf-ua.ts`).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { PDFDocument, rgb } from 'pdf-lib'
import { describe, expect, inject, it } from 'vitest'
import { pdfUaFailures } from './support/pdf-ua.ts'

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

  it('names the checkpoints a PDF without accessibility fails', async () => {
    // An invented, untagged PDF with a drawing on it: what the checks must catch.
    const document = await PDFDocument.create()
    document.addPage().drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0, 0, 0) })
    const checkpoints = (await pdfUaFailures(await document.save())).map((failure) => failure.split(':')[0])
    expect(checkpoints).toEqual(expect.arrayContaining(['06-001', '06-003', '07-001', '01-002', '01-003', '11-006', '01-005']))
  })
})
