/**
 * The main thread's side of `worker.ts`: one worker per session, started on the first
 * DOCX and kept (without holding the process open) for the next build, as `watch` runs
 * many. When a worker cannot start here, DOCX is rendered on the main thread instead.
 */
import { Worker } from 'node:worker_threads'
import type { Brand, WebFontFace } from '../../brand/brand.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import type { Session } from '../../session/session.ts'
import type { DocxRequest, DocxResponse } from './worker.ts'

/**
 * A build with fewer DOCX than this writes them on the main thread, unless the worker is
 * already running: starting one loads a second copy of the docx library and of this code,
 * and makes the brand's kit again, which costs more than writing a few packages of today's
 * size (one proposition edited, the report and a brief: the command's CPU went from 3.9 to
 * 4.9 times the bench's bare print when its two packages went to the worker). But a build
 * that prints too and writes long documents (`longFrom` sections together) keeps the main
 * thread free for Chromium: a package laid out there holds up every message of the print
 * for seconds (the report ten times as long: its tab waited 6 s to open). A session that
 * lasts (`watch`) starts the worker as it warms up, so its builds all use it: the start is
 * paid once, and every save's print has the main thread. The bytes are the same on either
 * thread.
 */
const workerFrom = 4

/** Sections in a build's packages from which they go to the worker when the build prints too (today's report has 10). */
const longFrom = 40

interface Pending {
  document: PublishedDocument
  brand: Brand
  resolve: (bytes: Uint8Array) => void
  reject: (error: Error) => void
}

/** The session's DOCX worker, started on first use and stopped with the session. */
export function docxWorkerOf(session: Session): DocxWorker {
  return session.resource('docx-worker', () => new DocxWorker((milliseconds) => session.record('DOCX', milliseconds), session), (worker) => worker.close())
}

export class DocxWorker {
  #worker: Worker | undefined
  #unavailable = false
  #nextId = 0
  readonly #pending = new Map<number, Pending>()
  /** Told how long each package took to write, on whichever thread wrote it. */
  readonly #record: (milliseconds: number) => void
  /** Where the main thread's kit is kept, when packages are written here. */
  readonly #session: Session | undefined
  /** The brand the worker was last sent: it keeps that brand's kit. */
  #sentBrand: string | undefined
  /** This build's packages are written on the main thread (see `workerFrom`). */
  #fewThisBuild = false

  constructor(record: (milliseconds: number) => void = () => undefined, session?: Session) {
    this.#record = record
    this.#session = session
  }

  /** Told, before a build renders, how many packages it will ask for, of how many sections, and whether it prints PDFs too (see `workerFrom`). */
  plan(planned: number, sections: number, printing: boolean): void {
    this.#fewThisBuild = this.#worker === undefined && planned < workerFrom && !(printing && sections >= longFrom)
  }

  /** Whether this build's packages go to the worker thread (the decision of `plan`, `start`). */
  get onWorker(): boolean {
    return !this.#unavailable && !this.#fewThisBuild
  }

  /** Starts the worker ahead of any package, for a session that will write many (see `workerFrom`). */
  start(): void {
    if (!this.#unavailable) this.#ensureWorker()
  }

  render(document: PublishedDocument, brand: Brand): Promise<Uint8Array> {
    const thread = this.onWorker ? this.#ensureWorker() : undefined
    if (!thread) return this.#onThisThread(document, brand)
    // The source files (VFiles) are not needed to write a package, and do not cross threads.
    const portable: PublishedDocument = { ...document, sections: document.sections.map(({ file: _file, ...section }) => section) }
    const id = this.#nextId++
    const result = new Promise<Uint8Array>((resolve, reject) => this.#pending.set(id, { document, brand, resolve, reject }))
    thread.ref()
    const sendBrand = this.#sentBrand !== brand.digest
    this.#sentBrand = brand.digest
    thread.postMessage({ id, document: portable, brand: sendBrand ? portableBrand(brand) : { digest: brand.digest } } satisfies DocxRequest)
    return result
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    this.#unavailable = true
    if (worker) await worker.terminate()
  }

  async #onThisThread(document: PublishedDocument, brand: Brand): Promise<Uint8Array> {
    // Loaded when first used: a build that writes its packages on the worker never loads docx here.
    const [{ docxKitOf }, { renderDocx }] = await Promise.all([import('./kit.ts'), import('./render-docx.ts')])
    const started = performance.now()
    const kit = this.#session ? docxKitOf(this.#session, brand) : undefined
    return renderDocx(document, brand, kit).finally(() => this.#record(performance.now() - started))
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker) return this.#worker
    // A new worker has no kit yet.
    this.#sentBrand = undefined
    // Beside this file: `worker.ts` when run from the sources (tsx), `worker.js` when compiled (dist/).
    const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url)
    let current: Worker
    try {
      // TypeScript sources need tsx's loader, which a worker does not inherit from `--import tsx`.
      const source = entry.pathname.endsWith('.ts')
        ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
        : `import(${JSON.stringify(entry.href)})`
      current = new Worker(source, { eval: true })
    } catch {
      this.#unavailable = true
      return undefined
    }
    this.#worker = current
    let answered = false
    current.unref()
    current.on('message', (response: DocxResponse) => {
      answered = true
      const job = this.#pending.get(response.id)
      this.#pending.delete(response.id)
      if (this.#pending.size === 0) current.unref()
      if (!job) return
      if ('bytes' in response) {
        this.#record(response.milliseconds)
        job.resolve(response.bytes)
      }
      else job.reject(Object.assign(new Error(response.error.message), { name: response.error.name, stack: response.error.stack }))
    })
    const fail = (error: Error) => {
      if (this.#worker !== current) return
      this.#worker = undefined
      // A worker that never answered could not start here (no loader, no threads): render on this thread from now on.
      if (!answered) this.#unavailable = true
      for (const [id, job] of this.#pending) {
        this.#pending.delete(id)
        if (this.#unavailable) this.#onThisThread(job.document, job.brand).then(job.resolve, job.reject)
        else job.reject(new Error(`Internal error: the DOCX worker stopped (${error.message})`, { cause: error }))
      }
    }
    current.on('error', fail)
    current.on('exit', (code) => fail(new Error(`exit code ${code}`)))
    return current
  }
}

/**
 * The brand as the worker needs it: the faces read only on demand (a CJK font's slices),
 * which a copy would read all at once, go as their file and range alone, and the worker
 * makes them lazy again (`reviveBrand`).
 */
function portableBrand(brand: Brand): Brand {
  return {
    ...brand,
    webFonts: brand.webFonts.map((font) => (font.lazy ? ({ family: font.family, weight: font.weight, style: font.style, unicodeRange: font.unicodeRange, woff: font.woff, lazy: true } as WebFontFace) : font)),
  }
}
