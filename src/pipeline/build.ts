/**
 * The build: load the content, assemble the documents, plan which outputs are out of date,
 * render those with the renderers of their formats, write each atomically and record it
 * in the manifest. Content errors stop the build before anything is written; a document
 * that fails to render is named in the result and the rest go on.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import { loadContent } from '../content/load.ts'
import type { Content } from '../content/model.ts'
import type { PublishedDocument } from '../assemble/model.ts'
import { createEvent, type EventContext } from '../content/event.ts'
import { assembleDocuments, type CleanChecks, type Selection } from '../assemble/index.ts'
import { ContentError, hasErrors } from '../errors/catalogue.ts'
import { renderers, type Format, type RenderContext } from '../render/index.ts'
import { sweepTemporaryFiles } from '../session/atomic-write.ts'
import { faultPlan } from '../session/fault-injection.ts'
import { Session } from '../session/session.ts'
import { lockOutput } from './lock.ts'
import { readManifest, removeStale, writeManifest, sha256, type InputsRecord } from './manifest.ts'
import { outputStamp } from './output-stamp.ts'
import { possibleOutputs } from '../assemble/index.ts'
import { formats as allFormats } from '../render/types.ts'
import { planOutputs, type Toolkit, loadToolkit, toolkitOf } from './plan.ts'
import { inputsKey } from './up-to-date.ts'
// Loads nothing but Node's own modules: the browser can start before the PDF renderer is loaded.
import { startBrowserEarly } from '../render/pdf/browser.ts'
import type { BuildResult } from './result.ts'
export type { BuildResult } from './result.ts'
import { formatMessages } from '../errors/format.ts'
import type { Reporter } from './reporter.ts'
import { verifyOutput } from './verify-output.ts'
import type { RedlineOptions } from '../redline/index.ts'

export { formats, type Format } from '../render/index.ts'
export { loadToolkit, type Toolkit } from './plan.ts'

export interface BuildOptions extends Selection, Partial<RedlineOptions> {
  sourceDir: string
  outDir: string
  formats: readonly Format[]
  reporter: Reporter
  /** The command's session (watch keeps one, with its browser, across builds); otherwise one is made and closed. */
  session?: Session
  /** Render every output even when the manifest says it is current. */
  force?: boolean
  /**
   * The caller found that the inputs changed since the last build (`unchangedOutputs` said
   * so), so a PDF will most likely print: Chromium starts while the content loads, as with
   * `force`.
   */
  inputsChanged?: boolean
  /**
   * After rendering, start what the renderers of `formats` need (the browser) even when
   * nothing was rendered: `watch` asks this of its first build, so the first save is quick.
   */
  warmUp?: boolean
}


/**
 * The session a command makes for an output folder: its caches on disk under `.cache/`,
 * and the fault plan `RSO_FAULT_AT` asks for (the fault tests; none otherwise).
 */
export function sessionFor(outDir: string, reporter: Reporter): Session {
  return new Session({ cacheDirectory: path.join(path.resolve(outDir), '.cache'), log: reporter.info, faults: faultPlan(process.env.RSO_FAULT_AT) })
}

/** The order jobs start in: prints first, as Chromium is the longest road; DOCX packages meanwhile on their worker; HTML last. */
const formatOrder: Record<Format, number> = { pdf: 0, docx: 1, html: 2 }

/** The content files with warnings (for example a value marked missing in a draft). */
const filesWithMessages = (content: Content): VFile[] => [...content.files.values()].filter((file) => file.messages.length > 0)

async function loadAndAssemble(
  options: Omit<BuildOptions, 'reporter' | 'session'>,
  session?: Session,
  checks: { mapPlaces?: boolean } = {},
  toolkitLoading: Promise<Toolkit> = loadToolkit(),
) {
  const time = <T>(stage: string, work: () => T): T => (session ? session.time(stage, work) : work())
  const [content, toolkit] = await time('load', () => Promise.all([loadContent(options.sourceDir, { deferErrors: true }), toolkitLoading]))
  // `check` finds what a render would (a country the map cannot place), so a clean check never ends in a failed render; a build leaves the atlas unloaded until a map is drawn.
  if (checks.mapPlaces) (await import('../layout/maps/check-places.ts')).checkMapPlaces(content)
  const cleanData = session && { has: (key: string) => session.recall<boolean>('clean data Markdown', key) === true, add: (key: string) => session.store('clean data Markdown', key, true) }
  const { event, documents } = await time('transform/assemble', () => assembleChecked(content, options, cleanData))
  // Redline editions go beside today's, made from both rounds' assembled documents.
  const { redline } = options
  if (redline) {
    const { redlineDocuments } = await import('../redline/index.ts')
    documents.push(...(await time('redline', () => redlineDocuments({ ...options, redline }, event, documents))))
  }
  return { content, event, toolkit, documents }
}

/**
 * Assembles the documents, which checks the Markdown, even when the data already has errors,
 * so that one run reports them all. Content with errors may stop the assembly short of its
 * end (a code that names no country has no name to print): then the messages found so far
 * are the answer, never that stop.
 */
async function assembleChecked(content: Content, selection: Selection, cleanData?: CleanChecks): Promise<{ event: EventContext; documents: PublishedDocument[] }> {
  const assemble = async () => {
    const event = createEvent(content)
    return { event, documents: await assembleDocuments(event, selection, cleanData) }
  }
  if (!hasErrors([...content.files.values()])) return assemble()
  // Whether it ends or stops, what it found is on the content's files.
  await assemble().catch((stopped: unknown) => stopped)
  throw new ContentError([...content.files.values()])
}

/**
 * What `build` with the same options would render, without rendering or locking anything:
 * for `check --out`. Outputs the output folder has never held count as out of date.
 */
