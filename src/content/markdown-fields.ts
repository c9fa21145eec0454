/**
 * The fields of the JSON files that hold inline Markdown (`inlineMarkdown` in the schema),
 * found by walking each file's schema beside its value, so a field added to a schema is
 * found without a list to keep up to date.
 */
import type { z } from 'zod'
import type { JsonPath } from './json-source.ts'
import { dataFiles, inlineMarkdown } from './schema.ts'
import type { DataFileName, MarkdownField } from './model.ts'


interface Definition {
  type: string
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  innerType?: z.ZodType
  options?: z.ZodType[]
}

const definition = (schema: z.ZodType): Definition => (schema as unknown as { _zod: { def: Definition } })._zod.def

function walk(schema: z.ZodType, value: unknown, path: JsonPath, found: Array<{ path: JsonPath; markdown: string }>): void {
  if (schema === inlineMarkdown) {
    if (typeof value === 'string') found.push({ path, markdown: value })
    return
  }
  const def = definition(schema)
  if (def.type === 'object' && def.shape && value && typeof value === 'object') {
    for (const [key, field] of Object.entries(def.shape)) walk(field, (value as Record<string, unknown>)[key], [...path, key], found)
  } else if (def.type === 'array' && def.element && Array.isArray(value)) {
    value.forEach((entry, index) => walk(def.element as z.ZodType, entry, [...path, index], found))
  } else if (def.innerType) {
    walk(def.innerType, value, path, found)
  } else if (def.type === 'union' && def.options) {
    for (const option of def.options) walk(option, value, path, found)
  }
}

/** Every inline Markdown value of the loaded content, with the file and JSON path it was written at. */
export function markdownFields(values: Partial<Record<DataFileName, unknown>>): MarkdownField[] {
  const fields: MarkdownField[] = []
  for (const fileName of Object.keys(dataFiles) as DataFileName[]) {
    if (!(fileName in values)) continue
    const found: Array<{ path: JsonPath; markdown: string }> = []
    walk(dataFiles[fileName], values[fileName], [], found)
    fields.push(...found.map((entry) => ({ fileName, ...entry })))
  }
  return fields
}
