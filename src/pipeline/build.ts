/**
 * The build: load and check the content, assemble the documents, render each in each
 * format, write the outputs atomically. Content errors stop the build before anything is
 * written; a document that fails to render is named in the result and the rest go on.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import { loadContent, type Content } from '../content/load.ts'
import { loadBrand, type Brand } from '../brand/brand.ts'
import { loadTemplates, type Templates } from '../layout/templates.ts'
import { buildReport } from '../assemble/report.ts'
import { buildBrief, listBriefCountries, resolveCountry } from '../assemble/brief/brief.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import { ContentError, hasErrors } from '../errors/catalogue.ts'
import { findBrowser } from '../render/pdf/find-browser.ts'
import type { BuildMode } from '../transform/directives/index.ts'
import type { PrintQueue } from '../render/pdf/print-queue.ts'
import { writeFileAtomic, sweepTemporaryFiles } from './atomic-write.ts'
import { lockOutput } from './lock.ts'
import { verifyOutput } from './verify-output.ts'
import { documentKey, isCurrent, mapDataHash, readManifest, sha256, toolHash, writeManifest, type Manifest } from './manifest.ts'
import { buildDate } from '../assemble/dates.ts'
import type { Reporter } from './reporter.ts'

export const formats = ['pdf', 'docx', 'html'] as const
export type Format = (typeof formats)[number]

export interface BuildOptions {
  sourceDir: string
  outDir: string
  mode: BuildMode
  formats: readonly Format[]
  /** Build the report. */
  report: boolean
  /** Country codes or names of the briefs to build; 'all' for every participant; none when empty. */
  briefs: 'all' | readonly string[]
  reporter: Reporter
  /** A print queue to reuse (watch mode keeps one open); otherwise one is made and closed. */
  printQueue?: PrintQueue
  /** Render every output even when the manifest says it is current. */
  force?: boolean
}

export interface BuildResult {
  written: string[]
  /** Outputs already current, not rendered again. */
  unchanged: string[]
  failed: Array<{ output: string; error: Error }>
  /** Files with warnings (for example a value marked missing in a draft). */
  warnings: VFile[]
}

export interface Toolkit {
  brand: Brand
  templates: Templates
}

export async function loadToolkit(): Promise<Toolkit> {
  const [brand, templates] = await Promise.all([loadBrand(), loadTemplates()])
  return { brand, templates }
}

/** Loads the content and assembles every document asked for; throws `ContentError` on any content error. */
export async function assembleDocuments(options: Pick<BuildOptions, 'sourceDir' | 'mode' | 'report' | 'briefs'>): Promise<{ content: Content; documents: PublishedDocument[] }> {
  const content = await loadContent(options.sourceDir)
  const date = buildDate(content)
  const documents: PublishedDocument[] = []
  if (options.report) documents.push(await buildReport(content, { mode: options.mode, date }))
  const countries =
    options.briefs === 'all'
      ? listBriefCountries(content)
      : [...new Map(options.briefs.map((query) => resolveCountry(content, query)).map((country) => [country.code, country])).values()]
  documents.push(...(await Promise.all(countries.map((country) => buildBrief(content, country.code, { mode: options.mode, date })))))
  const files = [...content.files.values()]
  if (hasErrors(files)) throw new ContentError(files)
  return { content, documents }
}

/** The content files with warnings (for example a value marked missing in a draft). */
const filesWithMessages = (content: Content): VFile[] => [...content.files.values()].filter((file) => file.messages.length > 0)

interface PlannedOutput {
  document: PublishedDocument
  format: Format
  /** Path relative to the output folder. */
  output: string
  key: string
}

/** Every output of `documents` in `formats`: those to render, and those the manifest says are current. */
async function planOutputs(options: {
  documents: readonly PublishedDocument[]
  formats: readonly Format[]
  content: Content
  toolkit: Toolkit
  outDir: string
  manifest: Manifest
  force?: boolean
}): Promise<{ jobs: PlannedOutput[]; current: string[] }> {
  const [tool, maps] = [await toolHash(options.toolkit.brand, options.toolkit.templates.files), mapDataHash(options.content)]
  const jobs: PlannedOutput[] = []
  const current: string[] = []
  for (const document of options.documents) {
    for (const format of options.formats) {
      const output = `${document.outputPath}.${format}`
      const key = documentKey(document, format, tool, maps)
      if (!options.force && (await isCurrent(options.outDir, output, key, options.manifest))) current.push(output)
      else jobs.push({ document, format, output, key })
    }
  }
  return { jobs, current }
}

/**
 * What `build` with the same options would render, without rendering or locking anything:
 * for `check --out`. Outputs the output folder has never held count as out of date.
 */
export async function outdatedOutputs(
  options: Pick<BuildOptions, 'sourceDir' | 'outDir' | 'mode' | 'formats' | 'report' | 'briefs'>,
): Promise<{ outdated: string[]; current: string[]; warnings: VFile[] }> {
  const [{ content, documents }, toolkit] = await Promise.all([assembleDocuments(options), loadToolkit()])
  const outDir = path.resolve(options.outDir)
  const manifest = await readManifest(outDir)
  const { jobs, current } = await planOutputs({ documents, formats: options.formats, content, toolkit, outDir, manifest })
  const warnings = filesWithMessages(content)
  return { outdated: jobs.map((job) => job.output).sort(), current: current.sort(), warnings }
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { reporter } = options
  const [{ content, documents }, toolkit] = await Promise.all([assembleDocuments(options), loadToolkit()])
  const warnings = filesWithMessages(content)
  const outDir = path.resolve(options.outDir)
  const unlock = await lockOutput(outDir)
  let printQueue = options.printQueue
  const result: BuildResult = { written: [], unchanged: [], failed: [], warnings }
  try {
    await sweepTemporaryFiles(outDir)
    const manifest = await readManifest(outDir)
    const { jobs, current } = await planOutputs({ documents, formats: options.formats, content, toolkit, outDir, manifest, force: options.force })
    result.unchanged.push(...current)
    // The renderers (Chromium, docx, maps) load only when there is something to render, so a build with nothing to do is quick.
    // Say once, before anything renders, that no browser is installed, rather than fail every PDF.
    if (!options.printQueue && jobs.some((job) => job.format === 'pdf')) findBrowser()
    const { render, PrintQueue } = jobs.length > 0 ? await import('../render/pdf/contents-pages.ts') : ({} as typeof import('../render/pdf/contents-pages.ts'))
    const queue = (printQueue ??= jobs.some((job) => job.format === 'pdf') ? new PrintQueue({ log: reporter.info }) : undefined)
    const progress = reporter.batch(jobs.length, 'Rendering')
    try {
      await Promise.all(
        jobs.map(async ({ document, format, output, key }) => {
          try {
            const bytes = await render(document, format, { ...toolkit, content, cacheDirectory: path.join(outDir, '.cache') }, queue)
            verifyOutput(output, bytes)
            await writeFileAtomic(path.join(outDir, output), bytes)
            manifest.outputs[output] = { key, sha256: sha256(bytes) }
            result.written.push(output)
          } catch (error) {
            if (error instanceof ContentError) throw error
            result.failed.push({ output, error: error as Error })
          } finally {
            progress.tick(output)
          }
        }),
      )
    } finally {
      progress.done()
      // Written outputs are recorded even when others failed, so the next build renders only what is left.
      await writeManifest(outDir, manifest)
    }
  } finally {
    if (!options.printQueue) await printQueue?.close()
    await unlock()
  }
  result.written.sort()
  result.unchanged.sort()
  return result
}

