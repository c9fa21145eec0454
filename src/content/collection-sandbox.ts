/**
 * The main thread's side of `collection-worker.ts`: sends each author-defined collection's
 * job to a worker thread with a heap of its own (`limits.collectionMemoryMegabytes`) and
 * ends the worker when a job runs longer than `limits.collectionSeconds` (or the seconds
 * the caller gives). The budgets of `template-budget.ts` stop the usual runaway
 * templates with an exact message; these limits catch whatever is left (a schema whose
 * `$ref`s multiply, a heap that grows anyway). While the worker works, the main thread is idle, so a signal stops the command.
 * Where a worker cannot start, the jobs run on this thread, with the budgets only.
 */
import { Worker } from 'node:worker_threads'
import { limits } from './limits.ts'
import { announceFault } from '../session/fault-injection.ts'
import { runCollectionJob, type CollectionJob, type CollectionResult, type CollectionStep } from './collection-job.ts'
import type { CollectionRequest, CollectionResponse } from './collection-worker.ts'

export type SandboxOutcome = { ok: true; result: CollectionResult } | { ok: false; step: CollectionStep; reason: string }

export class CollectionSandbox {
  #worker: Worker | undefined
  #unavailable = false
  #nextId = 0
  readonly #seconds: number

  /** `seconds`: how long one job may run (`limits.collectionSeconds` unless given). */
  constructor(seconds: number = limits.collectionSeconds) {
    this.#seconds = seconds
  }

  /** Runs one job; jobs are meant to run one at a time, so that each has the whole deadline. */
  async run(job: CollectionJob): Promise<SandboxOutcome> {
    const worker = this.#unavailable ? undefined : this.#ensureWorker()
    if (!worker) return { ok: true, result: runCollectionJob(job) }
    const id = this.#nextId++
    return new Promise<SandboxOutcome>((resolve, reject) => {
      let step: CollectionStep = 'schema'
      let answered = false
      let deadline: NodeJS.Timeout | undefined
      const release = (stop: boolean) => {
        clearTimeout(deadline)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        worker.unref()
        if (stop) this.#stop(worker)
      }
      const finish = (outcome: SandboxOutcome | Error, stop: boolean) => {
        release(stop)
        if (outcome instanceof Error) reject(outcome)
        else resolve(outcome)
      }
      const onMessage = (response: CollectionResponse) => {
        if (response.id !== id) return
        answered = true
        if ('step' in response) {
          // The deadline counts from the job's start, not the worker's: starting a thread (and tsx in it) is not the content's doing.
          if (!deadline) deadline = setTimeout(() => finish({ ok: false, step, reason: `takes more than ${this.#seconds} s` }, true), this.#seconds * 1000)
          step = response.step
          announceFault('collections')
        }
        else if ('result' in response) finish({ ok: true, result: response.result }, false)
        else finish(Object.assign(new Error(`Internal error: ${response.error.message}`), { stack: response.error.stack }), false)
      }
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finish({ ok: false, step, reason: `needs more than ${limits.collectionMemoryMegabytes} MB of memory` }, true)
        } else if (!answered) {
          // The worker could not start here (no loader, no threads): run on this thread from now on.
          this.#unavailable = true
          release(true)
          this.run(job).then(resolve, reject)
        } else {
          finish(new Error(`Internal error: the collections' worker failed (${error.message})`, { cause: error }), true)
        }
      }
      const onExit = (code: number) => finish(new Error(`Internal error: the collections' worker stopped (exit code ${code})`), true)
      worker.on('message', onMessage)
      worker.once('error', onError)
      worker.once('exit', onExit)
      worker.ref()
      worker.postMessage({ id, job } satisfies CollectionRequest)
    })
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    if (worker) await worker.terminate()
  }

  #stop(worker: Worker): void {
    if (this.#worker === worker) this.#worker = undefined
    void worker.terminate()
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker) return this.#worker
    // Beside this file: `.ts` when run from the sources (tsx), `.js` when compiled (dist/).
    const entry = new URL(import.meta.url.endsWith('.ts') ? './collection-worker.ts' : './collection-worker.js', import.meta.url)
    // TypeScript sources need tsx's loader, which a worker does not inherit from `--import tsx`.
    const source = entry.pathname.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
      : `import(${JSON.stringify(entry.href)})`
    try {
      this.#worker = new Worker(source, {
        eval: true,
        resourceLimits: { maxOldGenerationSizeMb: limits.collectionMemoryMegabytes, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      })
    } catch {
      this.#unavailable = true
      return undefined
    }
    this.#worker.unref()
    return this.#worker
  }
}
