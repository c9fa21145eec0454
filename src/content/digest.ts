/**
 * Hashes of content for rebuild decisions and caches: one serialiser for all of them, with
 * sorted keys and without source positions, which move when unrelated lines are edited.
 */
import { createHash } from 'node:crypto'

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (key, entry: unknown) => {
    if (key === 'position') return undefined
    if (entry instanceof Date) return entry.toISOString()
    if (entry && typeof entry === 'object' && !Array.isArray(entry) && !(entry instanceof Uint8Array)) {
      return Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return entry
  })
}
