/**
 * The next event from content alone: an invented fixture event of another shape than
 * `source/` (only forum.json, countries.json, recommendations.json and three sections) is
 * built end to end in every format with the real command; its briefs hold exactly their
 * country's propositions and no word of the other event. The `init` scaffold builds, and
 * a directive that names a collection the event does not have is an error at its place.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { projectRoot, runCli } from './support/cli.ts'
import { readPdf } from './support/pdf.ts'

const fixture = path.join(projectRoot, 'test/fixtures/events/pacific-workshop')
const briefsFolder = 'briefs/pacific-tide-workshop-summary'
/** Words of the other event (source/) that no brief of the fixture may hold. */
const otherEventWords = ['Border Forum', 'Bali Process', 'RSO', 'Regional Support Office', 'Bangkok', 'smuggling', 'trafficking', 'corridor', 'Key outcomes']

interface Recommendations {
  themes: Array<{ id: string; propositions: Array<{ id: string; text: string; countries: string[] }> }>
}

let out: string
let scratch: string
let recommendations: Recommendations

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-events-'))
  out = path.join(scratch, 'out')
  recommendations = JSON.parse(await fs.readFile(path.join(fixture, 'recommendations.json'), 'utf8')) as Recommendations
  const result = await runCli(['build', '--source', fixture, '--out', out, '--quiet'], { timeoutMs: 600_000 })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}, 600_000)

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

/** The body of an HTML edition (its <main>), as written: the sections, without cover or styles. */
async function mainOf(file: string): Promise<string> {
  const html = await fs.readFile(file, 'utf8')
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1]
  if (main === undefined) throw new Error(`${file} has no <main>`)
  return main
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" }
/** Text as a reader sees it: tags removed, entities decoded. */
const toText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name] ?? '').replace(/\s+/g, ' ')
const headingsOf = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) => toText(match[2] ?? '').trim())
const propositionsIn = (html: string) => [...html.matchAll(/data-proposition="([^"]+)"/g)].map((match) => match[1])

const participants = [
  { code: 'FJI', file: 'FJI-fiji' },
  { code: 'PNG', file: 'PNG-papua-new-guinea' },
  { code: 'SLB', file: 'SLB-solomon-islands' },
  { code: 'TON', file: 'TON-tonga' },
  { code: 'VUT', file: 'VUT-vanuatu' },
]

