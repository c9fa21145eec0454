/**
 * The untrusted work of one author-defined collection, with no file or network access:
 * compile its JSON Schema (patterns matched in linear time), check the data against it,
 * find the country codes it marks, and render its template for the report (all the data)
 * and for each country's brief (the data narrowed to that country), each render with a
 * budget. Runs on the collections' worker thread (`collection-worker.ts`), whose memory
 * and time are limited in turn; the result is plain data that crosses threads.
 */
import { Ajv } from 'ajv'
import type { JsonPath } from './json-source.ts'
import { linearRegExp } from './linear-patterns.ts'
import { compileTemplate, type TemplateOutcome, type TemplateWords } from './template-budget.ts'

export interface CountryReference {
  /** Where the code is written in the data. */
  path: JsonPath
  code: string
}

export interface CollectionJob {
  schema: unknown
  data: unknown
  template: string
  words: TemplateWords
}

export interface DataError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

/** What the worker is doing, told before each step, so that a step that takes too long is blamed on its file. */
export type CollectionStep = 'schema' | 'template'

export type CollectionResult =
  | { kind: 'schema-invalid'; reason: string }
  | { kind: 'data-invalid'; errors: DataError[] }
  | { kind: 'rendered'; countries: CountryReference[]; report: TemplateOutcome; briefs: Array<[code: string, outcome: TemplateOutcome]> }
  | { kind: 'template-failed'; failure: Extract<TemplateOutcome, { ok: false }> }

export function runCollectionJob(job: CollectionJob, step: (name: CollectionStep) => void = () => undefined): CollectionResult {
  step('schema')
  // The country codes found while validating are collected here, per job.
  const countries: CountryReference[] = []
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, code: { regExp: linearRegExp } })
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
    validate = ajv.compile(job.schema as object)
  } catch (error) {
    return { kind: 'schema-invalid', reason: (error as Error).message }
  }
  try {
    if (!validate(job.data)) {
      return { kind: 'data-invalid', errors: (validate.errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message })) }
    }
  } catch (error) {
    // A schema that refers to itself without end (`"$ref": "#"` applied to the same value).
    if (error instanceof RangeError) return { kind: 'schema-invalid', reason: `checking the data recursed without end (${error.message})` }
    throw error
  }

  step('template')
  const template = compileTemplate(job.template, job.words)
  if (!('render' in template)) return { kind: 'template-failed', failure: template }
  const codes = [...new Set(countries.map((reference) => reference.code))].sort()
  return {
    kind: 'rendered',
    countries,
    report: template.render(job.data),
    briefs: codes.map((code) => [code, template.render(narrowToCountry(job.data, countries, code))]),
  }
}

/** "/visits/0/host" → ["visits", 0, "host"]. */
export function toJsonPath(pointer: string): JsonPath {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
}

/**
 * The data with every list of entries that name countries narrowed to the entries that
 * name `code`. A brief renders the template with it.
 */
export function narrowToCountry(data: unknown, countries: readonly CountryReference[], code: string): unknown {
  // Each list is the one around the first index of a code's path: ["visits", 2, "host"] → visits[2].
  const listsToKeep = new Map<string, Set<number>>()
  for (const reference of countries) {
    const at = reference.path.findIndex((segment) => typeof segment === 'number')
    if (at < 0) continue
    const key = JSON.stringify(reference.path.slice(0, at))
    if (!listsToKeep.has(key)) listsToKeep.set(key, new Set())
    if (reference.code === code) listsToKeep.get(key)?.add(reference.path[at] as number)
  }
  const copy = structuredClone(data) as unknown
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
