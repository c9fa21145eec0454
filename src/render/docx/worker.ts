/**
 * Renders DOCX packages on a worker thread. Building a package (laying out the contents,
 * writing and zipping the XML) is seconds of JavaScript that would otherwise hold up the
 * main thread, which drives Chromium: with the DOCX here, a PDF is printed while its DOCX
 * is written, and an edit reaches the PDF sooner.
 */
import { parentPort } from 'node:worker_threads'
import { lazyFace, type Brand } from '../../brand/brand.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import { DocxKit } from './kit.ts'
import { renderDocx } from './render-docx.ts'

/** `brand` comes with the first request of each brand only (it carries megabytes of fonts); later ones name it by digest. */
export interface DocxRequest {
  id: number
  document: PublishedDocument
  brand: Brand | { digest: string }
}

/** `milliseconds`: how long the worker took to write the package. */
export type DocxResponse = { id: number; bytes: Uint8Array; milliseconds: number } | { id: number; error: { name: string; message: string; stack?: string } }

if (!parentPort) throw new Error('Internal error: render/docx/worker.ts runs only as a worker thread')
const port = parentPort

/** The kit of the brand last sent: what the packages share, kept as long as the worker (the session's). */
let kit: DocxKit | undefined

/**
 * Requests are written one after another: a package's time is then its own work (the
 * profile's DOCX stage), not its wait behind the others, and only one document's parts are
 * in memory at once.
 */
let queue: Promise<void> = Promise.resolve()

port.on('message', (request: DocxRequest) => {
  queue = queue.then(() => answer(request))
})

async function answer(request: DocxRequest): Promise<void> {
  const started = performance.now()
  if ('tokens' in request.brand && kit?.brand.digest !== request.brand.digest) kit = new DocxKit(reviveBrand(request.brand))
  if (!kit || kit.brand.digest !== request.brand.digest) {
    port.postMessage({ id: request.id, error: { name: 'Error', message: `Internal error: the DOCX worker was not sent brand ${request.brand.digest}` } } satisfies DocxResponse)
    return
  }
  try {
    const bytes = await renderDocx(request.document, kit.brand, kit)
    // The zip's bytes are its own buffer: moved to the main thread, not copied.
    port.postMessage({ id: request.id, bytes, milliseconds: performance.now() - started } satisfies DocxResponse, bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [])
  } catch (caught) {
    const error = caught as Error
    port.postMessage({ id: request.id, error: { name: error.name, message: error.message, stack: error.stack } } satisfies DocxResponse)
  }
}

/** The brand sent, with the faces it sent as file and range (`portableBrand`) read on demand again. */
function reviveBrand(brand: Brand): Brand {
  return { ...brand, webFonts: brand.webFonts.map((font) => (font.lazy && font.unicodeRange ? lazyFace({ ...font, unicodeRange: font.unicodeRange }) : font)) }
}
