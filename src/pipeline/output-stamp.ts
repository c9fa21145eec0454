/**
 * Whether an output on disk is still the one a build wrote, as the manifest records it,
 * without reading it where that can be told safely: as Git's index does, from the file's
 * size and modification time, taken right after it was written (its stamp). A file whose
 * stamp matches and that was last changed before the manifest was written is the file
 * written. Anything else is read and hashed: a changed stamp (an output edited by hand),
 * or a file changed in the same tick of the file system's clock as the manifest, where an
 * edit could keep the time ("racily clean" in Git's words).
 *
 * Only Node's own modules are loaded here: `up-to-date.ts` runs before any stage loads.
 */
import { createHash } from 'node:crypto'
import type { BigIntStats } from 'node:fs'
import fs from 'node:fs/promises'

/** What a manifest entry records to check its output by. */
export interface RecordedOutput {
  /** Hash of the output's bytes. */
  sha256: string
  /** Its size and modification time in nanoseconds when it was written, `size:mtime`. */
  stamp?: string
}

const stampOf = (stats: BigIntStats) => `${stats.size}:${stats.mtimeNs}`

/** The stamp of `file` now, or undefined when it cannot be read. */
export async function outputStamp(file: string): Promise<string | undefined> {
  return fs.stat(file, { bigint: true }).then(stampOf, () => undefined)
}

/** When `manifestFile` was last written, in nanoseconds; undefined when it is missing. */
export async function writtenAt(manifestFile: string): Promise<bigint | undefined> {
  return fs.stat(manifestFile, { bigint: true }).then((stats) => stats.mtimeNs, () => undefined)
}

/**
 * Whether `file` is the output `recorded` describes: by its stamp when it was written before
 * `manifestWritten` (the manifest's own modification time), else by the hash of its bytes.
 */
export async function isRecordedOutput(file: string, recorded: RecordedOutput, manifestWritten: bigint | undefined): Promise<boolean> {
  if (recorded.stamp !== undefined && manifestWritten !== undefined) {
    const stats = await fs.stat(file, { bigint: true }).catch(() => undefined)
    if (!stats) return false
    if (stampOf(stats) === recorded.stamp && stats.mtimeNs < manifestWritten) return true
  }
  const bytes = await fs.readFile(file).catch(() => undefined)
  return bytes !== undefined && createHash('sha256').update(bytes).digest('hex') === recorded.sha256
}
