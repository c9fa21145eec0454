/**
 * Turns zod's issues into messages at the place in the file where the value was written.
 */
import type { VFile } from 'vfile'
import type { z } from 'zod'
import { report } from '../errors/catalogue.ts'
import type { JsonPath } from './json-source.ts'

export type Locate = (path: JsonPath, part?: 'value' | 'key') => import('unist').Position | undefined

export function reportSchemaIssues(file: VFile, issues: readonly z.core.$ZodIssue[], locate: Locate, prefix = ''): void {
  for (const issue of issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        report(file, 'schema', `${prefix}Unknown field "${key}" ${describePath(path)}`, {
          place: locate([...path, key], 'key'),
          hint: 'Remove the field or correct its spelling; the schema allows no other fields here.',
        })
      }
      continue
    }
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined')
    const reason = missing
      ? `${prefix}Missing field "${String(path.at(-1))}" ${describePath(path.slice(0, -1))}`
      : `${prefix}${issue.message} ${describePath(path)}`
    report(file, 'schema', reason.trim(), { place: locate(path) })
  }
}

function describePath(path: JsonPath): string {
  if (path.length === 0) return 'at the top level'
  return `at ${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').replace(/^\./, '')}`
}
