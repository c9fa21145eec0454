/**
 * Outputs are written to a temporary file in the same folder and renamed into place, so a
 * reader never sees half a file and a failed or killed build leaves the last good output.
 * Temporary files carry a recognisable name so the next build can sweep away any left by a
 * build that was killed outright; a build ended by a signal removes its own on the way out.
 */
import fs from 'node:fs/promises'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { noFaults, stopDead, type FaultPlan } from './fault-injection.ts'

const temporaryMarker = '.rso-tmp-'

/**
 * Temporary files being written, removed on exit when a signal ends the build mid-write.
 * This stays in module scope on purpose: what it answers to is the process's own exit,
 * which every session in the process shares, and one exit handler serves them all.
 */
const pending = new Set<string>()
let removeOnExit = false

function track(temporary: string): void {
  if (!removeOnExit) {
    removeOnExit = true
    process.on('exit', () => {
      for (const file of pending) rmSync(file, { force: true })
    })
  }
  pending.add(temporary)
}

/**
 * Folders this process has made (or found) for its outputs: a build writes hundreds of
 * files into a few folders, and a folder made once is not asked for again. A folder removed
 * since is made again when the write finds it missing (`openTemporary`). Process-wide like
 * `pending`, and bounded.
 */
const madeFolders = new Set<string>()

async function makeFolder(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true })
  if (madeFolders.size >= 1000) madeFolders.clear()
  madeFolders.add(folder)
}

/** Writes `file` whole or not at all; `faults` is the session's fault plan (`noFaults` but in the fault tests). */
export async function writeFileAtomic(file: string, data: Uint8Array | string, faults: FaultPlan = noFaults): Promise<void> {
  if (!madeFolders.has(path.dirname(file))) await makeFolder(path.dirname(file))
  const temporary = path.join(path.dirname(file), `${temporaryMarker}${randomBytes(6).toString('hex')}-${path.basename(file)}`)
  track(temporary)
  try {
    await writeAndRename(temporary, file, data, faults)
  } finally {
    pending.delete(temporary)
  }
}

async function writeAndRename(temporary: string, file: string, data: Uint8Array | string, faults: FaultPlan): Promise<void> {
  const handle = await openTemporary(temporary)
  try {
    const fault = faults.halfWritten(file)
    if (fault) {
      await handle.writeFile(typeof data === 'string' ? data.slice(0, data.length / 2) : data.subarray(0, data.length / 2))
      await handle.sync()
      stopDead(fault)
    }
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await fs.rm(temporary, { force: true })
    throw error
  }
  await handle.close()
  try {
    await faults.rename(() => fs.rename(temporary, file), file)
  } catch (error) {
    await fs.rm(temporary, { force: true })
    throw error
  }
}

/** Opens the temporary file for writing, making its folder again if it went since this process made it. */
async function openTemporary(temporary: string): Promise<fs.FileHandle> {
  try {
    return await fs.open(temporary, 'w')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    madeFolders.delete(path.dirname(temporary))
    await makeFolder(path.dirname(temporary))
    return fs.open(temporary, 'w')
  }
}

/** Temporary files of outputs and of the cache, and the `.partial` map PNGs that earlier versions left. */
function isTemporaryName(name: string): boolean {
  return name.startsWith(temporaryMarker) || name.endsWith('.partial')
}

/** Removes temporary files that a killed build left under `directory`. */
export async function sweepTemporaryFiles(directory: string): Promise<number> {
  let removed = 0
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (entry.isFile() && isTemporaryName(entry.name)) {
      await fs.rm(path.join(entry.parentPath, entry.name), { force: true })
      removed++
    }
  }
  return removed
}
