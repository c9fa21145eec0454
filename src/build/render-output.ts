/**
 * Rendering one document in one format. Loaded on demand by the build, since it brings in
 * Chromium's driver, the DOCX library and the map renderer.
 */
import type { Content } from '../content/load.ts'
import type { PublishedDocument } from '../document/model.ts'
import { documentHeadings, renderHtml } from '../render/html.ts'
import { destinationPages, finishPdf } from '../render/pdf.ts'
import { PrintQueue } from '../render/print-queue.ts'
import { renderDocx } from '../render/docx/index.ts'
import { resolveMaps } from '../maps/index.ts'
import type { Format, Toolkit } from './build.ts'

export { PrintQueue }

export async function render(document: PublishedDocument, format: Format, toolkit: Toolkit & { content: Content }, printQueue: PrintQueue | undefined): Promise<Uint8Array | string> {
  const { content, brand } = toolkit
  switch (format) {
    case 'html':
      return renderHtml(resolveMaps(document, content, brand, 'html'), toolkit)
    case 'pdf':
      if (!printQueue) throw new Error('Internal error: no print queue for a PDF')
      return renderPdfDocument(resolveMaps(document, content, brand, 'html'), toolkit, printQueue)
    case 'docx':
      return renderDocx(resolveMaps(document, content, brand, 'docx'), brand)
  }
}

async function renderPdfDocument(document: PublishedDocument, toolkit: Toolkit, printQueue: PrintQueue): Promise<Uint8Array> {
  const label = document.outputPath
  let pdf = await printQueue.print(await renderHtml(document, toolkit), label)
  if (document.tableOfContents) {
    const pageNumbers = await destinationPages(pdf)
    pdf = await printQueue.print(await renderHtml(document, { ...toolkit, pageNumbers }), label)
  }
  const withMetadata = await finishPdf(pdf, document.metadata, documentHeadings(document))
  assertPdf(withMetadata, label)
  return withMetadata
}

function assertPdf(bytes: Uint8Array, label: string): void {
  const head = new TextDecoder().decode(bytes.subarray(0, 5))
  if (head !== '%PDF-' || bytes.length < 1000) throw new Error(`Internal error: the PDF of ${label} is not a valid PDF`)
}
