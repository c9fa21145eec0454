/**
 * Fuzzes the content boundary of author-defined collections, which are untrusted: generated JSON
 * Schemas (with patterns that backtrack, lookaround, `$ref`s to servers and files, refs
 * that multiply), data, Handlebars templates (loops in loops, partials, helpers, unsafe
 * links, directives) and a section that places the collection, on the tiny invented event.
 * Every run must end, in this process, with documents or with content messages that each
 * name a file and a line; never an internal error, a throw of another kind, or a hang.
 *
 * A bounded number of cases runs by default; `RSO_FUZZ_RUNS=500 npx vitest run
 * test/collection-fuzz.test.ts` runs more (`RSO_FUZZ_SEED` replays a failure).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VFile } from 'vfile'
import { loadContent } from '../src/content/load.ts'
import { assembleDocuments } from '../src/assemble/index.ts'
import { createEvent } from '../src/content/event.ts'
import { catalogue, ContentError } from '../src/errors/catalogue.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

const runs = Number(process.env.RSO_FUZZ_RUNS ?? 10)
const seed = process.env.RSO_FUZZ_SEED === undefined ? undefined : Number(process.env.RSO_FUZZ_SEED)
/** Far beyond any budget's few seconds: a run that takes this long hangs. */
const hang = 60_000

const patterns = ['^[A-Z]{3}$', '^(a+)+$', '(x+x+)+y', '^(?=a)a+$', '(a)\\1', '[', '^\\p{L}+$', '.*', '^(a|a)*$']
const strings = ['THA', 'LAO', 'XXX', 'a'.repeat(40) + 'b', '[more](javascript:alert(1))', '![x](http://127.0.0.1/x.png)', '![s](assets/signatures/signatory.svg)', '::collection{name=fuzz}', '<script>alert(1)</script>', '{{x}}', 'Note:well', '> '.repeat(40) + 'deep', '']

const stringSchema = fc.record(
  { type: fc.constant('string'), pattern: fc.constantFrom(...patterns), minLength: fc.nat(3), 'x-country': fc.boolean() },
  { requiredKeys: ['type'] },
)
const fieldSchema = fc.oneof(
  stringSchema,
  fc.constant({ type: 'integer', minimum: 1 }),
  fc.record({ type: fc.constant('array'), items: stringSchema, uniqueItems: fc.boolean() }, { requiredKeys: ['type', 'items'] }),
  fc.constantFrom({ $ref: 'http://127.0.0.1:9/schema.json' }, { $ref: 'file:///etc/passwd' }, { $ref: '#' }, { type: 'nonsense' }, {}),
)
const fields = ['name', 'host', 'tags', 'day', 'link'] as const

/** Definitions that refer to the next twice each: 2^depth checks of every value. */
const multiplying = (depth: number) => ({
  definitions: Object.fromEntries([
    ...Array.from({ length: depth }, (_, index) => [`d${index}`, { allOf: [{ $ref: `#/definitions/d${index + 1}` }, { $ref: `#/definitions/d${index + 1}` }] }]),
    [`d${depth}`, { type: 'object' }],
  ]),
  allOf: [{ $ref: '#/definitions/d0' }],
})

const schema = fc
  .tuple(fc.dictionary(fc.constantFrom(...fields), fieldSchema, { maxKeys: 4 }), fc.boolean(), fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 8, 40))
  .map(([properties, closed, depth]) => ({
    title: 'Fuzzed',
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: { type: 'object', properties, additionalProperties: !closed } } },
    ...(depth > 0 ? multiplying(depth) : {}),
  }))

const value = fc.oneof(fc.constantFrom(...strings), fc.integer({ min: -2, max: 5 }), fc.array(fc.constantFrom(...strings), { maxLength: 3 }), fc.string({ maxLength: 8 }))
const entry = fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 5 })
const data = fc.tuple(fc.array(entry, { maxLength: 6 }), fc.constantFrom(1, 1, 1, 400)).map(([items, repeat]) => ({ items: Array.from({ length: repeat }, () => items).flat() }))

