/**
 * A package's one zip pass (fflate): the XML deflated, what is compressed already (PNG,
 * JPEG) or small once subset (the fonts) stored as it is, every entry with the same time.
 */
import { zipSync, type ZipOptions } from 'fflate'

/** Extensions written without deflating: images are compressed already, and subset fonts are small. */
const stored = /\.(png|jpe?g|gif|odttf)$/i

export function zipPackage(files: ReadonlyArray<readonly [string, Uint8Array]>, date: Date): Uint8Array {
  // The zip format stores a local time (from 1980 on); fflate reads the Date's local
  // fields, so build one whose local fields are the UTC ones: same bytes in every time zone.
  const clamped = new Date(Math.max(date.getTime(), Date.UTC(1980, 0, 2)))
  const mtime = new Date(clamped.getUTCFullYear(), clamped.getUTCMonth(), clamped.getUTCDate(), clamped.getUTCHours(), clamped.getUTCMinutes(), clamped.getUTCSeconds())
  const entries: Record<string, [Uint8Array, ZipOptions]> = {}
  for (const [name, data] of files) entries[name] = [data, { level: stored.test(name) ? 0 : 6, mtime }]
  return zipSync(entries)
}
