/**
 * Prints, for every brief PDF in a folder, how many of its words lie in runs of eight that
 * more than half of the briefs hold (test/support/shared-runs.ts), with the median and the
 * most. `npx tsx scripts/brief-repetition.ts out/briefs [source]`.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { loadContent } from '../src/content/load.ts'
import { readPdfPages } from '../test/support/pdf.ts'
import { median, sharedWords } from '../test/support/shared-runs.ts'

const [folder = 'out/briefs', source = 'source'] = process.argv.slice(2)
const content = await loadContent(source)
const files = (await fs.readdir(folder)).filter((file) => file.endsWith('.pdf')).sort()
const briefs = await Promise.all(
  files.map(async (file) => {
    const country = content.countries.find((entry) => file.startsWith(`${entry.code}-`))
    const pages = await readPdfPages(path.join(folder, file))
    return { name: `${file} (${pages.length} p.)`, text: pages.slice(0, -1).join('\n'), countryNames: country ? [country.name, country.shortName ?? '', country.listedAs ?? ''] : [] }
  }),
)
const results = sharedWords(briefs)
for (const result of results) console.log(`${String(result.shared).padStart(4)} of ${String(result.words).padStart(4)}  ${result.name}`)
console.log(`median ${median(results.map((result) => result.shared))}, most ${Math.max(...results.map((result) => result.shared))}`)
