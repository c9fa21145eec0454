/**
 * Every field of every content file, read from its schema (zod's JSON Schema of the input):
 * its path (`countries[].code`), what kind of value it takes and whether it is required. The
 * README's tables of fields are made from this with the words of `field-descriptions.ts`,
 * and a test fails when a field has no words or words name no field.
 */
import { z } from 'zod'
import { dataFiles } from './schema.ts'
import type { DataFileName } from './model.ts'

export interface Field {
  /** `venue.city`, `countries[].code`: `[]` for each item of a list. */
  path: string
  /** The kind of value, in words: "text", "country code", "list of text", "one of: air, land, sea". */
  type: string
  /** `yes`, `no`, or when it is required ("when kind is region"). */
  required: string
}

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema | false
  prefixItems?: JsonSchema[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  pattern?: string
  format?: string
  additionalProperties?: JsonSchema | boolean
}

const patterns: Record<string, string> = {
  '^[A-Z]{3}$': 'country code (ISO 3166-1 alpha-3)',
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'id (lower case, words joined by -)',
}

/** The kind of value a schema takes, in words. */
function kindOf(schema: JsonSchema): string {
  const variants = schema.anyOf ?? schema.oneOf
  if (variants) return [...new Set(variants.map(kindOf))].join(', or ')
  if (schema.enum) return `one of: ${schema.enum.map(String).join(', ')}`
  if (schema.const !== undefined) return `"${String(schema.const)}"`
  if (schema.pattern && patterns[schema.pattern]) return patterns[schema.pattern] as string
  if (schema.format === 'date') return 'date (YYYY-MM-DD)'
  if (schema.format === 'email') return 'e-mail address'
  if (schema.format === 'uri') return 'https:// address'
  if (schema.prefixItems) return `[${schema.prefixItems.map(kindOf).join(', ')}]`
  if (schema.type === 'array') return schema.items ? `list of ${plural(kindOf(schema.items))}` : 'list'
  if (schema.type === 'object') {
    if (schema.properties && Object.keys(schema.properties).length === 1 && schema.properties.missing) return '{ "missing": why }'
    return schema.properties ? 'object' : 'object of text by name'
  }
  return { string: 'text', number: 'number', integer: 'whole number', boolean: 'true or false' }[String(schema.type)] ?? String(schema.type ?? 'any value')
}

const plural = (kind: string) => kind.replace(/^(object|country code|id)\b/, '$1s')

/** The fields under `schema`, depth first, each object's own fields before those of its lists. */
function walk(schema: JsonSchema, prefix: string, required: string, fields: Field[]): void {
  const variants = schema.oneOf ?? schema.anyOf
  if (variants && variants.every((variant) => variant.type === 'object' && variant.properties)) {
    // A list of kinds (places.json): every field of every kind, required as its kinds say.
    const names = [...new Set(variants.flatMap((variant) => Object.keys(variant.properties ?? {})))]
    for (const name of names) {
      const having = variants.filter((variant) => variant.properties?.[name])
      const requiring = variants.filter((variant) => variant.required?.includes(name))
      const kinds = requiring.map((variant) => variant.properties?.kind).flatMap((kind) => (kind?.enum ?? (kind?.const !== undefined ? [kind.const] : [])).map(String))
      const when = requiring.length === variants.length ? 'yes' : requiring.length === 0 ? 'no' : `when kind is ${kinds.join(', ')}`
      const merged = having.length === 1 ? (having[0]?.properties?.[name] as JsonSchema) : { anyOf: having.map((variant) => variant.properties?.[name] as JsonSchema) }
      add(merged, `${prefix}${name}`, when, fields)
    }
    return
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (name === '$schema') continue
    add(property, `${prefix}${name}`, schema.required?.includes(name) ? 'yes' : 'no', fields)
  }
}

function add(schema: JsonSchema, path: string, required: string, fields: Field[]): void {
  const simpleKinds = (schema.anyOf ?? []).every((variant) => kindOf(variant) === kindOf((schema.anyOf ?? [])[0] ?? {}))
  const shown = schema.anyOf && simpleKinds ? (schema.anyOf[0] as JsonSchema) : schema
  fields.push({ path, type: kindOf(shown), required })
  if (shown.type === 'object' && shown.properties && !shown.properties.missing) walk(shown, `${path}.`, required, fields)
  if (shown.type === 'array' && shown.items && (shown.items.type === 'object' || shown.items.oneOf)) walk(shown.items, `${path}[].`, required, fields)
}

/** Every field of a content file. */
export function fieldsOf(schema: z.ZodType): Field[] {
  const fields: Field[] = []
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', 'yes', fields)
  return fields
}

/** Every field of every JSON file of the content, by file. */
export function contentFields(): Array<[DataFileName, Field[]]> {
  return (Object.keys(dataFiles) as DataFileName[]).map((name) => [name, fieldsOf(dataFiles[name])])
}
