/** The accessibility checks of a DOCX package, on its XML parts by path (see `docx-accessibility.outputs.test.ts`). */

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
