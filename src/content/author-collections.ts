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
import { Ajv, type ErrorObject } from 'ajv'
import Handlebars from 'handlebars'
import { VFile } from 'vfile'
import { report } from '../errors/catalogue.ts'
import { parseJson, type JsonPath } from './json-source.ts'

export interface CountryReference {
  /** Where the code is written in the data. */
  path: JsonPath
  code: string
}

export interface AuthorCollection {
  name: string
  /** The schema's `title`, or the name: the heading of the collection's part of a brief. */
  title: string
  data: unknown
  file: VFile
  templateFile: VFile
  render: HandlebarsTemplateDelegate
  /** Every value the schema marks as a country code, with where it is written. */
  countries: CountryReference[]
  locate(jsonPath: JsonPath): import('unist').Position | undefined
}

export const collectionsFolder = 'collections'

/** Reads and checks every collection of `collections/`; problems are reported on the files, which are added to `files`. */
export async function loadAuthorCollections(root: string, files: Map<string, VFile>): Promise<Map<string, AuthorCollection>> {
  const directory = path.join(root, collectionsFolder)
  const names = (await fs.readdir(directory).catch(() => [] as string[]))
    .filter((entry) => entry.endsWith('.json') && !entry.endsWith('.schema.json'))
    .map((entry) => entry.slice(0, -'.json'.length))
    .sort()
  const collections = new Map<string, AuthorCollection>()
  for (const name of names) {
    const collection = await loadOne(root, name, files)
    if (collection) collections.set(name, collection)
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

async function loadOne(root: string, name: string, files: Map<string, VFile>): Promise<AuthorCollection | undefined> {
  const base = `${collectionsFolder}/${name}`
  const [file, schemaFile, templateFile] = await Promise.all([read(root, `${base}.json`, files), read(root, `${base}.schema.json`, files), read(root, `${base}.hbs`, files)])
  if ([file, schemaFile, templateFile].some((entry) => entry.messages.length > 0)) return undefined
  const json = parseJson(file)
  const schemaJson = parseJson(schemaFile)
  if (!json || !schemaJson) return undefined

  // One validator per collection: the country codes it finds are collected here, not in module scope.
  const countries: CountryReference[] = []
  const ajv = new Ajv({ allErrors: true, strict: false })
  ajv.addKeyword({
    keyword: 'x-country',
    schemaType: 'boolean',
    validate: (marked: boolean, value: unknown, _parent?: unknown, context?: { instancePath: string }) => {
      if (marked && typeof value === 'string' && context) countries.push({ path: toJsonPath(context.instancePath), code: value })
      return true
    },
  })
  let validate: ReturnType<Ajv['compile']>
  try {
    validate = ajv.compile(schemaJson.value as object)
  } catch (error) {
    report(schemaFile, 'collection-schema', `The JSON Schema is not valid: ${(error as Error).message}`)
    return undefined
  }
  if (!validate(json.value)) {
    for (const error of validate.errors ?? []) {
      const { jsonPath, part } = placeOf(error)
      report(file, 'collection-schema', `${describe(error)} at ${jsonPath.length ? jsonPath.join('.') : 'the top level'}`, { place: json.locate(jsonPath, part) })
    }
    return undefined
  }

  const handlebars = Handlebars.create()
  const source = String(templateFile.value)
  try {
    handlebars.parse(source)
  } catch (error) {
    const line = Number(/Parse error on line (\d+)/.exec((error as Error).message)?.[1] ?? 1)
    report(templateFile, 'template', `The template is not valid Handlebars: ${(error as Error).message.split('\n').at(-1)}`, { place: { line, column: 1 } })
    return undefined
  }
  const render = handlebars.compile(source, { strict: true, knownHelpersOnly: true, knownHelpers: { if: true, each: true, unless: true, with: true } })
  const title = typeof (schemaJson.value as { title?: unknown }).title === 'string' ? (schemaJson.value as { title: string }).title : name
  return { name, title, data: json.value, file, templateFile, render, countries, locate: (jsonPath) => json.locate(jsonPath) }
}

/** "/visits/0/host" → ["visits", 0, "host"]. */
function toJsonPath(pointer: string): JsonPath {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
}

function placeOf(error: ErrorObject): { jsonPath: JsonPath; part: 'value' | 'key' } {
  const jsonPath = toJsonPath(error.instancePath)
  if (error.keyword === 'additionalProperties') return { jsonPath: [...jsonPath, String(error.params.additionalProperty)], part: 'key' }
  return { jsonPath, part: 'value' }
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `Unknown field "${String(error.params.additionalProperty)}"`
  if (error.keyword === 'required') return `Missing field "${String(error.params.missingProperty)}"`
  return `Invalid value: ${error.message ?? error.keyword}`
}

/**
 * The data with every list of entries that name countries narrowed to the entries that
 * name `code`; undefined when none does. A brief renders the template with it.
 */
export function narrowToCountry(collection: AuthorCollection, code: string): unknown {
  const naming = collection.countries.filter((reference) => reference.code === code)
  if (naming.length === 0) return undefined
  // Each list is the one around the first index of a code's path: ["visits", 2, "host"] → visits[2].
  const listsToKeep = new Map<string, Set<number>>()
  for (const reference of collection.countries) {
    const at = reference.path.findIndex((segment) => typeof segment === 'number')
    if (at < 0) continue
    const key = JSON.stringify(reference.path.slice(0, at))
    if (!listsToKeep.has(key)) listsToKeep.set(key, new Set())
    if (reference.code === code) listsToKeep.get(key)?.add(reference.path[at] as number)
  }
  const copy = structuredClone(collection.data) as unknown
  for (const [key, keep] of listsToKeep) {
    const listPath = JSON.parse(key) as JsonPath
    const parent = listPath.slice(0, -1).reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], copy) as Record<string | number, unknown>
    const last = listPath.at(-1)
    const list = last === undefined ? copy : parent[last]
    if (!Array.isArray(list)) continue
    const narrowed = list.filter((_entry, index) => keep.has(index))
    if (last === undefined) return narrowed
    parent[last] = narrowed
  }
  return copy
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