describe('an event of another shape (test/fixtures/events/pacific-workshop)', () => {
  it('builds the report and a brief for each participant in every format, named after the event', async () => {
    const written = (await fs.readdir(out, { recursive: true })).filter((name) => /\.(pdf|docx|html)$/.test(name)).sort()
    const expected = [
      ...['pdf', 'docx', 'html'].map((format) => `report/pacific-tide-workshop-summary.${format}`),
      ...participants.flatMap(({ file }) => ['pdf', 'docx', 'html'].map((format) => `${briefsFolder}/${file}.${format}`)),
    ].sort()
    expect(written).toEqual(expected)
  })

  it('gives each brief exactly its country\'s propositions, and no word of the other event', async () => {
    for (const { code, file } of participants) {
      const main = await mainOf(path.join(out, briefsFolder, `${file}.html`))
      const own = recommendations.themes.flatMap((theme) => theme.propositions.filter((entry) => entry.countries.includes(code)).map((entry) => entry.id))
      // Its own and no other: not even those of delegations as a whole, which every brief would repeat.
      expect(propositionsIn(main), code).toEqual(own)
      const text = toText(main)
      for (const word of otherEventWords) expect(text, `${code}: "${word}"`).not.toContain(word)
    }
  })

  it('leaves out what the event does not have: no empty heading, no map, no back cover', async () => {
    const main = await mainOf(path.join(out, briefsFolder, 'TON-tonga.html'))
    const headings = headingsOf(main)
    // Tonga made no proposition: what the content holds about it (an invented funder, and that absence), then the event.
    expect(headings).toEqual(['Tonga at the workshop', 'The workshop'])
    expect(toText(main)).toContain('The FOC acknowledges invented support from the Invented Tide Fund of Tonga, which made the workshop possible. Tonga raised no recommendation item of its own.')
    expect(toText(main)).toContain('Delegations of five countries took part.')
    const report = await fs.readFile(path.join(out, 'report/pacific-tide-workshop-summary.html'), 'utf8')
    expect(report).not.toContain('class="back-cover"')
    expect(report).not.toContain('<svg')
  })

  it('takes the words the briefs add from the event (forum.json "words")', async () => {
    const main = await mainOf(path.join(out, briefsFolder, 'FJI-fiji.html'))
    const headings = headingsOf(main)
    expect(headings).toEqual(['Fiji at the workshop', 'What Fiji raised', '1. Shared tide tables', '2. Harbour drills', 'Site visits', 'The workshop'])
    expect(toText(main)).toContain('The workshop was held in Fiji, in Suva, over 4–5 March 2031.')
    expect(toText(main)).toContain("It raised one of them with Vanuatu.")
    const html = await fs.readFile(path.join(out, briefsFolder, 'FJI-fiji.html'), 'utf8')
    expect(html).toContain('<h1 class="cover-title">Workshop note: Fiji</h1>')
    // Its items' sentences do not name their delegations, so the brief says who raised each.
    expect(toText(main)).toContain('Raised by FIJI with VANUATU.')
  })

  it('prints and writes the same brief: Fiji\'s propositions in its PDF and DOCX', async () => {
    const pdf = await readPdf(path.join(out, briefsFolder, 'FJI-fiji.pdf'))
    const pdfText = pdf.pages.join(' ')
    expect(pdfText).toContain('Exchange invented tide tables every week.')
    expect(pdfText).toContain('Hold one invented harbour drill a year.')
    expect(pdfText).not.toContain('Agree an invented glossary of tide words.')
    for (const word of otherEventWords) expect(pdfText).not.toContain(word)
    const docx = unzipSync(new Uint8Array(await fs.readFile(path.join(out, briefsFolder, 'FJI-fiji.docx'))))
    const xml = strFromU8(docx['word/document.xml'] ?? new Uint8Array())
    const docxText = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('')
    expect(docxText).toContain('Exchange invented tide tables every week.')
    expect(docxText).toContain('Invented reef patrol base')
    expect(pdfText).toContain('Invented reef patrol base')
    expect(docxText).not.toContain('Agree an invented glossary of tide words.')
    for (const word of otherEventWords) expect(docxText).not.toContain(word)
  })
})

