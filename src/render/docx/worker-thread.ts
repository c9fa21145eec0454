/**
 * The main thread's side of `docx-worker.ts`: one worker, started on the first DOCX and
 * kept (without holding the process open) for the next build, as `watch` runs many. When
 * a worker cannot start here, DOCX is rendered on the main thread as before.
 */
import { Worker } from 'node:worker_threads'
import type { Brand } from '../../brand/brand.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import { renderDocx } from './index.ts'
import type { DocxRequest, DocxResponse } from './worker.ts'

interface Pending {
  document: PublishedDocument
  brand: Brand
  resolve: (bytes: Uint8Array) => void
  reject: (error: Error) => void
}

let worker: Worker | undefined
let unavailable = false
let nextId = 0
const pending = new Map<number, Pending>()

export async function renderDocxOffThread(document: PublishedDocument, brand: Brand): Promise<Uint8Array> {
  // The source files (VFiles) are not needed to write a package, and do not cross threads.
  const portable: PublishedDocument = { ...document, sections: document.sections.map(({ file: _file, ...section }) => section) }
  const thread = unavailable ? undefined : ensureWorker()
  if (!thread) return renderDocx(document, brand)
  const id = nextId++
  const result = new Promise<Uint8Array>((resolve, reject) => pending.set(id, { document, brand, resolve, reject }))
  thread.ref()
  thread.postMessage({ id, document: portable, brand } satisfies DocxRequest)
  return result
}

function ensureWorker(): Worker | undefined {
  if (worker) return worker
  const entry = new URL('./worker.ts', import.meta.url)
  try {
    // TypeScript sources need tsx's loader, which a worker does not inherit from `--import tsx`.
    const source = entry.pathname.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
      : `import(${JSON.stringify(entry.href)})`
    worker = new Worker(source, { eval: true })
  } catch {
    unavailable = true
    return undefined
  }
  const current = worker
  let answered = false
  current.unref()
  current.on('message', (response: DocxResponse) => {
    answered = true
    const job = pending.get(response.id)
    pending.delete(response.id)
    if (pending.size === 0) current.unref()
    if (!job) return
    if ('bytes' in response) job.resolve(response.bytes)
    else job.reject(Object.assign(new Error(response.error.message), { name: response.error.name, stack: response.error.stack }))
  })
  const fail = (error: Error) => {
    if (worker !== current) return
    worker = undefined
    // A worker that never answered could not start here (no loader, no threads): render on this thread from now on.
    if (!answered) unavailable = true
    for (const [id, job] of pending) {
      pending.delete(id)
      if (unavailable) renderDocx(job.document, job.brand).then(job.resolve, job.reject)
      else job.reject(new Error(`Internal error: the DOCX worker stopped (${error.message})`, { cause: error }))
    }
  }
  current.on('error', fail)
  current.on('exit', (code) => fail(new Error(`exit code ${code}`)))
  return current
}
