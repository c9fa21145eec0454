/**
 * `watch`: build once, then again after every save of the content, the templates or the
 * styles, with one browser kept open between builds, and serve the documents with a page
 * that reloads itself. A build that fails on the content prints the errors and shows them
 * on the preview; the outputs of the last good build stay in place (the build writes
 * nothing when the content has errors, and every file it writes is renamed into place
 * whole), and the next save that fixes the content recovers.
 */
import path from 'node:path'
import { watch as watchFiles, type FSWatcher } from 'chokidar'
import { build, sessionFor, type BuildOptions } from '../pipeline/build.ts'
import { readManifest } from '../pipeline/manifest.ts'
import { reportResult } from '../pipeline/report-result.ts'
import { formatMessages, formatToolError } from '../errors/format.ts'
import { stylesDir } from '../brand/brand.ts'
import { templatesDir } from '../layout/templates.ts'
import { ContentError, ToolError } from '../errors/catalogue.ts'
import { RebuildLoop } from './rebuild-loop.ts'
import { startPreviewServer, type PreviewState } from './preview-server.ts'

export interface WatchOptions extends Omit<BuildOptions, 'session' | 'force'> {
  /** Port of the preview server on 127.0.0.1; 0 picks a free one. */
  port: number
  /** Quiet time after the last save before a build starts. */
  debounceMs?: number
  /** Folders watched besides the content; the templates and styles by default. */
  alsoWatch?: readonly string[]
}

export interface Watcher {
  /** The preview's address, `http://127.0.0.1:<port>/`. */
  url: string
  /** Resolves once no build is running or waiting (for tests and the benchmark). */
  idle(): Promise<void>
  /** Stops watching, lets a build under way end (its prints are cut short), closes the browser and the server. */
  close(): Promise<void>
}

/** Names editors and systems write beside a file while saving it. */
const scratchFile = /(^\.|~$|\.(swp|swx|tmp|bak)$|^#.*#$)/

export async function startWatch(options: WatchOptions): Promise<Watcher> {
  const { reporter } = options
  const outDir = path.resolve(options.outDir)
  // One session for the whole watch: drawn maps, page numbers, the browser and the DOCX worker outlive each build.
  const session = sessionFor(outDir, reporter)
  const state: PreviewState = { outputs: [], building: false }
  let closing = false

  // What an earlier session left in place is listed until the first build says otherwise.
  state.outputs = Object.keys((await readManifest(outDir)).outputs).sort()
  const server = await startPreviewServer({ outDir, port: options.port, state: () => state })
  let warmed = false

  async function rebuild(changed: readonly string[]): Promise<void> {
    if (changed.length > 0) reporter.info(`Changed: ${changed.map((file) => path.relative(process.cwd(), file) || file).join(', ')}`)
    const started = performance.now()
    const hadProblem = state.problem !== undefined
    state.building = true
    try {
      // The first build also starts the renderers (the browser) when the outputs were already
      // current and nothing was rendered, while the editor reads, rather than on the first save.
      const result = await build({ ...options, session, warmUp: !warmed })
      warmed = true
      if (closing) return
      const failed = result.failed.map((failure) => `${failure.output}: ${failure.error.message}`)
      state.outputs = [...result.written, ...result.unchanged].sort()
      state.problem = failed.length > 0 ? { title: `${failed.length} document${failed.length === 1 ? '' : 's'} could not be rendered; the previous versions are shown.`, details: failed.join('\n') } : undefined
      reportResult(result, reporter, { outDir, seconds: (performance.now() - started) / 1000, warnWhenUnchanged: false })
      server.reload(result.written, hadProblem || state.problem !== undefined)
    } catch (error) {
      if (closing) return
      const details = error instanceof ContentError ? formatMessages(error.files) : describe(error)
      const title = error instanceof ContentError ? 'The content has errors; the last good documents are shown until they are fixed.' : 'The build failed; the last good documents are shown.'
      state.problem = { title, details }
      reporter.warn(`${details}\n${title}`)
      server.reload([], true)
    } finally {
      state.building = false
      state.builtAt = new Date()
    }
  }

  const loop = new RebuildLoop(rebuild, { debounceMs: options.debounceMs })
  const roots = [path.resolve(options.sourceDir), ...(options.alsoWatch ?? [templatesDir, stylesDir]).map((directory) => path.resolve(directory))]
  const files: FSWatcher = watchFiles(roots, {
    ignoreInitial: true,
    ignored: (file) => !roots.includes(file) && (scratchFile.test(path.basename(file)) || file === outDir || file.startsWith(`${outDir}${path.sep}`)),
  })
  files.on('all', (event, file) => {
    if (event === 'add' || event === 'change' || event === 'unlink' || event === 'addDir' || event === 'unlinkDir') loop.request(file)
  })
  files.on('error', (error) => reporter.warn(`warning: watching files: ${(error as Error).message}`))
  await new Promise<void>((resolve) => files.once('ready', () => resolve()))

  reporter.info(`Preview at ${server.url}`)
  loop.request(undefined, true)

  return {
    url: server.url,
    idle: () => loop.idle(),
    async close() {
      closing = true
      await files.close()
      // Closing the browser first cuts a build's prints short; what it already wrote is whole.
      const stopping = loop.close()
      await session.close()
      await stopping
      await server.close()
    },
  }
}

/** A problem a person can act on by its message; anything else is a bug, shown with its stack. */
function describe(error: unknown): string {
  return error instanceof ToolError ? formatToolError(error) : `Internal error: ${(error as Error).stack ?? String(error)}`
}
