/**
 * Every DOCX the build writes (the report and 29 briefs) as an accessibility checker reads
 * it: a text alternative on every picture, a repeating header row on every table, the
 * document's language and title, and headings that skip no level.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, inject, it } from 'vitest'
import { docxAccessibilityFailures } from './support/docx-accessibility.ts'

async function docxFiles(outDir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['report', 'briefs']) {
    for (const name of (await fs.readdir(path.join(outDir, folder))).sort()) if (name.endsWith('.docx')) found.push(path.join(outDir, folder, name))
  }
  return found
}

const unzipXml = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => /\.xml$/.test(name)).map(([name, data]) => [name, strFromU8(data)]))

describe('DOCX accessibility', () => {
  it('holds for every DOCX: alternative text, header rows, language, title, heading order', async () => {
    const files = await docxFiles(inject('outDir'))
    expect(files).toHaveLength(30)
    const failures: string[] = []
    let pictures = 0
    let tables = 0
    for (const file of files) {
      const parts = unzipXml(new Uint8Array(await fs.readFile(file)))
      pictures += (parts['word/document.xml']?.match(/<w:drawing>/g) ?? []).length
      tables += (parts['word/document.xml']?.match(/<w:tbl>/g) ?? []).length
      for (const failure of docxAccessibilityFailures(parts)) failures.push(`${path.basename(file)}: ${failure}`)
    }
    expect(failures).toEqual([])
    // The checks had something to check: the maps and signatures, and the glossary table.
    expect(pictures).toBeGreaterThan(30)
    expect(tables).toBeGreaterThan(1)
  })

  it('reports what an inaccessible package lacks', () => {
    // An invented package: a picture without a description, a table without a header row, H1 then H3, no title or language.
    const failures = docxAccessibilityFailures({
      'word/document.xml':
        '<w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p><w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr></w:p>' +
        '<w:p><w:r><w:drawing><wp:docPr id="1" name="Picture 1"/></w:drawing></w:r></w:p><w:tbl><w:tr><w:tc/></w:tr></w:tbl></w:body>',
      'word/styles.xml': '<w:styles/>',
      'docProps/core.xml': '<cp:coreProperties/>',
    })
    expect(failures).toHaveLength(5)
  })
})
