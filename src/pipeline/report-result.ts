/**
 * What a command says about a finished build, written once for `build` and `watch`: the
 * content's warnings, each output that could not be rendered, what was written, and how
 * to recover when something failed.
 */
import path from 'node:path'
import { catalogue, RenderContentError } from '../errors/catalogue.ts'
import { formatMessages } from '../errors/format.ts'
import type { BuildResult } from './build.ts'
import type { Reporter } from './reporter.ts'

export interface ResultOptions {
  outDir: string
  seconds: number
  /**
   * Whether to repeat the content's warnings when nothing was rendered: `build` says them
   * every time, `watch` only with the build that rendered something, not after every save.
   */
  warnWhenUnchanged: boolean
  /** A hint after "Nothing changed" (build: how to render again anyway). */
  unchangedHint?: string
}

export function reportResult(result: BuildResult, reporter: Reporter, options: ResultOptions): void {
  const rendered = result.written.length > 0 || result.failed.length > 0
  const warnings = result.warningText ?? (result.warnings.length > 0 ? formatMessages(result.warnings) : '')
  if (warnings && (rendered || options.warnWhenUnchanged)) reporter.warn(warnings)
  for (const failure of result.failed) {
    // A document held back by something in the content is a message at that place.
    if (failure.error instanceof RenderContentError) reporter.warn(`${formatMessages(failure.error.files)}\n  (${failure.output} was not written.)`)
    else reporter.warn(`error: could not render ${relative(path.join(options.outDir, failure.output))}: ${failure.error.message} [render-failed]`)
  }
  const seconds = options.seconds.toFixed(1)
  const where = relative(options.outDir) || '.'
  if (result.removed?.length) {
    reporter.info(`Removed ${result.removed.length} output${result.removed.length === 1 ? '' : 's'} this event no longer makes (its slug, briefsFolder or a country's name changed): ${result.removed.map((output) => relative(path.join(options.outDir, output))).join(', ')}`)
  }
  if (!rendered) {
    reporter.info(`Nothing changed: all ${result.unchanged.length} outputs in ${where} are up to date (${seconds} s).${options.unchangedHint ? ` ${options.unchangedHint}` : ''}`)
  } else {
    const unchanged = result.unchanged.length > 0 ? `; ${result.unchanged.length} unchanged` : ''
    reporter.info(`Wrote ${result.written.length} file${result.written.length === 1 ? '' : 's'} in ${seconds} s to ${where}${unchanged}.`)
  }
  if (result.failed.length > 0) {
    const hint = result.failed.every((failure) => failure.error instanceof RenderContentError) ? '' : `\n  hint: ${catalogue['render-failed'].hint}`
    reporter.warn(`${result.failed.length} output${result.failed.length === 1 ? '' : 's'} failed; the previous versions are left in place.${hint}`)
  }
}

const relative = (file: string) => path.relative(process.cwd(), path.resolve(file))