export async function outdatedOutputs(options: Omit<BuildOptions, 'reporter' | 'session'>): Promise<{ outdated: string[]; current: string[]; warnings: VFile[] }> {
  const { content, toolkit, documents } = await loadAndAssemble(options, undefined, { mapPlaces: true })
  const outDir = path.resolve(options.outDir)
  const { jobs, current } = await planOutputs({ documents, formats: options.formats, content, toolkit, outDir, manifest: await readManifest(outDir) })
  return { outdated: jobs.map((job) => job.output).sort(), current: current.sort(), warnings: filesWithMessages(content) }
}

/** What `check` checks of the content (schemas, references, directives, links, limits, map places), outputs aside: throws `ContentError`. */
export async function checkContent(sourceDir: string, mode: 'draft' | 'final' = 'draft'): Promise<void> {
  const { content } = await loadAndAssemble({ sourceDir, outDir: '', mode, formats: [], report: true, briefs: 'all' }, undefined, { mapPlaces: true })
  if (hasErrors([...content.files.values()])) throw new ContentError([...content.files.values()])
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { reporter } = options
  const outDir = path.resolve(options.outDir)
  const session = options.session ?? sessionFor(outDir, reporter)
  // Hashed as the build starts, so a file saved while it runs makes the next build look again.
  const inputs = inputsKey(options)
  inputs.catch(() => undefined)
  // A watching command's session keeps the toolkit between builds.
  const toolkitLoading = options.session ? toolkitOf(options.session) : loadToolkit()
  // When PDFs will be printed whatever the manifest says, or most likely will, Chromium starts
  // while the content loads.
  if ((options.force || options.inputsChanged) && options.formats.includes('pdf')) {
    void toolkitLoading
      .then(({ brand }) => {
        startBrowserEarly(session, { log: session.log, fontConfigFile: brand.fontFolder.configFile })
      })
      .catch(() => undefined)
  }
  const { content, event, toolkit, documents } = await loadAndAssemble(options, session, {}, toolkitLoading).catch(async (error: unknown) => {
    if (!options.session) await session.close()
    throw error
  })
  const unlock = await lockOutput(outDir).catch(async (error: unknown) => {
    // Another build holds the folder: the browser started early goes with this one.
    if (!options.session) await session.close()
    throw error
  })
  const result: BuildResult = { written: [], unchanged: [], failed: [], warnings: filesWithMessages(content), stages: {} }
  try {
    await sweepTemporaryFiles(outDir)
    const manifest = await readManifest(outDir)
    result.removed = await removeStale(outDir, manifest, path.resolve(options.sourceDir), possibleOutputs(content, allFormats))
    const { jobs, current } = await session.time('plan', () => planOutputs({ documents, formats: options.formats, content, toolkit, outDir, manifest, force: options.force }))
    result.unchanged.push(...current)
    jobs.sort((a, b) => formatOrder[a.format] - formatOrder[b.format])
    const context: RenderContext = { ...toolkit, event, session }
    const used = [...new Set([...jobs.map((job) => job.format), ...(options.warmUp ? options.formats : [])])]
    const formatRenderers = new Map(await Promise.all(used.map(async (format) => [format, await renderers[format]()] as const)))
    // Said once, before anything renders (no browser installed), rather than by every output.
    const rendered = new Set(jobs.map((job) => job.format))
    for (const format of rendered) formatRenderers.get(format)!.check?.(context)
    for (const [format, renderer] of formatRenderers) renderer.prepare?.(context, jobs.filter((job) => job.format === format).map((job) => job.document), rendered)
    const progress = reporter.batch(jobs.length, 'Rendering')
    try {
      // Settled, not raced: a content error found while rendering lets the other renders finish before the manifest, session and lock go.
      const settled = await Promise.allSettled(
        jobs.map(async ({ document, format, output, key }) => {
          try {
            const bytes = await formatRenderers.get(format)!.render(document, context)
            await session.time('write', async () => {
              verifyOutput(output, bytes)
              await session.writeFile(path.join(outDir, output), bytes)
            })
            const stamp = await outputStamp(path.join(outDir, output))
            manifest.outputs[output] = { key, sha256: sha256(bytes), source: path.resolve(options.sourceDir), ...(stamp ? { stamp } : {}) }
            result.written.push(output)
          } catch (error) {
            if (error instanceof ContentError) throw error
            result.failed.push({ output, error: error as Error })
          } finally {
            progress.tick(output)
          }
        }),
      )
      const contentError = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
      if (contentError) {
        if (contentError.reason instanceof ContentError) contentError.reason.written = result.written.length
        throw contentError.reason
      }
    } finally {
      progress.done()
      // Written outputs are recorded even when others failed, so the next build renders only what is left.
      // A redline build's outputs depend on the earlier round, which the inputs' hash does not cover.
      manifest.inputs = options.redline ? undefined : await inputsRecord(result, jobs.length, inputs)
      await writeManifest(outDir, manifest, session.faults)
    }
  } finally {
    result.stages = session.stageTimes()
    if (!options.session) await session.close()
    await unlock()
  }
  result.written.sort()
  result.unchanged.sort()
  return result
}

/**
 * What the manifest keeps for a build with nothing to do next time (`up-to-date.ts`): only
 * when every output of this one was written or already current.
 */
async function inputsRecord(result: BuildResult, jobs: number, key: Promise<string>): Promise<InputsRecord | undefined> {
  if (result.failed.length > 0 || result.written.length !== jobs) return undefined
  const warnings = result.warnings.length > 0 ? formatMessages(result.warnings) : ''
  return { key: await key, outputs: [...result.written, ...result.unchanged].sort(), warnings }
}
