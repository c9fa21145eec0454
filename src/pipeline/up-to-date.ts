/**
 * Whether a build has nothing to do, decided before any stage is loaded: from a hash of
 * every input (the content folder, the tool's code, templates and styles, the locked
 * dependencies, and the options) and the manifest, which records that hash with the
 * outputs a build of those inputs wrote whole. When both agree and every output is still
 * the one written, the build is over in the time it takes to read and hash the files;
 * anything else (an edit, a new file, an output changed by hand, other options, a build
 * that failed) goes the whole way, where `plan.ts` decides output by output.
 *
 * Only Node's own modules are loaded here, so the answer costs no start-up.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Manifest } from './manifest.ts'
import { isRecordedOutput, writtenAt } from './output-stamp.ts'
import type { BuildResult } from './result.ts'

/** The project folder: two up from this module, in `src/` or compiled into `dist/`. */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface InputOptions {
  sourceDir: string
  outDir: string
  mode?: string
  formats: readonly string[]
  report?: boolean
  briefs?: readonly string[] | 'all'
}


/** Hash of every input of a build with `options`: any change to a file or an option changes it. */
export async function inputsKey(options: InputOptions): Promise<string> {
  const sourceDir = path.resolve(options.sourceDir)
  const outDir = path.resolve(options.outDir)
  const roots = [sourceDir, ...['src', 'templates', 'styles'].map((folder) => path.join(projectRoot, folder))]
  const listed = await Promise.all(roots.map((root) => listFiles(root, outDir)))
  const files = [...new Set([...listed.flat(), path.join(projectRoot, 'package-lock.json')])].sort()
  const contents = await Promise.all(files.map((file) => fs.readFile(file).catch(() => Buffer.from('missing'))))
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ sourceDir, mode: options.mode, formats: [...options.formats].sort(), report: options.report, briefs: options.briefs, node: process.version }))
  files.forEach((file, index) => hash.update('\0').update(file).update('\0').update(contents[index]!))
  return hash.digest('hex')
}

/**
 * The result of a build with `options` when it has nothing to do: every output current, as
 * the manifest says and the files on disk confirm; otherwise undefined.
 */
export async function unchangedOutputs(options: InputOptions): Promise<BuildResult | undefined> {
  const started = performance.now()
  const outDir = path.resolve(options.outDir)
  const manifestFile = path.join(outDir, '.manifest.json')
  const manifestWritten = await writtenAt(manifestFile)
  const manifest = await fs.readFile(manifestFile, 'utf8').then((text) => JSON.parse(text) as Manifest, () => undefined)
  const inputs = manifest?.inputs
  if (!manifest || !inputs || typeof inputs.key !== 'string' || !Array.isArray(inputs.outputs)) return undefined
  if ((await inputsKey(options)) !== inputs.key) return undefined
  const current = await Promise.all(inputs.outputs.map((output) => {
    const entry = manifest.outputs[output]
    return entry ? isRecordedOutput(path.join(outDir, output), entry, manifestWritten) : false
  }))
  if (current.includes(false)) return undefined
  return {
    written: [],
    unchanged: [...inputs.outputs].sort(),
    failed: [],
    warnings: [],
    warningText: inputs.warnings || undefined,
    stages: { 'up to date': { milliseconds: performance.now() - started, count: 1 } },
  }
}

async function listFiles(directory: string, outDir: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => file !== outDir && !file.startsWith(`${outDir}${path.sep}`))
}
