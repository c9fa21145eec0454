/**
 * One build at a time per output folder: a second build started on the same `out/` stops
 * with a clear message instead of writing over the first one's files. The lock is released
 * when the build ends. A build killed outright (SIGKILL) cannot release it: its process id,
 * written beside the lock, lets the next build on this machine see that the owner is gone
 * and take the lock over at once; elsewhere the lock goes stale after `staleMs`.
 */
import fs from 'node:fs/promises'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import lockfile from 'proper-lockfile'
import { ToolError } from '../errors/catalogue.ts'

export class BuildLockedError extends ToolError {
  constructor(outDir: string) {
    super('build-locked', `Another build is writing to ${outDir}. Wait for it to finish, or build into another folder with --out.`)
    this.name = 'BuildLockedError'
  }
}

const staleMs = 20_000

interface Owner {
  pid: number
  host: string
}

export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(outDir, { recursive: true })
  const lockPath = path.join(outDir, '.build.lock')
  const ownerPath = path.join(outDir, '.build.owner')
  const acquire = () => lockfile.lock(outDir, { lockfilePath: lockPath, stale: staleMs, update: staleMs / 4, retries: 0, realpath: false })
  let release: () => Promise<void>
  try {
    release = await acquire()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    if (!(await ownerIsGone(ownerPath))) throw new BuildLockedError(outDir)
    await fs.rm(lockPath, { recursive: true, force: true })
    try {
      release = await acquire()
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === 'ELOCKED') throw new BuildLockedError(outDir)
      throw retryError
    }
  }
  const owner: Owner = { pid: process.pid, host: os.hostname() }
  await fs.writeFile(ownerPath, JSON.stringify(owner))
  // A build ended by a signal exits without running the release below; proper-lockfile
  // removes its lock on exit, and this removes the owner beside it.
  const removeOwner = () => rmSync(ownerPath, { force: true })
  process.once('exit', removeOwner)
  return async () => {
    process.removeListener('exit', removeOwner)
    await fs.rm(ownerPath, { force: true })
    await release()
  }
}

/** Whether the build that holds the lock was a process on this machine that no longer runs. */
async function ownerIsGone(ownerPath: string): Promise<boolean> {
  let owner: Partial<Owner>
  try {
    owner = JSON.parse(await fs.readFile(ownerPath, 'utf8')) as Partial<Owner>
  } catch {
    // No owner written yet: the other build may be between taking the lock and writing it.
    return false
  }
  if (owner.host !== os.hostname() || typeof owner.pid !== 'number' || owner.pid === process.pid) return false
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
