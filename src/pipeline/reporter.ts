/**
 * What a build says while it runs: a progress bar on a terminal, plain lines elsewhere
 * (CI logs, pipes), and messages on stderr.
 */
import { createRequire } from 'node:module'

/** The progress bar's library, loaded only on a terminal: a command's start-up does not wait for it. */
const loadProgressBars = () => createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')

export interface Reporter {
  info(message: string): void
  warn(message: string): void
  /** Starts a batch of `total` steps; returns a function to call as each step ends. */
  batch(total: number, label: string): { tick(item: string): void; done(): void }
}

export function consoleReporter(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Reporter {
  const stream = options.stream ?? process.stderr
  const interactive = Boolean(stream.isTTY) && !process.env.CI
  const write = (message: string) => stream.write(`${message}\n`)
  return {
    info: (message) => {
      if (!options.quiet) write(message)
    },
    warn: write,
    batch(total, label) {
      if (options.quiet || total === 0) return { tick() {}, done() {} }
      if (!interactive) {
        let count = 0
        return {
          tick: (item) => write(`[${++count}/${total}] ${item}`),
          done() {},
        }
      }
      const cliProgress = loadProgressBars()
      const bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {value}/{total} {item}`, stream, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
      bar.start(total, 0, { item: '' })
      return {
        tick: (item) => bar.increment({ item }),
        done: () => bar.stop(),
      }
    },
  }
}

export const silentReporter: Reporter = {
  info() {},
  warn() {},
  batch: () => ({ tick() {}, done() {} }),
}
