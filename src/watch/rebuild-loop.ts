/**
 * When to rebuild: saves are coalesced (a burst of saves within `debounceMs` is one
 * rebuild), one build runs at a time, and a save that arrives while a build runs is not
 * lost: the running build finishes (its outputs are written whole) and one more follows.
 */
export interface RebuildLoopOptions {
  /** Quiet time after the last save before a build starts. */
  debounceMs?: number
}

export type RunBuild = (changed: readonly string[]) => Promise<void>

export class RebuildLoop {
  readonly #run: RunBuild
  readonly #debounceMs: number
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  /** Paths saved since the last build started. */
  #changed = new Set<string>()
  #due = false
  #closed = false
  readonly #idleWaiters: Array<() => void> = []

  constructor(run: RunBuild, options: RebuildLoopOptions = {}) {
    this.#run = run
    this.#debounceMs = options.debounceMs ?? 50
  }

  /** A file changed: build after the quiet time (or right away with `immediately`). */
  request(changedPath?: string, immediately = false): void {
    if (this.#closed) return
    if (changedPath) this.#changed.add(changedPath)
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.#start(), immediately ? 0 : this.#debounceMs)
  }

  #start(): void {
    this.#timer = undefined
    if (this.#closed) return
    if (this.#running) {
      this.#due = true
      return
    }
    const changed = [...this.#changed].sort()
    this.#changed.clear()
    this.#running = this.#run(changed)
      .catch(() => {
        // The build reports its own failures; the loop only decides when the next one runs.
      })
      .finally(() => {
        this.#running = undefined
        if (this.#due && !this.#closed) {
          this.#due = false
          this.#start()
        } else if (!this.#timer) {
          for (const resolve of this.#idleWaiters.splice(0)) resolve()
        }
      })
  }

  /** Whether a build is running or waiting to run. */
  get busy(): boolean {
    return Boolean(this.#running || this.#timer || this.#due)
  }

  /** Resolves once no build is running or waiting. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  /** Stops scheduling builds and waits for the one under way, if any. */
  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#due = false
    await this.#running
    for (const resolve of this.#idleWaiters.splice(0)) resolve()
  }
}
