/**
 * Renders DOCX packages on a worker thread. Building a package (laying out the contents,
 * writing and zipping the XML) is seconds of JavaScript that would otherwise hold up the
 * main thread, which drives Chromium: with the DOCX here, a PDF is printed while its DOCX
 * is written, and an edit reaches the PDF sooner.
 */
import { parentPort } from 'node:worker_threads'
import type { Brand } from '../../brand/brand.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import { renderDocx } from './render-docx.ts'

export interface DocxRequest {
  id: number
  document: PublishedDocument
  brand: Brand
}

/** `milliseconds`: how long the worker took to write the package. */
export type DocxResponse = { id: number; bytes: Uint8Array; milliseconds: number } | { id: number; error: { name: string; message: string; stack?: string } }

if (!parentPort) throw new Error('Internal error: render/docx/worker.ts runs only as a worker thread')
const port = parentPort

port.on('message', (request: DocxRequest) => {
  const started = performance.now()
  renderDocx(request.document, request.brand).then(
    (bytes) => port.postMessage({ id: request.id, bytes, milliseconds: performance.now() - started } satisfies DocxResponse),
    (error: Error) => port.postMessage({ id: request.id, error: { name: error.name, message: error.message, stack: error.stack } } satisfies DocxResponse),
  )
})