const templatePieces = [
  '{{#each items}}', '{{/each}}', '{{#each @root.items}}', '{{#if name}}', '{{/if}}', '{{#with this}}', '{{/with}}', '{{#items}}', '{{/items}}', '{{else}}',
  '{{name}}', '{{{name}}}', '{{host}}', '{{country host}}', '{{countries tags}}', '{{list tags}}', '{{this}}', '{{../name}}', '{{@index}}', '{{@root.items}}',
  '{{lookup this "name"}}', '{{log name}}', '{{> partial}}', '{{#> partial}}', '{{#*inline "p"}}', '{{!-- c --}}', '{{{{raw}}}}', '{{missing}}', '{{#unknown}}', '{{', '}}', '{{~#each items~}}', '{{^}}',
  '| a | b |\n|---|---|\n', '| {{name}} | {{day}} |\n', '- ', '\n', '\n\n', 'text ', '[more](javascript:alert(1))', '[ok](https://example.org)',
  '![x](http://127.0.0.1/x.png)', '![s](assets/signatures/signatory.svg)', '::collection{name=fuzz}', '::glossary', ':participants', '<b>raw</b>', '> ', '[x]({{link}})',
]
const template = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...templatePieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 24 })
  .map((pieces) => pieces.join(''))

const sectionPieces = ['::collection{name=fuzz}', '::collection{name=other}', '::collection', 'Some text.', '\n\n', '# Heading', '[x](javascript:1)', '- item']
const section = fc.array(fc.constantFrom(...sectionPieces), { minLength: 1, maxLength: 6 }).map((pieces) => `---\ntitle: Fuzzed\n---\n\n::collection{name=fuzz}\n\n${pieces.join('\n')}\n`)

let event: string

beforeAll(async () => {
  event = await copyTinyEvent()
})

afterAll(async () => {
  await fs.rm(event, { recursive: true, force: true })
})

/** Why a content error's messages fall short: an internal error, or a message without a file, a line or a rule of the catalogue. */
function shortcomings(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages
      .filter((message) => message.fatal)
      .flatMap((message) => {
        const where = `${file.path}:${message.line}:${message.column} ${message.reason} [${message.ruleId}]`
        if (/internal error/i.test(message.reason)) return [`internal error: ${where}`]
        if (!file.path || !message.line) return [`no place: ${where}`]
        if (!message.ruleId || !Object.hasOwn(catalogue, message.ruleId)) return [`no rule: ${where}`]
        return []
      }),
  )
}

async function runCase(files: { schema: unknown; data: unknown; template: string; section: string }): Promise<string[]> {
  const collections = path.join(event, 'collections')
  await fs.writeFile(path.join(collections, 'fuzz.schema.json'), JSON.stringify(files.schema, null, 1))
  await fs.writeFile(path.join(collections, 'fuzz.json'), JSON.stringify(files.data, null, 1))
  await fs.writeFile(path.join(collections, 'fuzz.hbs'), files.template)
  await fs.writeFile(path.join(event, 'report/03-fuzz.md'), files.section)
  const work = (async () => {
    try {
      const content = await loadContent(event)
      await assembleDocuments(createEvent(content), { mode: 'draft', report: true, briefs: 'all' })
      return []
    } catch (error) {
      if (error instanceof ContentError) return shortcomings(error.files)
      return [`threw ${(error as Error).stack ?? String(error)}`]
    }
  })()
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([`did not end within ${hang / 1000} s`]), hang)
  })
  return Promise.race([work, hung]).finally(() => clearTimeout(timer))
}

describe('author-defined collections, fuzzed', () => {
  it('end with documents or with messages at a place, never an internal error or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(schema, data, template, section, async (schemaValue, dataValue, templateText, sectionText) => {
        const problems = await runCase({ schema: schemaValue, data: dataValue, template: templateText, section: sectionText })
        expect(problems).toEqual([])
      }),
      { numRuns: runs, seed, endOnFailure: true },
    )
  }, Math.max(120_000, runs * 20_000))
})