describe('an author-defined collection (collections/site-visits.*)', () => {
  it('goes into the report in every format, and into the briefs of the countries it names, narrowed to them', async () => {
    const report = toText(await mainOf(path.join(out, 'report/pacific-tide-workshop-summary.html')))
    // The apostrophe as the typographic pass sets it.
    for (const site of ['Invented harbour master’s office', 'Invented tide gauge station', 'Invented reef patrol base']) expect(report).toContain(site)
    // The template writes the host's name ({{country host}}), as countries.json does, not its code.
    expect(report).toMatch(/Invented tide gauge station\s+Vanuatu/)
    const reportPdf = (await readPdf(path.join(out, 'report/pacific-tide-workshop-summary.pdf'))).pages.join(' ')
    expect(reportPdf).toContain('Invented tide gauge station')
    const vanuatu = await mainOf(path.join(out, briefsFolder, 'VUT-vanuatu.html'))
    expect(headingsOf(vanuatu)).toContain('Site visits')
    expect(toText(vanuatu)).toContain('Invented tide gauge station')
    expect(toText(vanuatu)).not.toContain('Invented reef patrol base')
    // Papua New Guinea hosts no visit: no part, no empty heading.
    expect(headingsOf(await mainOf(path.join(out, briefsFolder, 'PNG-papua-new-guinea.html')))).not.toContain('Site visits')
  })

  it('reports data that breaks its JSON Schema, and unknown country codes, at file:line:column', async () => {
    const source = path.join(scratch, 'bad-collection')
    await fs.cp(fixture, source, { recursive: true })
    const data = path.join(source, 'collections/site-visits.json')
    const text = await fs.readFile(data, 'utf8')
    await fs.writeFile(data, text.replace('"day": 1 }', '"day": "one", "guide": "x" }').replace('"host": "VUT"', '"host": "VUX"'))
    const result = await runCli(['check', '--source', source, '--out', path.join(scratch, 'bad-out')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('collections/site-visits.json:3:73: error: Invalid value: must be integer at visits.0.day [collection-schema]')
    expect(result.stderr).toContain('collections/site-visits.json:3:80: error: Unknown field "guide" at visits.0.guide [collection-schema]')
    const fixed = text.replace('"host": "VUT"', '"host": "VUX"')
    await fs.writeFile(data, fixed)
    const unknown = await runCli(['check', '--source', source, '--out', path.join(scratch, 'bad-out')])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/collections\/site-visits\.json:4:54: error: Unknown country code "VUX" \(did you mean "VUT"\?\) \[unknown-country\]/)
  })
})

describe('a directive that names a collection the event does not have', () => {
  it('is an error at its place, with a hint', async () => {
    const source = path.join(scratch, 'absent')
    await fs.cp(fixture, source, { recursive: true })
    const section = path.join(source, 'report/03-closing.md')
    await fs.writeFile(section, `${await fs.readFile(section, 'utf8')}\n::corridors\n\n::map{routes=smuggling}\n`)
    const result = await runCli(['check', '--source', source, '--out', path.join(scratch, 'absent-out')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/report\/03-closing\.md:8:1: error: Directive "corridors" shows corridors\.json, but the content folder has no corridors\.json \[absent-collection\]/)
    expect(result.stderr).toMatch(/report\/03-closing\.md:10:1: error: Directive "map" shows smuggling-routes\.json, but the content folder has no smuggling-routes\.json \[absent-collection\]/)
    expect(result.stderr).toContain('hint: Add the JSON file to the content folder')
  })
})

describe('rso-docs init', () => {
  it('makes a content folder that builds as it is, and refuses a folder that is not empty', async () => {
    const folder = path.join(scratch, 'next-event')
    const made = await runCli(['init', folder])
    expect(made.code).toBe(0)
    expect(made.stderr).toContain('forum.json')
    const built = await runCli(['build', '--source', folder, '--out', path.join(scratch, 'next-out'), '--format', 'html,docx', '--quiet'], { timeoutMs: 300_000 })
    // The one thing a draft says: the signature is a placeholder, a missing value.
    expect(built.stderr.split('\n').filter((line) => line.includes(': warning: ') || line.includes(': error: '))).toEqual([
      expect.stringMatching(/forum\.json:\d+:\d+: warning: Missing: [Tt]he signature of Name of the signatory\. .*\[missing-value\]$/),
    ])
    expect(built.code).toBe(0)
    const written = (await fs.readdir(path.join(scratch, 'next-out'), { recursive: true })).filter((name) => /\.(docx|html)$/.test(name)).sort()
    expect(written).toEqual([
      'briefs/next-event-outcome-report/IDN-indonesia.docx',
      'briefs/next-event-outcome-report/IDN-indonesia.html',
      'briefs/next-event-outcome-report/PHL-philippines.docx',
      'briefs/next-event-outcome-report/PHL-philippines.html',
      'briefs/next-event-outcome-report/THA-thailand.docx',
      'briefs/next-event-outcome-report/THA-thailand.html',
      'report/next-event-outcome-report.docx',
      'report/next-event-outcome-report.html',
    ])
    const again = await runCli(['init', folder])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('is not empty')
  }, 300_000)
})
