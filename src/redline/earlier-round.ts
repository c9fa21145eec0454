/**
 * The content of the round sent before, for `build --redline`: a content folder as it was
 * sent (`--redline DIR`), or the content folder as a git revision holds it
 * (`--redline git:REV`). A revision's files are read with git itself (`ls-tree`, then
 * `cat-file` for each blob) into a temporary folder that is removed afterwards; the files
 * are bounded in number and size before any is written, only regular files under the
 * content folder's own path are taken, and the folder is then loaded and checked as any
 * content folder is.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { loadContent } from '../content/load.ts'
import type { Content } from '../content/model.ts'
import { limits } from '../content/limits.ts'
import { ContentError, UsageError } from '../errors/catalogue.ts'
import { fileSlug } from '../text/slug.ts'

const run = promisify(execFile)

/** How much of a revision a redline reads at most: as many files, and as many bytes in all. */
export const earlierRoundLimits = { files: 2_000, bytes: 64 * 1024 * 1024, gitSeconds: 30 } as const

export interface EarlierRound {
  /** The round's name for file names and titles: `--redline-label`, else the folder's name or the revision. */
  round: string
  /** Its content, loaded and checked. */
  content: Content
}

/** Loads the earlier round, hands it to `work`, and removes any temporary folder afterwards. */
export async function withEarlierRound<T>(spec: string, sourceDir: string, label: string | undefined, work: (round: EarlierRound) => Promise<T>): Promise<T> {
  if (spec.startsWith('git:')) {
    const revision = spec.slice('git:'.length)
    const folder = await extractRevision(revision, sourceDir)
    try {
      return await work({ round: roundName(label ?? revision), content: await loadContent(folder) })
    } catch (error) {
      // The temporary folder means nothing to the reader: the files are named as git names them.
      if (error instanceof ContentError) {
        for (const file of error.files) if (file.path.startsWith(folder + path.sep)) file.path = `git:${revision}/${path.relative(folder, file.path).split(path.sep).join('/')}`
      }
      throw error
    } finally {
      await fs.rm(folder, { recursive: true, force: true })
    }
  }
  const stat = await fs.stat(spec).catch(() => undefined)
  if (!stat?.isDirectory()) throw new UsageError(`--redline ${spec}: no such folder`, 'Give the content folder of the round sent before, or git:REV for the content folder as the git revision REV holds it.')
  if (path.resolve(spec) === path.resolve(sourceDir)) throw new UsageError(`--redline ${spec} is the content folder being built`, 'Give the folder of the round sent before.')
  return work({ round: roundName(label ?? path.basename(path.resolve(spec))), content: await loadContent(spec) })
}

/** The round's name as file names and titles carry it. */
export function roundName(name: string): string {
  const slug = fileSlug(name).slice(0, 60).replace(/-+$/, '')
  if (slug === '') throw new UsageError(`--redline: "${name}" gives no name for the round`, 'Name it with --redline-label, such as --redline-label round-1.')
  return slug
}

async function git(args: string[], cwd: string, maxBuffer: number): Promise<Buffer> {
  try {
    const { stdout } = await run('git', args, { cwd, encoding: 'buffer', maxBuffer, timeout: earlierRoundLimits.gitSeconds * 1000, windowsHide: true })
    return stdout
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim()
    throw new UsageError(`--redline: git ${args[0]} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`, 'Check that the content folder is in a git repository and that the revision exists (git log).')
  }
}

/** The content folder as `revision` holds it, written into a new temporary folder. */
async function extractRevision(revision: string, sourceDir: string): Promise<string> {
  if (!/^[\w./@^~{}-]+$/.test(revision) || revision.startsWith('-')) throw new UsageError(`--redline git:${revision}: not a revision name`, 'Give a branch, tag or commit, such as git:round-1 or git:HEAD~3.')
  const cwd = path.resolve(sourceDir)
  const prefix = (await git(['rev-parse', '--show-prefix'], cwd, 64 * 1024)).toString('utf8').trim()
  const listing = await git(['ls-tree', '-r', '-z', '--long', '--full-tree', revision, '--', prefix === '' ? '.' : prefix], cwd, 16 * 1024 * 1024)
  const blobs: Array<{ object: string; file: string; size: number }> = []
  let total = 0
  for (const entry of listing.toString('utf8').split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t([\s\S]+)$/.exec(entry)
    if (!match) continue
    const [, mode, type, object, size, name] = match as unknown as [string, string, string, string, string, string]
    // Regular files only: a symbolic link or a submodule could point outside.
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue
    const file = path.posix.relative(prefix.replace(/\/$/, ''), name)
    if (file === '' || file.startsWith('..') || path.posix.isAbsolute(file) || file.split('/').some((part) => part === '..' || part === '')) continue
    const bytes = Number(size)
    if (bytes > Math.max(limits.fileBytes, limits.imageBytes)) throw new UsageError(`--redline git:${revision}: ${name} is ${bytes} bytes, larger than any content file may be`)
    total += bytes
    blobs.push({ object, file, size: bytes })
    if (blobs.length > earlierRoundLimits.files || total > earlierRoundLimits.bytes) {
      throw new UsageError(`--redline git:${revision}: the content folder holds more than ${earlierRoundLimits.files} files or ${earlierRoundLimits.bytes / (1024 * 1024)} MB there`)
    }
  }
  if (blobs.length === 0) throw new UsageError(`--redline git:${revision}: the revision has no files under ${prefix || 'the repository root'}`)
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-docs-redline-'))
  try {
    for (const blob of blobs) {
      const bytes = await git(['cat-file', 'blob', blob.object], cwd, blob.size + 1)
      const target = path.join(folder, ...blob.file.split('/'))
      await fs.mkdir(path.dirname(target), { recursive: true })
      await fs.writeFile(target, bytes)
    }
  } catch (error) {
    await fs.rm(folder, { recursive: true, force: true })
    throw error
  }
  return folder
}
