/**
 * Every DOCX the build writes (the report and 29 briefs) as an accessibility checker reads
 * it: a text alternative on every picture, a repeating header row on every table, the
 * document's language and title, and headings that skip no level.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, inject, it } from 'vitest'

async function docxFiles(outDir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['report', 'briefs']) {
    for (const name of (await fs.readdir(path.join(outDir, folder))).sort()) if (name.endsWith('.docx')) found.push(path.join(outDir, folder, name))
  }
  return found
}

/** What a DOCX package fails of the checks, one line each. */
export function docxAccessibilityFailures(parts: Record<string, string>): string[] {
  const failures: string[] = []
  const document = parts['word/document.xml'] ?? ''
  const styles = parts['word/styles.xml'] ?? ''
  const core = parts['docProps/core.xml'] ?? ''
  for (const part of Object.keys(parts).filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))) {
    for (const drawing of parts[part]!.match(/<w:drawing>[\s\S]*?<\/w:drawing>/g) ?? []) {
      const properties = /<wp:docPr\b[^>]*>/.exec(drawing)?.[0] ?? ''
      const decorative = /<adec:decorative\b[^>]*w:val="1"|<adec:decorative\b[^>]*val="1"/.test(drawing)
      if (!decorative && !/\bdescr="[^"]*\S[^"]*"/.test(properties)) failures.push(`${part}: a picture without alternative text (${properties || 'no docPr'})`)
    }
  }
  for (const table of document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []) {
    // A table without any border lays out pictures side by side (the signatures): no data, so no header row.
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(table)?.[1] ?? ''
    const layoutOnly = borders !== '' && [...borders.matchAll(/w:val="([^"]+)"/g)].every((match) => match[1] === 'none')
    if (layoutOnly) continue
    const firstRow = /<w:tr\b[\s\S]*?<\/w:tr>/.exec(table)?.[0] ?? ''
    if (!/<w:tblHeader(?:\s+w:val="(?:1|true|on)")?\s*\/>/.test(firstRow)) failures.push('a table whose first row is not a repeating header row')
  }
  const language = /<w:docDefaults>[\s\S]*?<w:lang\b[^>]*w:val="([^"]+)"/.exec(styles)?.[1]
  if (!language) failures.push('no default language in the document defaults of styles.xml')
  if (!/<dc:title>\s*\S[^<]*<\/dc:title>/.test(core)) failures.push('no title in docProps/core.xml')
  const headingLevels = [...document.matchAll(/<w:pStyle w:val="(Title|Heading(\d))"\/>/g)].map((match) => (match[1] === 'Title' ? 1 : Number(match[2])))
  let previous = 0
  for (const level of headingLevels) {
    if (level > previous + 1) failures.push(`Heading ${level} follows ${previous === 0 ? 'no heading' : `Heading ${previous}`}: a level is skipped`)
    previous = level
  }
  if (headingLevels.length === 0) failures.push('no headings')
  return failures
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
