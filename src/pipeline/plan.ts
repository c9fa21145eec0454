/**
 * Which outputs to render: every document in every format asked for, less those the
 * manifest says are current. An output's key covers the document it shows (its sanitised
 * trees, cover and properties), the data its maps are drawn from when it shows any, and
 * the tool itself, so a brief that does not show an edited proposition is not rendered
 * again.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { loadBrand, projectRoot, stylesDir, type Brand } from '../brand/brand.ts'
import type { Content } from '../content/model.ts'
import { sha256, stableJson } from '../content/digest.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import { mapsOf } from '../layout/place-maps.ts'
import { loadTemplates, templatesDir, type Templates } from '../layout/templates.ts'
import type { Session } from '../session/session.ts'
import type { Format } from '../render/index.ts'
import { isCurrent, toolHash, type Manifest } from './manifest.ts'

/** What every document is laid out with: the brand, the templates and the stylesheet. */
export interface Toolkit {
  brand: Brand
  templates: Templates
  stylesheet: string
}

export async function loadToolkit(): Promise<Toolkit> {
  const [brand, templates, stylesheet] = await Promise.all([loadBrand(), loadTemplates(), fs.readFile(path.join(stylesDir, 'document.css'), 'utf8')])
  return { brand, templates, stylesheet }
}

/**
 * The session's toolkit, loaded again only when a file of the styles or the templates, or
 * the locked dependencies (the font packages), changed: a watching command builds at every
 * save, and making the brand's fonts ready is a fifth of a second each time.
 */
export async function toolkitOf(session: Session): Promise<Toolkit> {
  const folders = await Promise.all([stylesDir, templatesDir].map((folder) => fs.readdir(folder, { recursive: true, withFileTypes: true })))
  const files = [...folders.flat().filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)), path.join(projectRoot, 'package-lock.json')].sort()
  const contents = await Promise.all(files.map((file) => fs.readFile(file).catch(() => Buffer.from('missing'))))
  const hash = createHash('sha256')
  files.forEach((file, index) => hash.update(file).update('\0').update(contents[index]!).update('\0'))
  return session.remember('toolkit', hash.digest('hex'), loadToolkit)
}

export interface PlannedOutput {
  document: PublishedDocument
  format: Format
  /** Path relative to the output folder. */
  output: string
  key: string
}

/** Every output of `documents` in `formats`: those to render, and those the manifest says are current. */
export async function planOutputs(options: {
  documents: readonly PublishedDocument[]
  formats: readonly Format[]
  content: Content
  toolkit: Toolkit
  outDir: string
  manifest: Manifest
  force?: boolean
}): Promise<{ jobs: PlannedOutput[]; current: string[] }> {
  const tool = await toolHashOf(options.toolkit)
  const jobs: PlannedOutput[] = []
  const current: string[] = []
  for (const document of options.documents) {
    const shown = documentDigest(document, mapsOf(document).length > 0 ? options.content.digests.mapData : '')
    for (const format of options.formats) {
      const output = `${document.outputPath}.${format}`
      const key = sha256(`${tool}\0${format}\0${shown}`)
      if (!options.force && (await isCurrent(options.outDir, output, key, options.manifest))) current.push(output)
      else jobs.push({ document, format, output, key })
    }
  }
  return { jobs, current }
}

/**
 * The tool's hash, once per toolkit: a process runs the code it started with whatever is
 * saved under `src/` later, and a watching process makes its toolkit again when the
 * styles, the templates or the locked dependencies change (`toolkitOf`).
 */
const toolHashes = new WeakMap<Toolkit, Promise<string>>()
function toolHashOf(toolkit: Toolkit): Promise<string> {
  let hash = toolHashes.get(toolkit)
  if (!hash) {
    hash = toolHash(toolkit.brand, toolkit.templates.files)
    toolHashes.set(toolkit, hash)
    hash.catch(() => toolHashes.delete(toolkit))
  }
  return hash
}

/** Hash of what a document shows; the source files it came from are not shown. */
function documentDigest(document: PublishedDocument, mapData: string): string {
  const { sections, ...rest } = document
  return sha256(`${mapData}\0${stableJson({ ...rest, sections: sections.map(({ file: _file, ...section }) => section) })}`)
}
