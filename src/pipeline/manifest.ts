/**
 * What each output was made from, by content hash, kept in `out/.manifest.json`. An output
 * is rendered again only when its key changes: the document it shows (its sanitised trees,
 * cover and properties), the data its maps are drawn from, and the tool itself (code,
 * templates, styles, fonts, dependencies). A brief that does not show an edited
 * proposition keeps its key, so it is not rendered again.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Brand } from '../brand/brand.ts'
import { projectRoot } from '../brand/brand.ts'
import { writeFileAtomic } from '../session/atomic-write.ts'
import type { FaultPlan } from '../session/fault-injection.ts'
import { sha256 } from '../content/digest.ts'
import { isRecordedOutput, writtenAt } from './output-stamp.ts'

const manifestName = '.manifest.json'
const manifestVersion = 1

export interface ManifestEntry {
  /** Hash of everything the output was made from. */
  key: string
  /** Hash of the output's bytes, to notice an output changed or removed by hand. */
  sha256: string
  /** The content folder it was built from, so that a build removes only its own event's outputs that it no longer makes. */
  source?: string
  /** The output's size and modification time as written (`output-stamp.ts`), so a check need not read it. */
  stamp?: string
}

export interface Manifest {
  version: number
  outputs: Record<string, ManifestEntry>
  /** What the last whole build was made from (`up-to-date.ts`), for a build with nothing to do. */
  inputs?: InputsRecord
  /** When the manifest read was written, in nanoseconds (not stored): stamps are trusted only from before it. */
  writtenAt?: bigint
}

export { sha256 }

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const file = path.join(outDir, manifestName)
    const written = await writtenAt(file)
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Manifest
    if (parsed.version === manifestVersion && parsed.outputs && typeof parsed.outputs === 'object') return { ...parsed, ...(written === undefined ? {} : { writtenAt: written }) }
  } catch {
    // No manifest yet, or a damaged one: everything is rendered again.
  }
  return { version: manifestVersion, outputs: {} }
}

export async function writeManifest(outDir: string, manifest: Manifest, faults?: FaultPlan): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest.outputs).sort(([a], [b]) => a.localeCompare(b)))
  await writeFileAtomic(path.join(outDir, manifestName), `${JSON.stringify({ version: manifestVersion, outputs: sorted, ...(manifest.inputs ? { inputs: manifest.inputs } : {}) }, null, 2)}\n`, faults)
}

/** Whether `output` (relative to `outDir`) is still what the manifest says was made from `key`. */
export async function isCurrent(outDir: string, output: string, key: string, manifest: Manifest): Promise<boolean> {
  const entry = manifest.outputs[output]
  if (!entry || entry.key !== key) return false
  return isRecordedOutput(path.join(outDir, output), entry, manifest.writtenAt)
}

/**
 * Hash of the tool: its code, templates, styles and fonts, and the locked dependencies. A
 * change to any of them renders everything again.
 */
export async function toolHash(brand: Brand, templateFiles: readonly string[]): Promise<string> {
  const sourceFiles = await listFiles(path.join(projectRoot, 'src'))
  const files = [...sourceFiles, ...templateFiles, ...brand.files, path.join(projectRoot, 'styles', 'document.css'), path.join(projectRoot, 'package-lock.json')]
  const hash = createHash('sha256')
  for (const file of [...new Set(files)].sort()) {
    hash.update(path.relative(projectRoot, file)).update('\0')
    hash.update(await fs.readFile(file).catch(() => Buffer.from('missing'))).update('\0')
  }
  return hash.digest('hex')
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

/** What the manifest keeps of the inputs a build used. */
export interface InputsRecord {
  /** `inputsKey` of the build that wrote the manifest. */
  key: string
  /** The outputs that build made or found current, all of them whole. */
  outputs: string[]
  /** The content's warnings as the build printed them, so a build that does nothing repeats them. */
  warnings: string
}

/**
 * Outputs the manifest records as built from `source` that the event can no longer make
 * (its slug or `briefsFolder` changed, a country was renamed or removed): each is removed
 * from the output folder and from the manifest, and returned to be said. Outputs of other
 * events sharing the folder, and files the manifest never recorded, are left alone.
 */
export async function removeStale(outDir: string, manifest: Manifest, source: string, possible: ReadonlySet<string>): Promise<string[]> {
  const stale = Object.entries(manifest.outputs)
    .filter(([output, entry]) => entry.source === source && !possible.has(output))
    .map(([output]) => output)
    .sort()
  for (const output of stale) {
    const file = path.resolve(outDir, output)
    // Only inside the output folder, whatever the manifest says.
    if (path.relative(outDir, file).startsWith('..') || path.isAbsolute(path.relative(outDir, file))) continue
    await fs.rm(file, { force: true })
    delete manifest.outputs[output]
  }
  return stale
}
