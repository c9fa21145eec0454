/**
 * Collections an author adds without TypeScript: under `collections/` of the content
 * folder, `<name>.json` (the data), `<name>.schema.json` (its JSON Schema) and `<name>.hbs`
 * (a Handlebars template that renders the data to Markdown). The data is checked against
 * its schema with Ajv and every mistake reported at its file:line:column; a field the
 * schema marks `"x-country": true` is a country code, checked against countries.json, and
 * the briefs of the countries it names show the entries that name them.
 * `::collection{name=<name>}` places the rendered Markdown in a report section.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { RootContent } from 'mdast'
import type { Position } from 'unist'
import { VFile } from 'vfile'
import { report } from '../errors/catalogue.ts'
import { checkJsonLimits, checkMarkdownLimits } from './limits.ts'
import { parseJson, type JsonPath } from './json-source.ts'
import { unsupportedPatterns } from './linear-patterns.ts'
import { toJsonPath, type CountryReference, type DataError } from './collection-job.ts'
import { CollectionSandbox } from './collection-sandbox.ts'
import type { TemplateOutcome, TemplateWords } from './template-budget.ts'

export type { CountryReference } from './collection-job.ts'

export interface AuthorCollection {
  name: string
  /** The schema's `title`, or the name: the heading of the collection's part of a brief. */
  title: string
  data: unknown
  file: VFile
  templateFile: VFile
  /** The Markdown the template writes for the report (all the data). */
  reportMarkdown: string
  /** The Markdown it writes for the brief of each country the data names (the data narrowed to it). */
  briefMarkdown: ReadonlyMap<string, string>
  /**
   * The Markdown above as checked trees, by country code ('' for the report): filled by the
   * transform stage (`checkCollectionOutputs` in `transform/author-collection.ts`), which
   * checks what a template writes as it checks a section.
   */
  checked: Map<string, RootContent[]>
  /** Every value the schema marks as a country code, with where it is written. */
  countries: CountryReference[]
  locate(jsonPath: JsonPath): Position | undefined
}

export const collectionsFolder = 'collections'

/**
 * Reads and checks every collection of `collections/`; problems are reported on the files,
 * which are added to `files`. Schemas and templates are content: their work runs on a
 * thread of its own with a budget (`collection-sandbox.ts`).
 */
export async function loadAuthorCollections(root: string, files: Map<string, VFile>, words: TemplateWords, seconds?: number): Promise<Map<string, AuthorCollection>> {
  const directory = path.join(root, collectionsFolder)
  const names = (await fs.readdir(directory).catch(() => [] as string[]))
    // Hidden files (temporary ones of an interrupted write among them) are never collections.
    .filter((entry) => entry.endsWith('.json') && !entry.endsWith('.schema.json') && !entry.startsWith('.'))
    .map((entry) => entry.slice(0, -'.json'.length))
    .sort()
  const collections = new Map<string, AuthorCollection>()
  if (names.length === 0) return collections
  const sandbox = new CollectionSandbox(seconds)
  try {
    for (const name of names) {
      const collection = await loadOne(root, name, files, words, sandbox)
      if (collection) collections.set(name, collection)
    }
  } finally {
    await sandbox.close()
  }
  return collections
}

async function read(root: string, relative: string, files: Map<string, VFile>): Promise<VFile> {
  const filePath = path.join(root, relative)
  const value = await fs.readFile(filePath, 'utf8').catch(() => undefined)
  const file = new VFile({ path: filePath, value: value ?? '', data: { contentFolder: root } })
  files.set(relative, file)
  if (value === undefined) report(file, 'missing-file', `Missing ${relative}: the collection "${path.basename(relative).split('.')[0]}" needs it`)
  return file
}

