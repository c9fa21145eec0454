/**
 * Test-only: `RSO_FAULT_AT=<step>` kills the build outright (SIGKILL, as a power cut or
 * the out-of-memory killer would) at one exact moment of that step, so the fault tests
 * need not sleep and hope to land in it. Unset, as in every real build, nothing happens.
 *
 * - `maps`: half of a map PNG for the DOCX is written to its temporary file in `out/.cache/maps/`;
 * - `print`: Chromium has the page and is about to print it;
 * - `docx`: half of a DOCX is written to its temporary file;
 * - `rename`: one output is renamed into place and the next one's temporary file is whole, not yet renamed;
 * - `manifest`: half of the manifest is written to its temporary file.
 *
 * `RSO_FAULT_AT=print:pause` instead holds the print for a few seconds and says so, so a
 * test can send a signal (Ctrl-C in `watch`) while a PDF is being printed.
 *
 * `RSO_FAULT_AT=collections:announce` says when an author-defined collection's work is
 * under way on its thread, so a test can send a signal while the build is busy with it.
 *
 * The command reads the variable once, when it makes its session (`faultPlan`), and the
 * plan travels with the session to the places that write files and print, like the print
 * queue's `launch`: nothing here is read at import or kept in module scope. One step reads
 * the variable when it is reached instead (`announceFault`): collections are checked while
 * the content loads, before and without any session.
 */
export const faultSteps = ['maps', 'print', 'docx', 'rename', 'manifest'] as const
export type FaultStep = (typeof faultSteps)[number]

/** Where a build stops dead or pauses on purpose; `noFaults` everywhere but in the fault tests. */
export interface FaultPlan {
  /** Just before Chromium prints a page: stops dead, or with `print:pause` holds a few seconds. */
  beforePrint(): Promise<void>
  /** The step at which a write to `file` should stop dead half-way through its bytes (`maps`, `docx`, `manifest`), if any. */
  halfWritten(file: string): FaultStep | undefined
  /**
   * Renames an output into place, unless the plan stops at `rename`: then the first
   * output is renamed and the process stops dead before the second one's rename,
   * whichever order they arrive in.
   */
  rename(rename: () => Promise<void>, file: string): Promise<void>
}

export const noFaults: FaultPlan = {
  beforePrint: async () => undefined,
  halfWritten: () => undefined,
  rename: (rename) => rename(),
}

/** Ends the process at once, leaving whatever it was writing as it is. */
export function stopDead(step: FaultStep): void {
  // Pipes are written synchronously on Linux, so the test sees the line before the process ends.
  process.stderr.write(`Fault injected at ${step} (RSO_FAULT_AT): killing the build\n`)
  process.kill(process.pid, 'SIGKILL')
}

const pauseMs = 4_000

/** The plan `RSO_FAULT_AT` asks for (`requested` is its value); none when it is unset. */
export function faultPlan(requested: string | undefined): FaultPlan {
  if (!requested) return noFaults
  let firstRename: Promise<void> | undefined
  return {
    async beforePrint() {
      if (requested === 'print') stopDead('print')
      if (requested !== 'print:pause') return
      process.stderr.write('Fault injected at print (RSO_FAULT_AT): pausing\n')
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    },
    halfWritten(file) {
      const name = file.slice(file.lastIndexOf('/') + 1)
      if (requested === 'maps' && name.endsWith('.png')) return 'maps'
      if (requested === 'docx' && name.endsWith('.docx')) return 'docx'
      if (requested === 'manifest' && name === '.manifest.json') return 'manifest'
      return undefined
    },
    async rename(rename, file) {
      const isOutput = !file.includes('/.cache/') && !file.endsWith('/.manifest.json')
      if (requested !== 'rename' || !isOutput) return rename()
      if (firstRename) {
        await firstRename
        stopDead('rename')
        return
      }
      firstRename = rename()
      await firstRename
    },
  }
}

/** With `RSO_FAULT_AT=<step>:announce`, says that `step` is under way; otherwise nothing. */
export function announceFault(step: 'collections'): void {
  if (process.env.RSO_FAULT_AT === `${step}:announce`) process.stderr.write(`Fault injected at ${step} (RSO_FAULT_AT): under way\n`)
}

export type ReviewPause = 'review-staged' | 'review-renamed' | 'review-checked'

/**
 * `RSO_FAULT_AT=review-staged:pause` (or `review-renamed`, after the first file is renamed
 * into place; `review-checked`, after the check): `review --apply` says it reached the
 * step and holds there a few seconds, so a test can send SIGTERM at that exact moment.
 */
export async function pauseForFault(step: ReviewPause): Promise<void> {
  if (process.env.RSO_FAULT_AT !== `${step}:pause`) return
  process.stderr.write(`Fault injected at ${step} (RSO_FAULT_AT): paused\n`)
  await new Promise((resolve) => setTimeout(resolve, pauseMs))
}
