/**
 * What every brief repeats stays short: across the 29 briefs the test build printed, the
 * words of a brief that lie in runs of eight consecutive words (from the PDF's text) that
 * more than half of the briefs hold come to at most 150 in the median brief and 200 in any.
 * A brief's own country counts as one placeholder word, so a repeated paragraph that names
 * it is still repeated. The back cover (the organiser's contact details, the same on every
 * document by design) is page furniture, not the brief's text, and is left out. Reads the
 * PDFs the test build wrote; builds nothing.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { loadContent } from '../src/content/load.ts'
import { projectRoot } from './support/cli.ts'
import { readPdfPages } from './support/pdf.ts'
import { median, sharedWords, wordsOf, type BriefText, type SharedWords } from './support/shared-runs.ts'

let results: SharedWords[]
let briefs: BriefText[]

beforeAll(async () => {
  const content = await loadContent(path.join(projectRoot, 'source'))
  const folder = path.join(inject('outDir'), 'briefs')
  const files = await fs.readdir(folder)
  briefs = await Promise.all(
    content.countries.filter((country) => country.participant).map(async (country) => {
      const file = files.find((name) => name.startsWith(`${country.code}-`) && name.endsWith('.pdf'))
      if (!file) throw new Error(`The test build has no PDF brief of ${country.code}`)
      const pages = await readPdfPages(path.join(folder, file))
      return { name: country.code, text: pages.slice(0, -1).join('\n'), countryNames: [country.name, country.shortName ?? '', country.listedAs ?? ''] }
    }),
  )
  results = sharedWords(briefs)
})

describe('what every brief repeats', () => {
  it('comes to at most 150 words in the median brief and 200 in any', () => {
    expect(results).toHaveLength(29)
    const shared = results.map((result) => result.shared)
    expect(median(shared), JSON.stringify(results)).toBeLessThanOrEqual(150)
    for (const result of results) expect(result.shared, result.name).toBeLessThanOrEqual(200)
  })

  it('is measured as a reader counts: the country as one word, letter-spaced lettering as words', () => {
    expect(wordsOf('Norway was one of them; NORWAY and the Philippines.', ['Norway'])).toEqual(['\u0000country', 'was', 'one', 'of', 'them', '\u0000country', 'and', 'the', 'philippines'])
    expect(wordsOf('T H E B A L I P R O C E S S Country brief: Timor Leste', ['Timor-Leste'])).toEqual(['thebaliprocess', 'country', 'brief', '\u0000country'])
    // Three briefs of which two share a run of eight: their eight words count, the third's none.
    const run = 'one two three four five six seven eight'
    const measured = sharedWords([
      { name: 'a', text: `${run} alpha`, countryNames: [] },
      { name: 'b', text: `beta ${run}`, countryNames: [] },
      { name: 'c', text: 'one two three four five six seven nine', countryNames: [] },
    ])
    expect(measured.map((entry) => entry.shared)).toEqual([8, 8, 0])
  })
})
