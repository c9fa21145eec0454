/**
 * One build at a time per output folder: a second build started on the same `out/` stops
 * with a clear message instead of writing over the first one's files. The lock is released
 * when the build ends, and a lock left by a killed build goes stale and is taken over.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import lockfile from 'proper-lockfile'

export class BuildLockedError extends Error {
  constructor(outDir: string) {
    super(`Another build is writing to ${outDir}. Wait for it to finish, or build into another folder with --out.`)
    this.name = 'BuildLockedError'
  }
}

export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(outDir, { recursive: true })
  try {
    return await lockfile.lock(outDir, { lockfilePath: path.join(outDir, '.build.lock'), stale: 20_000, update: 5_000, retries: 0, realpath: false })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new BuildLockedError(outDir)
    throw error
  }
}
