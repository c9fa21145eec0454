/**
 * The command line: `build`, `check`, `init`, `review` and `watch`. Exit codes: 0 success,
 * 1 content errors or failed documents, 2 usage errors.
 *
 * Each command loads what it runs only when it runs: `--help` and a usage error load
 * none of the pipeline, and a build whose outputs are all current (`pipeline/up-to-date.ts`)
 * loads none of the stages.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { formats, type Format } from './render/types.ts'
import { consoleReporter } from './pipeline/reporter.ts'
import { ContentError, ToolError, UsageError } from './errors/catalogue.ts'
import { countMessages, formatMessages, formatToolError } from './errors/format.ts'

const exitCodes = { ok: 0, content: 1, usage: 2 } as const

function parseFormats(value: string): Format[] {
  const list = value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean)
  for (const entry of list) {
    if (!(formats as readonly string[]).includes(entry)) {
      throw new InvalidArgumentError(`"${entry}" is not a format; choose from ${formats.join(', ')}.`)
    }
  }
  return [...new Set(list)] as Format[]
}

function parseDocuments(value: string): Array<'report' | 'briefs'> {
  const list = value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean)
  for (const entry of list) {
    if (entry !== 'report' && entry !== 'briefs') throw new InvalidArgumentError(`"${entry}" is not a document kind; choose report, briefs or both.`)
  }
  return list as Array<'report' | 'briefs'>
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((entry) => entry.trim()).filter(Boolean)]

const sourceOption = () => new Option('-s, --source <dir>', 'content folder').default('source')
const outOption = () => new Option('-o, --out <dir>', 'output folder').default('out')

/** The options `build` and `watch` share: where from, where to, and which documents in which formats. */
function addDocumentOptions(command: Command, verb: string): Command {
  return command
    .addOption(sourceOption())
    .addOption(outOption())
    .addOption(new Option('--draft', 'draft: DRAFT mark, missing values shown as marks (default)').conflicts('final'))
    .addOption(new Option('--final', 'final: no DRAFT mark; fails while any value is marked missing'))
    .option('-f, --format <list>', `formats, comma-separated: ${formats.join(', ')}`, parseFormats, [...formats])
    .option('-d, --documents <list>', 'which documents: report, briefs (comma-separated)', parseDocuments, ['report', 'briefs'] as Array<'report' | 'briefs'>)
    .option('-c, --country <code or name>', `${verb} the brief of this country only (ISO code or name; repeatable)`, collect)
}

interface DocumentOptions {
  source: string
  out: string
  final?: boolean
  format: Format[]
  documents: Array<'report' | 'briefs'>
  country?: string[]
}

/** What to build, from the shared options: `--country` alone means only those briefs. */
function selection(options: DocumentOptions) {
  const onlyCountries = options.country
  return {
    sourceDir: options.source,
    outDir: options.out,
    mode: options.final ? ('final' as const) : ('draft' as const),
    formats: options.format,
    report: !onlyCountries && options.documents.includes('report'),
    briefs: onlyCountries ?? (options.documents.includes('briefs') ? ('all' as const) : []),
  }
}

export function createProgram(): Command {
  const program = new Command()
    .name('rso-docs')
    .description('Builds an event\'s outcome report and its country briefs (PDF, DOCX, HTML) from its content folder.')
    .showHelpAfterError('(run with --help for the options)')
    .exitOverride()
  addBuildCommand(program)
  addCheckCommand(program)
  addInitCommand(program)
  addWordsCommand(program)
  addReviewCommand(program)
  addWatchCommand(program)
  return program
}

function addBuildCommand(program: Command): void {
  addDocumentOptions(program.command('build'), 'build')
    .description('Check the content and render the documents into the output folder.')
    .option('--force', 'render every output, even those already up to date')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--profile', 'print the time spent in each stage (load, maps, print, DOCX, ...)')
    .option('--redline <dir or git:REV>', 'also write redline editions: the changes since the round sent before (its content folder, or git:REV for the content folder at that git revision)')
    .option('--redline-label <name>', 'the earlier round\'s name in the redlines\' file names and titles (default: the folder\'s name or the revision)')
    .option('--redline-author <name>', 'author of the redline DOCX\'s tracked changes (default: the organiser\'s short name in forum.json)')
    .action(async (options) => {
      const reporter = consoleReporter({ quiet: options.quiet })
      stopOnSignals(reporter)
      const started = performance.now()
      if (!options.redline && (options.redlineLabel || options.redlineAuthor)) throw new UsageError('--redline-label and --redline-author go with --redline')
      const redline = options.redline ? { redline: String(options.redline), redlineLabel: options.redlineLabel, redlineAuthor: options.redlineAuthor } : {}
      const buildOptions = { ...selection(options), ...redline, reporter, force: Boolean(options.force) }
      // Decided from the inputs' hashes before any stage is loaded: a build with nothing to do is over here.
      const { unchangedOutputs } = await import('./pipeline/up-to-date.ts')
      const unchanged = buildOptions.force || options.redline ? undefined : await unchangedOutputs(buildOptions)
      const result = unchanged ?? (await (await import('./pipeline/build.ts')).build({ ...buildOptions, inputsChanged: true }))
      const { reportResult } = await import('./pipeline/report-result.ts')
      reportResult(result, reporter, {
        outDir: options.out,
        seconds: (performance.now() - started) / 1000,
        warnWhenUnchanged: true,
        unchangedHint: 'Use --force to render them again.',
      })
      // On stderr even with --quiet: it was asked for.
      if (options.profile) process.stderr.write(`${describeStages(result.stages)}\n`)
      if (result.failed.length > 0) process.exitCode = exitCodes.content
    })
}

function addCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Validate the content and print every problem with file:line:column; renders nothing, and says which outputs a build would render again.')
    .addOption(sourceOption())
    .addOption(outOption())
    .option('--final', 'also fail on values marked missing, as a final build would')
    .action(async (options) => {
      const { outdatedOutputs } = await import('./pipeline/build.ts')
      const checked = await outdatedOutputs({
        sourceDir: options.source,
        outDir: options.out,
        mode: options.final ? 'final' : 'draft',
        formats,
        report: true,
        briefs: 'all',
      }).catch((error: unknown) => {
        if (!(error instanceof ContentError)) throw error
        return error
      })
      // `check` writes nothing, so its summary does not say that nothing was written.
      if (checked instanceof ContentError) {
        process.stderr.write(`${formatMessages(checked.files)}\n${describeErrors(checked)}.\n`)
        process.exitCode = exitCodes.content
        return
      }
      const { outdated, current, warnings } = checked
      const { warnings: warningCount } = countMessages(warnings)
      if (warningCount > 0) process.stderr.write(`${formatMessages(warnings)}\n`)
      process.stderr.write(`The content is valid${warningCount > 0 ? ` (${warningCount} warning${warningCount === 1 ? '' : 's'})` : ''}.\n`)
      process.stderr.write(`${describeOutputs(options.out, outdated, current)}\n`)
    })
}

function addInitCommand(program: Command): void {
  program
    .command('init')
    .description('Make a new event\'s content folder that builds as it is, and say what to edit next.')
    .argument('<folder>', 'a new or empty folder')
    .option('-l, --language <tag>', 'the language of the documents, a BCP 47 tag: "id", "th", "ar", "fr", ... (`rso-docs words --list` lists the built-in tables)', 'en-GB')
    .action(async (folder: string, options: { language: string }) => {
      const { initEvent } = await import('./init/scaffold.ts')
      process.stderr.write(`${await initEvent(folder, options.language)}\n`)
    })
}

function addWordsCommand(program: Command): void {
  program
    .command('words')
    .description("Write the event's words table to translate: every key, its English message, a note on each value and plural form, and the translation it has now.")
    .addOption(sourceOption())
    .option('-l, --language <tag>', "a language other than the event's (forum.json's language)")
    .option('--json', 'write a "words" object to paste into forum.json instead of the Markdown table')
    .option('--list', 'list the languages with a built-in table, and who reviewed each')
    .action(async (options: { source: string; language?: string; json?: boolean; list?: boolean }) => {
      const { builtinLanguages, builtinTable } = await import('./content/words.ts')
      if (options.list) {
        for (const tag of builtinLanguages()) {
          const table = builtinTable(tag)
          if (table) process.stdout.write(`${tag}\t${table.name} (${table.nativeName})\t${table.reviewedBy.length > 0 ? `reviewed by ${table.reviewedBy.map((review) => review.name).join(', ')}` : 'not yet reviewed'}\n`)
        }
        return
      }
      const { readEventWords } = await import('./init/event-words.ts')
      const { language, words } = await readEventWords(options.source, options.language)
      const { sheetJson, sheetMarkdown } = await import('./content/words-sheet.ts')
      process.stdout.write(options.json ? sheetJson(language, words) : sheetMarkdown(language, words))
    })
}

function addReviewCommand(program: Command): void {
  program
    .command('review')
    .description('List every tracked change, comment and edit of a reviewed DOCX (report or brief) at the file:line:column of the content it came from; --apply writes the edits into the content.')
    .argument('<file>', 'the reviewed .docx, as Word or LibreOffice saved it')
    .addOption(sourceOption())
    .option('--apply', 'write the changes that map into the Markdown and JSON files (comments never)')
    .action(async (file: string, options: { source: string; apply?: boolean }) => {
      const { review } = await import('./review/index.ts')
      const { formatReview, summarise } = await import('./review/report.ts')
      const settings = { apply: Boolean(options.apply), docx: file }
      // A hostile or broken file gets a message, never a stack trace.
      const result = await review({ docx: file, sourceDir: options.source, apply: settings.apply }).catch((error: unknown) => {
        if (error instanceof ToolError || error instanceof ContentError) throw error
        throw new ToolError('review-failed', `review stopped: ${(error as Error)?.message ?? String(error)}`, { cause: error })
      })
      const listing = formatReview(result, settings)
      if (listing) process.stdout.write(`${listing}\n`)
      process.stderr.write(`${summarise(result, settings)}\n`)
      if (result.items.some((item) => item.left)) process.exitCode = exitCodes.content
    })
}

