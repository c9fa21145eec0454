/**
 * One build at a time per output folder: a second build started on the same `out/` stops
 * with a clear message instead of writing over the first one's files. The lock is released
 * when the build ends. A build killed outright (SIGKILL) cannot release it: its process id,
 * written beside the lock, lets the next build on this machine see that the owner is gone
 * and take the lock over at once; a lock whose owner is on another machine, or unknown,
 * is taken over when it has not been refreshed for `staleMs`.
 *
 * Taking a lock over is removing it and taking it again, which two builds must not do at
 * once (the second would remove the first one's new lock, and both would build). So every
 * takeover happens inside a guard (a directory made atomically, `.build.lock.takeover`),
 * and looks at the owner again inside it: the second build then finds the first alive and
 * stops. proper-lockfile's own stale takeover, which has that race, is switched off.
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
/** A takeover takes milliseconds; a guard older than this was left by a build killed in one. */
const abandonedGuardMs = 10_000

interface Owner {
  pid: number
  host: string
}

export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(outDir, { recursive: true })
  const lockPath = path.join(outDir, '.build.lock')
  const ownerPath = path.join(outDir, '.build.owner')
  const acquire = async () => {
    // Stale locks are taken over below, never by proper-lockfile itself; it only keeps this one fresh.
    const release = await lockfile.lock(outDir, { lockfilePath: lockPath, stale: 365 * 24 * 3600_000, update: staleMs / 4, retries: 0, realpath: false })
    const owner: Owner = { pid: process.pid, host: os.hostname() }
    await fs.writeFile(ownerPath, JSON.stringify(owner))
    return release
  }
  let release: () => Promise<void>
  try {
    release = await acquire()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    if (!(await holderIsGone(lockPath, ownerPath))) throw new BuildLockedError(outDir)
    release = await takeOver(outDir, lockPath, ownerPath, acquire)
  }
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

/** Removes the lock of a build that is gone and takes it, unless another build does so first. */
async function takeOver(outDir: string, lockPath: string, ownerPath: string, acquire: () => Promise<() => Promise<void>>): Promise<() => Promise<void>> {
  const guard = `${lockPath}.takeover`
  const guardAge = await fs.stat(guard).then((stat) => Date.now() - stat.mtimeMs, () => undefined)
  if (guardAge !== undefined && guardAge > abandonedGuardMs) await fs.rm(guard, { recursive: true, force: true })
  try {
    await fs.mkdir(guard)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BuildLockedError(outDir)
    throw error
  }
  try {
    // Another build may have taken the lock over between the first look and the guard.
    if (!(await holderIsGone(lockPath, ownerPath))) throw new BuildLockedError(outDir)
    await fs.rm(lockPath, { recursive: true, force: true })
    return await acquire()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new BuildLockedError(outDir)
    throw error
  } finally {
    await fs.rm(guard, { recursive: true, force: true })
  }
}

/**
 * Whether the build that holds the lock is gone: a process on this machine that no longer
 * runs, or a lock not refreshed for `staleMs` (its owner on another machine, or killed
 * before it wrote its owner).
 */
async function holderIsGone(lockPath: string, ownerPath: string): Promise<boolean> {
  const stat = await fs.stat(lockPath).catch(() => undefined)
  if (!stat) return true
  const stale = Date.now() - stat.mtimeMs > staleMs
  let owner: Partial<Owner>
  try {
    owner = JSON.parse(await fs.readFile(ownerPath, 'utf8')) as Partial<Owner>
  } catch {
    // No owner written yet: the other build may be between taking the lock and writing it.
    return stale
  }
  if (owner.host !== os.hostname() || typeof owner.pid !== 'number') return stale
  if (owner.pid === process.pid) return false
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
