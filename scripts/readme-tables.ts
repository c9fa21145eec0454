/**
 * The README's tables of directives and of error messages, made from the code (the
 * directives' registry and the error catalogue), so the README cannot drift from them:
 * `npm run readme` rewrites them between their markers; a test fails while they differ.
 */
import fs from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogue, type CatalogueEntry } from '../src/errors/catalogue.ts'
import { directives } from '../src/transform/directives/index.ts'
import { contentFields } from '../src/content/fields.ts'
import { fieldDescriptions } from '../src/content/field-descriptions.ts'
import { defaultWords } from '../src/content/words.ts'

export const readmePath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md')

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function directiveTable(): string {
  const rows = Object.entries(directives).map(([name, directive]) => {
    const written = directive.kind === 'inline' ? `:${name}` : `::${name}`
    const attributes = Object.entries(directive.attributes)
      .map(([attribute, spec]) => `\`${attribute}\`${spec.required ? '' : ' (optional)'}: ${spec.description}`)
      .join('<br>')
    return `| \`${written}\` | ${cell(directive.description)} | ${cell(attributes) || 'none'} |`
  })
  return ['| directive | shows | attributes |', '|---|---|---|', ...rows].join('\n')
}

export function errorTable(): string {
  const rows = Object.entries(catalogue).map(([id, entry]: [string, CatalogueEntry]) => `| ${cell(entry.title)} | ${cell(entry.example)} | ${cell(entry.hint.replaceAll('{content}/', 'source/'))} | \`${id}\` |`)
  return ['| mistake | example message | what to do | rule |', '|---|---|---|---|', ...rows].join('\n')
}

/** Every field of every JSON file, from the schemas, with what it means (`src/content/field-descriptions.ts`). */
export function fieldTables(): string {
  return contentFields()
    .map(([file, fields]) => {
      const rows = fields.map((field) => `| \`${field.path}\` | ${cell(field.type)} | ${field.required} | ${cell(fieldDescriptions[file][field.path] ?? '').replace(/</g, '&lt;')} |`)
      return [`#### ${file}`, '', '| field | value | required | meaning |', '|---|---|---|---|', ...rows].join('\n')
    })
    .join('\n\n')
}

/**
 * Every word of the table with its default and what it is for: the comment written above
 * its key in `src/content/words.ts`, read from the file so the README says what the code says.
 */
export function wordTable(): string {
  const source = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'content', 'words.ts'), 'utf8')
  const comments = new Map<string, string>()
  for (const match of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\n\s*'([^']+)':/g)) {
    comments.set(match[2] ?? '', (match[1] ?? '').replace(/^\s*\* ?/gm, '').replace(/\s+/g, ' ').trim())
  }
  const rows = Object.entries(defaultWords).map(([key, value]) => `| \`${key}\` | ${cell(value)} | ${cell(comments.get(key) ?? '')} |`)
  return ['| key | default | where it goes |', '|---|---|---|', ...rows].join('\n')
}

const tables = { directives: directiveTable, errors: errorTable, words: wordTable, fields: fieldTables }

/** The README with each generated table put between its markers. */
export function withTables(readme: string): string {
  let result = readme
  for (const [name, make] of Object.entries(tables)) {
    const pattern = new RegExp(`(<!-- ${name}:start[^>]*-->)[\\s\\S]*?(<!-- ${name}:end -->)`)
    if (!pattern.test(result)) throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> markers`)
    result = result.replace(pattern, (_, start: string, end: string) => `${start}\n${make()}\n${end}`)
  }
  return result
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const readme = await fs.readFile(readmePath, 'utf8')
  await fs.writeFile(readmePath, withTables(readme))
  process.stderr.write('README.md: the directive, error, word and field tables are up to date.\n')
}