async function loadOne(root: string, name: string, files: Map<string, VFile>, words: TemplateWords, sandbox: CollectionSandbox): Promise<AuthorCollection | undefined> {
  const base = `${collectionsFolder}/${name}`
  const [file, schemaFile, templateFile] = await Promise.all([read(root, `${base}.json`, files), read(root, `${base}.schema.json`, files), read(root, `${base}.hbs`, files)])
  if ([file, schemaFile, templateFile].some((entry) => entry.messages.length > 0)) return undefined
  if (![file, schemaFile].every(checkJsonLimits) || !checkTemplateLimits(templateFile)) return undefined
  const json = parseJson(file)
  const schemaJson = parseJson(schemaFile)
  if (!json || !schemaJson) return undefined
  const patterns = unsupportedPatterns(schemaJson.value)
  for (const problem of patterns) {
    report(schemaFile, 'collection-schema', problem.reason, {
      place: schemaJson.locate(problem.path, problem.part),
      hint: 'Patterns are matched by RE2, in time linear in the value: write it without backreferences (\\1) and lookaround ((?=, (?!, (?<=, (?<!).',
    })
  }
  if (patterns.length > 0) return undefined

  const outcome = await sandbox.run({ schema: schemaJson.value, data: json.value, template: String(templateFile.value), words })
  if (!outcome.ok) {
    const [blamed, what] = outcome.step === 'schema' ? [schemaFile, 'Checking the data against this JSON Schema'] : [templateFile, 'Rendering this template']
    const hint =
      outcome.step === 'schema'
        ? 'Simplify the schema: definitions that refer to one another several times over multiply the work of checking every value.'
        : 'A template may do only so much work (the README lists the limits): loop over fewer entries, or not over every entry inside each entry.'
    report(blamed, 'too-large', `${what} ${outcome.reason}, the most it may take`, { place: { line: 1, column: 1 }, hint })
    return undefined
  }
  const { result } = outcome
  if (result.kind === 'schema-invalid') {
    report(schemaFile, 'collection-schema', `The JSON Schema is not valid: ${result.reason}`, { place: schemaFaultPlace(result.reason, schemaJson) ?? { line: 1, column: 1 } })
    return undefined
  }
  if (result.kind === 'data-invalid') {
    for (const error of result.errors) {
      const { jsonPath, part } = placeOf(error)
      report(file, 'collection-schema', `${describe(error)} at ${jsonPath.length ? jsonPath.join('.') : 'the top level'}`, { place: json.locate(jsonPath, part) })
    }
    return undefined
  }
  if (result.kind === 'template-failed') {
    reportTemplate(templateFile, result.failure)
    return undefined
  }
  const failed = [result.report, ...result.briefs.map(([, rendered]) => rendered)].filter((rendered): rendered is Extract<TemplateOutcome, { ok: false }> => !rendered.ok)
  if (failed.length > 0) {
    // The same fault shows in every render (the report's, each brief's): once is enough.
    const seen = new Set<string>()
    for (const failure of failed) {
      const key = `${failure.reason}@${failure.place?.line}:${failure.place?.column}`
      if (seen.has(key)) continue
      seen.add(key)
      reportTemplate(templateFile, failure)
    }
    return undefined
  }
  const markdownOf = (rendered: TemplateOutcome) => (rendered.ok ? rendered.markdown : '')
  const title = typeof (schemaJson.value as { title?: unknown }).title === 'string' ? (schemaJson.value as { title: string }).title : name
  return {
    name,
    title,
    data: json.value,
    file,
    templateFile,
    reportMarkdown: markdownOf(result.report),
    briefMarkdown: new Map(result.briefs.map(([code, rendered]) => [code, markdownOf(rendered)])),
    checked: new Map(),
    countries: result.countries,
    locate: (jsonPath) => json.locate(jsonPath),
  }
}

/**
 * Where in the schema Ajv's complaint is: a `$ref` it cannot resolve (it fetches nothing),
 * or the place of a meta-schema error ("schema is invalid: data/properties/day/type ...").
 */
function schemaFaultPlace(reason: string, schema: { value: unknown; locate: (jsonPath: JsonPath) => Position | undefined }): Position | undefined {
  const reference = /can't resolve reference (\S+)/.exec(reason)?.[1]
  if (reference) {
    const stack: Array<{ node: unknown; path: JsonPath }> = [{ node: schema.value, path: [] }]
    while (stack.length > 0) {
      const { node, path: at } = stack.pop()!
      if (node === null || typeof node !== 'object') continue
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && child === reference) return schema.locate([...at, key])
        stack.push({ node: child, path: [...at, Array.isArray(node) ? Number(key) : key] })
      }
    }
  }
  const pointer = /schema is invalid: data(\/\S*)/.exec(reason)?.[1]
  return pointer ? schema.locate(toJsonPath(pointer)) : undefined
}

function reportTemplate(templateFile: VFile, failure: Extract<TemplateOutcome, { ok: false }>): void {
  const hint =
    failure.rule === 'too-deep'
      ? 'Blocks in a template may nest only so deep (the README lists the limits); flatten the template at this place.'
      : failure.rule === 'too-large'
      ? 'A template may do only so much work and write only so much Markdown (the README lists the limits): loop over fewer entries, or not over every entry inside each entry.'
      : undefined
  report(templateFile, failure.rule, failure.reason, { place: failure.place, hint })
}

/** A template file is a content file: its size and lines are limited as a Markdown file's are. */
function checkTemplateLimits(file: VFile): boolean {
  return checkMarkdownLimits(file)
}

function placeOf(error: DataError): { jsonPath: JsonPath; part: 'value' | 'key' } {
  const jsonPath = toJsonPath(error.instancePath)
  if (error.keyword === 'additionalProperties') return { jsonPath: [...jsonPath, String(error.params.additionalProperty)], part: 'key' }
  return { jsonPath, part: 'value' }
}

function describe(error: DataError): string {
  if (error.keyword === 'additionalProperties') return `Unknown field "${String(error.params.additionalProperty)}"`
  if (error.keyword === 'required') return `Missing field "${String(error.params.missingProperty)}"`
  return `Invalid value: ${error.message ?? error.keyword}`
}

/** Reports every country code of the collections that countries.json does not define, at its place. */
export function checkCollectionCountries(collections: ReadonlyMap<string, AuthorCollection>, known: ReadonlySet<string>, unknownCountry: (code: string, known: Iterable<string>) => string): void {
  for (const collection of collections.values()) {
    for (const reference of collection.countries) {
      if (known.has(reference.code)) continue
      report(collection.file, 'unknown-country', unknownCountry(reference.code, known), { place: collection.locate(reference.path) })
    }
  }
}
