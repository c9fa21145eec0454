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
 */
export const faultSteps = ['maps', 'print', 'docx', 'rename', 'manifest'] as const
export type FaultStep = (typeof faultSteps)[number]

const requested = process.env.RSO_FAULT_AT

/** Whether the test asked to stop at `step`. */
export function faultRequested(step: FaultStep): boolean {
  return requested === step
}

/** Ends the process at once, leaving whatever it was writing as it is. */
export function stopDead(step: FaultStep): void {
  // Pipes are written synchronously on Linux, so the test sees the line before the process ends.
  process.stderr.write(`Fault injected at ${step} (RSO_FAULT_AT): killing the build\n`)
  process.kill(process.pid, 'SIGKILL')
}

/** At `step`, stops dead; otherwise nothing. */
export function faultPoint(step: FaultStep): void {
  if (faultRequested(step)) stopDead(step)
}

const pauseMs = 4_000

/** At `step`, stops dead, or with `<step>:pause` holds for a few seconds; otherwise nothing. */
export async function faultAt(step: FaultStep): Promise<void> {
  faultPoint(step)
  if (requested !== `${step}:pause`) return
  process.stderr.write(`Fault injected at ${step} (RSO_FAULT_AT): pausing\n`)
  await new Promise((resolve) => setTimeout(resolve, pauseMs))
}

/** The step at which a write to `file` should stop dead half-way through its bytes (`maps`, `docx`, `manifest`), if any. */
export function stopsHalfWritten(file: string): FaultStep | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1)
  if (requested === 'maps' && name.endsWith('.png')) return 'maps'
  if (requested === 'docx' && name.endsWith('.docx')) return 'docx'
  if (requested === 'manifest' && name === '.manifest.json') return 'manifest'
  return undefined
}

let firstRename: Promise<void> | undefined

/**
 * Renames an output into place, unless the test asked to stop at `rename`: then the first
 * output is renamed and the process stops dead before the second one's rename, whichever
 * order they arrive in.
 */
export async function renameOutput(rename: () => Promise<void>, file: string): Promise<void> {
  const isOutput = !file.includes('/.cache/') && !file.endsWith('/.manifest.json')
  if (requested !== 'rename' || !isOutput) return rename()
  if (firstRename) {
    await firstRename
    stopDead('rename')
    return
  }
  firstRename = rename()
  await firstRename
}

/** With `RSO_FAULT_AT=<step>:announce`, says that `step` is under way; otherwise nothing. */
export function announceFault(step: 'collections'): void {
  if (requested === `${step}:announce`) process.stderr.write(`Fault injected at ${step} (RSO_FAULT_AT): under way\n`)
}
