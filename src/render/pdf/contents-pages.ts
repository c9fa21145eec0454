/**
 * Rendering one document in one format. Loaded on demand by the build, since it brings in
 * Chromium's driver, the DOCX library and the map renderer.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Content } from '../../content/load.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import { documentHeadings, renderHtml } from '../html/render-html.ts'
import { destinationPages, finishPdf } from './print.ts'
import { linkTargets } from './accessibility.ts'
import { PrintQueue } from './print-queue.ts'
import { renderDocxOffThread } from '../docx/worker-thread.ts'
import { resolveMaps } from '../../layout/maps/index.ts'
import { prepareMapImages } from '../../layout/place-maps.ts'
import type { Format, Toolkit } from '../../pipeline/build.ts'
import { writeFileAtomic } from '../../pipeline/atomic-write.ts'

export { PrintQueue }

/**
 * The remembered page numbers are also kept in the build's cache folder, so the next
 * command (not only a watching process) starts from them. A missing or stale file costs
 * one more print, never a wrong number.
 */
async function readPages(file: string | undefined): Promise<ReadonlyMap<string, number> | undefined> {
  if (!file) return undefined
  try {
    const entries = JSON.parse(await fs.readFile(file, 'utf8')) as unknown
    if (!Array.isArray(entries) || !entries.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && Number.isInteger(entry[1]))) return undefined
    return new Map(entries as Array<[string, number]>)
  } catch {
    return undefined
  }
}

async function writePages(file: string | undefined, pages: ReadonlyMap<string, number>): Promise<void> {
  if (!file) return
  await writeFileAtomic(file, JSON.stringify([...pages].sort(([a], [b]) => a.localeCompare(b))))
}

export interface RenderToolkit extends Toolkit {
  content: Content
  /** A folder for work kept between builds (map PNGs); without it, they are kept in memory only. */
  cacheDirectory?: string
}

export async function render(document: PublishedDocument, format: Format, toolkit: RenderToolkit, printQueue: PrintQueue | undefined): Promise<Uint8Array | string> {
  const { content, brand, cacheDirectory } = toolkit
  switch (format) {
    case 'html':
      return renderHtml(resolveMaps(document, content, brand, 'html'), toolkit)
    case 'pdf':
      if (!printQueue) throw new Error('Internal error: no print queue for a PDF')
      return renderPdfDocument(resolveMaps(document, content, brand, 'html'), toolkit, printQueue)
    case 'docx':
      await prepareMapImages(document, content, brand, { cacheDirectory })
      return renderDocxOffThread(resolveMaps(document, content, brand, 'docx', { cacheDirectory }), brand)
  }
}

/** Most passes for the contents' page numbers; they settle in two (one when remembered). */
const maximumPasses = 3

/**
 * Page numbers of the contents from the last print of each document in this process. A
 * watching process starts from them: when an edit moves no heading to another page, one
 * print is enough.
 */
const rememberedPages = new Map<string, ReadonlyMap<string, number>>()

/**
 * Prints until the contents show the pages their headings land on: a first print without
 * numbers (or with the numbers remembered from the last build) tells where each heading
 * landed, and a print whose headings land where its contents say is the final one. Both
 * ways end at the same fixed point, so the bytes do not depend on what was remembered.
 */
async function renderPdfDocument(document: PublishedDocument, toolkit: RenderToolkit, printQueue: PrintQueue): Promise<Uint8Array> {
  const label = document.outputPath
  const pagesFile = toolkit.cacheDirectory ? path.join(toolkit.cacheDirectory, 'pages', `${label.replaceAll('/', '--')}.json`) : undefined
  let pageNumbers = document.tableOfContents ? (rememberedPages.get(label) ?? (await readPages(pagesFile))) : undefined
  let pdf: Uint8Array | undefined
  for (let pass = 0; pass < maximumPasses; pass++) {
    pdf = await printQueue.print(await renderHtml(document, { ...toolkit, pageNumbers }), label)
    if (!document.tableOfContents) break
    const landed = await destinationPages(pdf)
    const settled = pageNumbers !== undefined && samePages(landed, pageNumbers)
    pageNumbers = landed
    if (settled) break
  }
  if (!pdf) throw new Error(`Internal error: ${label} was not printed`)
  if (pageNumbers) {
    rememberedPages.set(label, pageNumbers)
    await writePages(pagesFile, pageNumbers)
  }
  const withMetadata = await finishPdf(pdf, document.metadata, documentHeadings(document), linkTargets(document))
  assertPdf(withMetadata, label)
  return withMetadata
}

function samePages(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false
  for (const [id, page] of a) if (b.get(id) !== page) return false
  return true
}

function assertPdf(bytes: Uint8Array, label: string): void {
  const head = new TextDecoder().decode(bytes.subarray(0, 5))
  if (head !== '%PDF-' || bytes.length < 1000) throw new Error(`Internal error: the PDF of ${label} is not a valid PDF`)
}
