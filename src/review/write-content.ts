/**
 * `review --apply` writes every file or none. Under a lock on the content folder (one
 * apply at a time), it refuses a file whose bytes changed since the review read it, stages
 * every new file in a hidden folder of the content folder (never read as content, on the
 * same disk so a rename moves it), renames them all into place, and runs what `check`
 * checks. An error of the check, a failed write, or SIGINT/SIGTERM at any moment puts
 * every file back as it was read, and leaves no staged file behind.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { ContentError, ToolError } from '../errors/catalogue.ts'
import { BuildLockedError, lockOutput } from '../pipeline/lock.ts'
import { pauseForFault } from '../session/fault-injection.ts'

const stagingPrefix = '.rso-review-'

export interface FileWrite {
  /** Absolute path. */
  file: string
  /** The text the review read (what must still be there). */
  before: string
  after: string
}

type Signal = 'SIGINT' | 'SIGTERM'

class Interrupted extends Error {
  constructor(readonly signal: Signal) {
    super(`interrupted by ${signal}`)
  }
}

/**
 * Writes `writes` into `sourceDir` all or nothing; `check` runs on the folder once every
 * file is in place, and any error it throws puts them all back before it is rethrown.
 */
export async function writeAllOrNothing(sourceDir: string, writes: readonly FileWrite[], check: () => Promise<void>): Promise<void> {
  if (writes.length === 0) return
  let interrupted: Signal | undefined
  const onSignal = (signal: Signal) => {
    interrupted ??= signal
  }
  const stopIfInterrupted = () => {
    if (interrupted) throw new Interrupted(interrupted)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const root = path.resolve(sourceDir)
  let unlock: (() => Promise<void>) | undefined
  const staging = path.join(root, `${stagingPrefix}${randomBytes(6).toString('hex')}`)
  // Killed outright (SIGKILL aside, which nothing catches), the staging folder still goes.
  const removeStaging = () => rmSync(staging, { recursive: true, force: true })
  process.once('exit', removeStaging)
  const placed: FileWrite[] = []
  try {
    try {
      unlock = await lockOutput(root)
    } catch (error) {
      if (error instanceof BuildLockedError) throw new ToolError('review-apply-refused', `nothing was written: another review --apply is writing into ${sourceDir}; wait for it to finish, then run review again`)
      throw error
    }
    await sweepStaging(root)
    for (const write of writes) {
      const now = await fs.readFile(write.file, 'utf8').catch(() => undefined)
      if (now !== write.before) {
        throw new ToolError('review-apply-refused', `nothing was written: ${path.relative(process.cwd(), write.file) || write.file} changed since the review read it (saved by its author, or another review?); run review again`)
      }
    }
    stopIfInterrupted()
    await fs.mkdir(staging)
    const staged = await stage(staging, writes.map((write) => write.after))
    await pauseForFault('review-staged')
    stopIfInterrupted()
    try {
      // Renames only: milliseconds, and a signal waits until they are all done or undone.
      for (const [index, write] of writes.entries()) {
        await fs.rename(staged[index] as string, write.file)
        placed.push(write)
        if (placed.length === 1) await pauseForFault('review-renamed')
      }
      stopIfInterrupted()
      await check()
      await pauseForFault('review-checked')
      stopIfInterrupted()
    } catch (error) {
      await putBack(staging, placed)
      throw error
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      await finish(staging, unlock, removeStaging, onSignal)
      process.stderr.write(`Interrupted (${error.signal}): nothing was written; every content file is as it was.\n`)
      // As a build ends on a signal: 128 + its number.
      process.exit(128 + (error.signal === 'SIGINT' ? 2 : 15))
    }
    if (error instanceof ToolError || error instanceof ContentError) throw error
    throw new ToolError('review-apply-refused', `nothing was written: ${(error as Error).message}`, { cause: error })
  } finally {
    await finish(staging, unlock, removeStaging, onSignal)
  }
}

async function finish(staging: string, unlock: (() => Promise<void>) | undefined, removeStaging: () => void, onSignal: (signal: Signal) => void): Promise<void> {
  await fs.rm(staging, { recursive: true, force: true })
  process.removeListener('exit', removeStaging)
  await unlock?.().catch(() => undefined)
  process.removeListener('SIGINT', onSignal)
  process.removeListener('SIGTERM', onSignal)
}

async function stage(staging: string, texts: readonly string[], prefix = 'new-'): Promise<string[]> {
  const files: string[] = []
  for (const [index, text] of texts.entries()) {
    const file = path.join(staging, `${prefix}${index}`)
    const handle = await fs.open(file, 'wx')
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    files.push(file)
  }
  return files
}

/** Every placed file as it was read, staged and renamed in turn. */
async function putBack(staging: string, placed: readonly FileWrite[]): Promise<void> {
  if (placed.length === 0) return
  await fs.mkdir(staging, { recursive: true })
  const originals = await stage(staging, placed.map((write) => write.before), 'back-')
  for (const [index, write] of placed.entries()) await fs.rename(originals[index] as string, write.file)
}

/** Staging folders of an apply that was killed outright; the lock says none is running. */
async function sweepStaging(root: string): Promise<void> {
  for (const name of await fs.readdir(root).catch(() => [] as string[])) {
    if (name.startsWith(stagingPrefix)) await fs.rm(path.join(root, name), { recursive: true, force: true })
  }
}
