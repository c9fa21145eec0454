/**
 * The author-defined collections' thread: runs `runCollectionJob` for each job it is sent.
 * It has its own heap, limited by the main thread (`collection-sandbox.ts`), which also
 * ends it when a job takes too long; so a schema or template that would take minutes or
 * gigabytes costs seconds and a message, and the main thread stays free to answer Ctrl-C.
 */
import { parentPort } from 'node:worker_threads'
import { runCollectionJob, type CollectionJob, type CollectionResult, type CollectionStep } from './collection-job.ts'

export interface CollectionRequest {
  id: number
  job: CollectionJob
}

export type CollectionResponse =
  | { id: number; step: CollectionStep }
  | { id: number; result: CollectionResult }
  | { id: number; error: { name: string; message: string; stack?: string } }

if (!parentPort) throw new Error('Internal error: collection-worker.ts runs only as a worker thread')
const port = parentPort

port.on('message', ({ id, job }: CollectionRequest) => {
  try {
    const result = runCollectionJob(job, (step) => port.postMessage({ id, step } satisfies CollectionResponse))
    port.postMessage({ id, result } satisfies CollectionResponse)
  } catch (error) {
    const { name, message, stack } = error as Error
    port.postMessage({ id, error: { name, message, stack } } satisfies CollectionResponse)
  }
})
