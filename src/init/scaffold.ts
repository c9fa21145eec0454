/**
 * `rso-docs init <folder>`: a new event's content folder that builds as it is. It holds
 * the one file to fill in (forum.json), a few countries, a first report section and a
 * placeholder signature; every other collection is optional and can be added later (the
 * README lists them). A folder that already holds anything is refused, so nothing is
 * overwritten.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors/catalogue.ts'
import { fileSlug } from '../text/slug.ts'
import { builtinTable } from '../content/words.ts'
import { languageTag } from './event-words.ts'

/** "Coastal Workshop 2031" → "coastal-workshop-2031": the event's slug, from its folder's name. */
function slugOf(folder: string): string {
  const slug = fileSlug(path.basename(path.resolve(folder)))
  return slug || 'new-event'
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** The files of a new content folder, by path inside it. */
export function scaffoldFiles(slug: string, language = 'en-GB'): Record<string, string> {
  return {
    'forum.json': json({
      slug: `${slug}-outcome-report`,
      documentType: 'Outcome Report',
      title: 'Name of the Event',
      shortTitle: 'Name of the Event: Outcome Report',
      theme: 'The theme of the event',
      dates: { start: '2030-01-01', end: '2030-01-02', display: '1–2 January 2030' },
      venue: { city: 'City', country: 'THA' },
      organiser: 'Name of the organiser',
      organiserShortName: 'Organiser',
      series: 'Name of the series',
      language,
      subject: 'What the report is about, for the document properties',
      keywords: ['a keyword'],
      briefsFolder: 'briefs/{slug}',
      signatories: [
        {
          id: 'signatory',
          name: 'Name of the signatory',
          role: 'Role of the signatory',
          country: 'THA',
          signature: { image: 'assets/signatures/signatory.svg', missing: 'The signature is a placeholder: put a scan of it in assets/signatures/, and write what it looks like as its "description" instead of this note.' },
        },
      ],
    }),
    'countries.json': json({
      countries: [
        { code: 'IDN', name: 'Indonesia', participant: true },
        { code: 'PHL', name: 'Philippines', article: true, participant: true },
        { code: 'THA', name: 'Thailand', participant: true },
      ],
    }),
    'report/01-introduction.md': `---
title: Introduction
---

Write the report's first section here. The event was attended by :participants.

Each Markdown file in \`report/\` is a section, in file-name order.

::signatures
`,
    'assets/signatures/signatory.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 72" width="240" height="72">
  <!-- Placeholder for a hand signature. Replace this file with a scan of the real
       signature (SVG, PNG or JPEG; keep the name or change "image" in forum.json). -->
  <rect x="1" y="1" width="238" height="70" rx="4" fill="#f5f7fa" stroke="#9aa5b1" stroke-width="1.5" stroke-dasharray="6 4"/>
  <path d="M24 50 H216" stroke="#9aa5b1" stroke-width="1"/>
  <path d="M24 44 l8 -8 m-8 0 l8 8" stroke="#9aa5b1" stroke-width="1.5"/>
</svg>
`,
  }
}

/** Writes a new event's content folder; returns what to edit next, for the command to print. */
export async function initEvent(folder: string, language = 'en-GB'): Promise<string> {
  if (!languageTag.test(language)) throw new UsageError(`"${language}" is not a language tag; write one such as "id", "th-TH", "ar" or "fil" (\`rso-docs words --list\` lists the built-in tables).`)
  const root = path.resolve(folder)
  const entries = await fs.readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw new UsageError(`Cannot use ${folder}: ${error.message}`)
  })
  if (entries.length > 0) throw new UsageError(`${folder} is not empty; give a new or empty folder, so that nothing is overwritten.`)
  for (const [name, text] of Object.entries(scaffoldFiles(slugOf(root), language))) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true })
    await fs.writeFile(path.join(root, name), text, { flag: 'wx' })
  }
  const where = path.relative(process.cwd(), root) || '.'
  return [
    `Made a new event's content folder in ${where}. It builds as it is:`,
    `  npm run build -- --source ${where}`,
    'Then edit, in this order:',
    `  1. ${where}/forum.json: the event's title, theme, dates, venue, organiser and signatories (a "words" object there changes the headings the documents add).`,
    ...wordsAdvice(language, where),
    `  2. ${where}/countries.json: every country the report names, with "participant": true for those that took part (each gets a brief).`,
    `  3. ${where}/report/: the report's sections, one Markdown file each, in file-name order.`,
    `  4. ${where}/assets/signatures/signatory.svg: replace with a scan of the real signature, and in forum.json give its "description" instead of "missing" (a draft marks the placeholder; a final build refuses it).`,
    '  5. Add the collections the event has, each optional: recommendations.json, key-outcomes.json, organisations.json, glossary.json, contact.json, ... (see the README).',
  ].join('\n')
}

/** What `init` says of the words in the event's language. */
function wordsAdvice(language: string, where: string): string[] {
  if (language.startsWith('en')) return []
  const table = builtinTable(language)
  const sheet = `npx rso-docs words --source ${where}`
  return table
    ? [`     The words the documents add come from the built-in ${table.name} table (${table.reviewedBy.length > 0 ? 'reviewed' : 'not yet reviewed by a native speaker'}); \`${sheet}\` lists them, to change any in "words".`]
    : [`     No built-in table for "${language}": the words the documents add are English until translated; \`${sheet}\` writes every key to translate.`]
}
