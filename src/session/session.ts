/**
 * What a command remembers while it runs: drawn maps, their PNGs, the contents' page
 * numbers, the browser and the DOCX worker. The command (build, check, watch, bench) makes
 * one session and passes it down; nothing below keeps state of its own, so a second
 * session (a test, a watch restart) starts clean, and forgetting has one home.
 *
 * One eviction rule for every cache: it holds at most `entriesPerCache` values, the least
 * recently used leaving first. Every key is a hash of what its value is made from, so an
 * entry is never stale, only unused; dropping one costs time, never a wrong output.
 *
 * Resources (the print queue, the DOCX worker) are made on first use and closed with the
 * session.
 */
import path from 'node:path'
import { LRUCache } from 'lru-cache'

export interface SessionOptions {
  /** A folder for work kept between commands (drawn map images, page numbers); none: memory only. */
  cacheDirectory?: string
  /** Values each cache holds at most. */
  entriesPerCache?: number
  /** Progress and notices from the resources (the browser says when it starts without a sandbox). */
  log?: (message: string) => void
}

interface Resource {
  value: unknown
  close: () => Promise<void> | void
}

export class Session {
  readonly cacheDirectory: string | undefined
  readonly log: (message: string) => void
  readonly #entriesPerCache: number
  readonly #caches = new Map<string, LRUCache<string, { value: unknown }>>()
  readonly #resources = new Map<string, Resource>()
  #closed = false

  constructor(options: SessionOptions = {}) {
    this.cacheDirectory = options.cacheDirectory
    this.log = options.log ?? (() => undefined)
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

  /** Forgets every cached value (not the resources); for `--force`-like fresh starts and tests. */
  forget(): void {
    this.#caches.clear()
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