function addWatchCommand(program: Command): void {
  addDocumentOptions(program.command('watch'), 'watch')
    .description('Build, then rebuild on every save of the content, templates or styles, and serve a live preview on 127.0.0.1.')
    .option('-p, --port <number>', 'port of the preview server on 127.0.0.1 (0: any free port)', parsePort, 4173)
    .option('-q, --quiet', 'print only warnings and errors')
    .action(async (options) => {
      const { startWatch } = await import('./watch/index.ts')
      const reporter = consoleReporter({ quiet: options.quiet })
      let watcher: Awaited<ReturnType<typeof startWatch>>
      try {
        watcher = await startWatch({ ...selection(options), reporter, port: options.port })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`Port ${options.port} is in use; choose another with --port (0 for any free port).`)
        throw error
      }
      reporter.info('Watching for changes; press Ctrl-C to stop.')
      await untilStopped(reporter, () => watcher.close())
    })
}

/** Waits for Ctrl-C or SIGTERM, then closes the watcher; a second Ctrl-C while closing ends at once. */
function untilStopped(reporter: { info(message: string): void }, close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      process.once('SIGINT', () => process.exit(130))
      reporter.info('Stopping: closing the browser and the preview server.')
      void close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** `Time by stage: load 0.42 s (1), maps 3.10 s (94), ...`: total seconds and how many times each ran (stages overlap). */
export function describeStages(stages: Record<string, { milliseconds: number; count: number }>): string {
  const parts = Object.entries(stages).map(([stage, time]) => `${stage} ${(time.milliseconds / 1000).toFixed(2)} s (${time.count})`)
  return `Time by stage: ${parts.join(', ') || 'none'}`
}

/** For `check`: whether the output folder matches the content, and what a build would render. */
function describeOutputs(outDir: string, outdated: readonly string[], current: readonly string[]): string {
  const where = path.relative(process.cwd(), path.resolve(outDir)) || '.'
  const total = outdated.length + current.length
  if (!existsSync(outDir)) return `${where} does not exist yet; build writes its ${total} outputs.`
  if (outdated.length === 0) return `All ${total} outputs in ${where} are up to date.`
  if (current.length === 0) return `None of the ${total} outputs in ${where} is up to date; build renders them all.`
  const shown = outdated.slice(0, 5).join(', ')
  const more = outdated.length > 5 ? ` and ${outdated.length - 5} more` : ''
  return `${outdated.length} of ${total} outputs in ${where} are out of date (${shown}${more}); build renders them again.`
}

/** "3 errors in the content". */
function describeErrors(error: ContentError): string {
  const { errors } = countMessages(error.files)
  return `${errors} error${errors === 1 ? '' : 's'} in the content`
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`"${value}" is not a port; give a number from 0 to 65535.`)
  return port
}

const signalNumbers = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const

/**
 * Ctrl-C, `kill` or a closed terminal end a build at once, the usual way (exit code 128 +
 * the signal's number). Exiting runs the exit handlers that matter: the browser is killed
 * (Puppeteer), the lock released (proper-lockfile) and temporary files removed
 * (atomic-write); finished outputs were renamed into place whole, the rest are the
 * previous ones. Without this, Puppeteer's own SIGTERM handler would close the browser
 * and leave the build running on without one.
 */
function stopOnSignals(reporter: { warn(message: string): void }): void {
  for (const [signal, number] of Object.entries(signalNumbers)) {
    process.once(signal, () => {
      reporter.warn(`Interrupted (${signal}): outputs not yet written keep their previous version.`)
      process.exit(128 + number)
    })
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram()
  try {
    await program.parseAsync(argv as string[], { from: 'user' })
    return Number(process.exitCode ?? exitCodes.ok)
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return exitCodes.ok
      return exitCodes.usage
    }
    if (error instanceof ContentError) {
      process.stderr.write(`${formatMessages(error.files)}\n`)
      // Found while rendering, the error may come after other outputs were written whole.
      const written = error.written === 0 ? 'nothing was written' : `${error.written} output${error.written === 1 ? ' was' : 's were'} written; the others are as they were`
      process.stderr.write(`${describeErrors(error)}; ${written}.\n`)
      return exitCodes.content
    }
    if (error instanceof ToolError) {
      process.stderr.write(`${formatToolError(error)}\n`)
      return error.exitCode
    }
    throw error
  }
}

const isEntry = process.argv[1] && /(?:cli\.[tj]s|rso-docs(?:\.js)?)$/.test(process.argv[1])
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2))
}
