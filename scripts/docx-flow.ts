/**
 * The page-flow measures of DOCX files as LibreOffice lays them out: converts each to PDF
 * (a LibreOffice profile of its own) and prints, page by page, how full it is (text and
 * pictures: maps are images there), then the failures a designer would send back.
 *
 *   npx tsx scripts/docx-flow.ts out/report.docx out/brief-tha.docx [--keep DIR]
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { brandGeometry, emptyPages, measurePdf, strandedHeadings } from '../test/support/page-measures.ts'

const run = promisify(execFile)
const args = process.argv.slice(2)
const keepAt = args.indexOf('--keep')
const keep = keepAt >= 0 ? args.splice(keepAt, 2)[1] : undefined
const geometry = await brandGeometry()
const directory = keep ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'docx-flow-')))
await fs.mkdir(directory, { recursive: true })
try {
  for (const file of args) {
    await run('libreoffice', [`-env:UserInstallation=file://${path.join(directory, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', directory, file], { timeout: 600_000 })
    const pdf = path.join(directory, `${path.basename(file, '.docx')}.pdf`)
    const measures = await measurePdf(pdf, geometry, { pictures: true })
    const text = await measurePdf(pdf, geometry)
    console.log(`${path.basename(file)}: ${measures.pages.length} pages`)
    console.log('  fill (text and pictures / text only): ' + measures.pages.map((page, index) => `p${page.number}${page.furnished ? '' : '*'} ${Math.round(page.fill * 100)}/${Math.round((text.pages[index]?.fill ?? 0) * 100)}`).join(', '))
    const stranded = strandedHeadings(measures, geometry)
    const runts = emptyPages(measures, geometry, 0.25, false)
    const gaps = emptyPages(measures, geometry, 0.55, true).filter((page) => page.fill >= 0.25)
    console.log(`  stranded headings: ${stranded.length}${stranded.map((heading) => ` p${heading.page} "${heading.title.slice(0, 40)}"`).join(',')}`)
    console.log(`  pages under 25 %: ${runts.length}${runts.map((page) => ` p${page.number} (${Math.round(page.fill * 100)} %)`).join(',')}`)
    console.log(`  pages under 55 % whose part goes on: ${gaps.length}${gaps.map((page) => ` p${page.number} (${Math.round(page.fill * 100)} %)`).join(',')}`)
  }
} finally {
  if (!keep) await fs.rm(directory, { recursive: true, force: true })
}
