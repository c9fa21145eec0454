/**
 * The one date written into every output, so the same content gives the same bytes:
 * SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the last day of
 * the forum.
 */
import type { Content } from '../content/model.ts'
import { UsageError } from '../errors/catalogue.ts'

export function buildDate(content: Content, environment: NodeJS.ProcessEnv = process.env): Date {
  const epoch = environment.SOURCE_DATE_EPOCH
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not "${epoch}"`)
    return new Date(Number(epoch) * 1000)
  }
  return new Date(`${content.forum.dates.end}T00:00:00Z`)
}
