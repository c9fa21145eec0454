/**
 * What a command remembers while it runs: drawn maps, their PNGs, the contents' page
 * numbers, the browser and the DOCX worker. The command (build, check, watch, bench) makes
 * one session and passes it down; nothing below keeps state of its own, so a second
 * session (a test, a watch restart) starts clean, and forgetting has one home. The fault
 * plan of the fault tests travels with it too (`faults`, `writeFile`).
 *
 * Three things stay in module scope, each said where it stays: the world atlas and its
 * simplified outlines (`layout/maps/geography.ts`: static package data, never changed),
 * the temporary files to remove on the process's exit (`atomic-write.ts`: the exit is the
 * process's), and whether the sandbox warning was given (`render/pdf/browser.ts`).
 *
 * One eviction rule for every cache: it holds at most `entriesPerCache` values, the least
 * recently used leaving first. Every key is a hash of what its value is made from, so an
 * entry is never stale, only unused; dropping one costs time, never a wrong output.
 *
 * Resources (the print queue, the DOCX worker) are made on first use and closed with the
 * session. The DOCX worker keeps, for as long as it runs, the kit of the brand it was last
 * sent (styles, numbering, fonts and a bounded cache of cut fonts: `render/docx/kit.ts`):
 * a thread cannot share this object, so that much lives in the worker, and goes with it.
 */
import path from 'node:path'
import { LRUCache } from 'lru-cache'
import { writeFileAtomic } from './atomic-write.ts'
import { noFaults, type FaultPlan } from './fault-injection.ts'

export interface SessionOptions {
  /** A folder for work kept between commands (drawn map images, page numbers); none: memory only. */
  cacheDirectory?: string
  /** Values each cache holds at most. */
  entriesPerCache?: number
  /** Progress and notices from the resources (the browser says when it starts without a sandbox). */
  log?: (message: string) => void
  /** Where the fault tests stop the build on purpose (`faultPlan`); none by default. */
  faults?: FaultPlan
}

/** Total time of one stage of the work, and how many times it ran. */
export interface StageTime {
  milliseconds: number
  count: number
}

interface Resource {
  value: unknown
  close: () => Promise<void> | void
}

export class Session {
  readonly cacheDirectory: string | undefined
  readonly log: (message: string) => void
  readonly faults: FaultPlan
  readonly #entriesPerCache: number
  readonly #caches = new Map<string, LRUCache<string, { value: unknown }>>()
  readonly #resources = new Map<string, Resource>()
  readonly #stages = new Map<string, StageTime>()
  readonly #running = new Map<string, { count: number; since: number }>()
  #closed = false

  constructor(options: SessionOptions = {}) {
    this.cacheDirectory = options.cacheDirectory
    this.log = options.log ?? (() => undefined)
    this.faults = options.faults ?? noFaults
    this.#entriesPerCache = options.entriesPerCache ?? 256
  }

  /** The value of `make()` under `key` in the cache `name`, made once. A promise that rejects is forgotten, so the next call tries again. */
  remember<T>(name: string, key: string, make: () => T): T {
    const cache = this.#cache(name)
    const found = cache.get(key)
    if (found) return found.value as T
    const value = make()
    cache.set(key, { value })
    if (value instanceof Promise) value.catch(() => cache.get(key)?.value === value && cache.delete(key))
    return value
  }

  /** A value remembered under `key`, if any (for hints, such as the last print's page numbers). */
  recall<T>(name: string, key: string): T | undefined {
    return this.#cache(name).get(key)?.value as T | undefined
  }

  store<T>(name: string, key: string, value: T): void {
    this.#cache(name).set(key, { value })
  }

  /** A file under the cache folder, or none when the session keeps nothing on disk. */
  cacheFile(...parts: string[]): string | undefined {
    return this.cacheDirectory ? path.join(this.cacheDirectory, ...parts) : undefined
  }

  /** Writes `file` whole or not at all (`writeFileAtomic`), with this session's fault plan. */
  writeFile(file: string, data: Uint8Array | string): Promise<void> {
    return writeFileAtomic(file, data, this.faults)
  }

  /** The resource `name`, made on first use and closed with the session. */
  resource<T>(name: string, make: () => T, close: (value: T) => Promise<void> | void): T {
    if (this.#closed) throw new Error(`Internal error: the session is closed; cannot start ${name}`)
    const found = this.#resources.get(name)
    if (found) return found.value as T
    const value = make()
    this.#resources.set(name, { value, close: () => close(value) })
    return value
  }

  /** The resource `name` if it was made. */
  existing<T>(name: string): T | undefined {
    return this.#resources.get(name)?.value as T | undefined
  }

  /**
   * Runs `work` and counts it in `stage` (a promise until it settles). A stage's time is how
   * long at least one of its pieces of work was under way, so 30 maps drawn side by side
   * count once, not 30 times; different stages overlap (a page prints while a DOCX is
   * written), so their sum can exceed the wall time.
   */
  time<T>(stage: string, work: () => T): T {
    const started = performance.now()
    const running = this.#running.get(stage)
    if (running) running.count++
    else this.#running.set(stage, { count: 1, since: started })
    const end = () => {
      const current = this.#running.get(stage)
      if (!current) return
      this.record(stage, 0)
      if (--current.count > 0) return
      this.#running.delete(stage)
      this.record(stage, performance.now() - current.since, 0)
    }
    let value: T
    try {
      value = work()
    } catch (error) {
      end()
      throw error
    }
    if (value instanceof Promise) value.then(end, end)
    else end()
    return value
  }

  /** Adds `milliseconds` of work to `stage` (for work timed elsewhere, such as on the DOCX worker). */
  record(stage: string, milliseconds: number, count = 1): void {
    const found = this.#stages.get(stage) ?? { milliseconds: 0, count: 0 }
    this.#stages.set(stage, { milliseconds: found.milliseconds + milliseconds, count: found.count + count })
  }

  /** Time spent in each stage so far, in the order the stages first ran. */
  stageTimes(): Record<string, StageTime> {
    return Object.fromEntries([...this.#stages].map(([stage, time]) => [stage, { ...time }]))
  }

  async close(): Promise<void> {
    this.#closed = true
    const resources = [...this.#resources.values()]
    this.#resources.clear()
    this.#caches.clear()
    await Promise.all(resources.map((resource) => resource.close()))
  }

  #cache(name: string): LRUCache<string, { value: unknown }> {
    let cache = this.#caches.get(name)
    if (!cache) this.#caches.set(name, (cache = new LRUCache({ max: this.#entriesPerCache })))
    return cache
  }
}
