/**
 * Prints until the contents show the pages their headings land on. Chromium has no
 * `target-counter()`, so a first print without numbers (or with the numbers remembered
 * from the last print of this document) tells where each heading landed, read from the
 * PDF's own links, and a print whose headings land where its contents say is the final
 * one. Both ways end at the same fixed point, so the bytes do not depend on what was
 * remembered.
 */
import fs from 'node:fs/promises'
import type { PublishedDocument } from '../../assemble/model.ts'
import { documentHeadings } from '../../layout/contents.ts'
import type { Session } from '../../session/session.ts'
import { renderHtml } from '../html/render-html.ts'
import type { RenderContext } from '../types.ts'
import type { PDFDocument } from 'pdf-lib'
import { destinationPages } from './destinations.ts'
import { finishPdf, loadPdf } from './finish.ts'
import type { PrintQueue } from './print-queue.ts'
import { linkTargets } from './accessibility.ts'
import { PageOverflowError } from './page-overflow.ts'
import { overflowError } from './overflow-place.ts'
import type { PageFlow } from './page-flow.ts'
import { lengthInMillimetres } from '../../brand/brand.ts'

/** Most passes for the contents' page numbers; they settle in two (one when remembered). */
const maximumPasses = 3

type Pages = ReadonlyMap<string, number>

export async function printWithContentsPages(document: PublishedDocument, context: RenderContext, printQueue: PrintQueue): Promise<Uint8Array> {
  const label = document.outputPath
  let pageNumbers = document.tableOfContents ? await recallPages(context.session, label) : undefined
  let printed: PDFDocument | undefined
  // The page flow parses every print it measures; the one it keeps is not parsed again.
  let parsed: { pdf: Uint8Array; document: PDFDocument } | undefined
  const points = (length: string) => (lengthInMillimetres(length) * 72) / 25.4
  const flow: PageFlow = {
    geometry: { marginTop: points(context.brand.tokens.page.marginTop), marginBottom: points(context.brand.tokens.page.marginBottom) },
    load: async (pdf) => (parsed = { pdf, document: await loadPdf(pdf) }).document,
    time: (stage, work) => context.session.time(stage, work),
  }
  for (let pass = 0; pass < maximumPasses; pass++) {
    const html = await context.session.time('lay out', () => renderHtml(document, { ...context, pageNumbers }))
    const pdf = await printQueue.print(html, label, flow).catch((error: unknown) => {
      throw error instanceof PageOverflowError ? overflowError(document, error) : error
    })
    // Parsed once: the same document tells where the headings landed and, when they landed
    // where the contents say, is the one finished.
    const known = parsed?.pdf === pdf ? parsed.document : undefined
    printed = known ?? (await context.session.time('PDF finish', () => loadPdf(pdf)))
    if (!document.tableOfContents) break
    const landed = destinationPages(printed)
    const settled = pageNumbers !== undefined && samePages(landed, pageNumbers)
    pageNumbers = landed
    if (settled) break
  }
  if (!printed) throw new Error(`Internal error: ${label} was not printed`)
  if (pageNumbers) await rememberPages(context.session, label, pageNumbers)
  const finished = await context.session.time('PDF finish', () => finishPdf(printed, document.metadata, documentHeadings(document), linkTargets(document)))
  assertPdf(finished, label)
  return finished
}

/**
 * The page numbers of the last print of `label`: from the session, or from the cache
 * folder, so the next command (not only a watching process) starts from them. A missing
 * or stale file costs one more print, never a wrong number.
 */
async function recallPages(session: Session, label: string): Promise<Pages | undefined> {
  const remembered = session.recall<Pages>('contents-pages', label)
  if (remembered) return remembered
  const file = pagesFile(session, label)
  if (!file) return undefined
  try {
    const entries = JSON.parse(await fs.readFile(file, 'utf8')) as unknown
    if (!Array.isArray(entries) || !entries.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && Number.isInteger(entry[1]))) return undefined
    return new Map(entries as Array<[string, number]>)
  } catch {
    return undefined
  }
}

async function rememberPages(session: Session, label: string, pages: Pages): Promise<void> {
  session.store('contents-pages', label, pages)
  const file = pagesFile(session, label)
  if (file) await session.writeFile(file, JSON.stringify([...pages].sort(([a], [b]) => a.localeCompare(b))))
}

const pagesFile = (session: Session, label: string) => session.cacheFile('pages', `${label.replaceAll('/', '--')}.json`)

function samePages(a: Pages, b: Pages): boolean {
  if (a.size !== b.size) return false
  for (const [id, page] of a) if (b.get(id) !== page) return false
  return true
}

function assertPdf(bytes: Uint8Array, label: string): void {
  const head = new TextDecoder().decode(bytes.subarray(0, 5))
  if (head !== '%PDF-' || bytes.length < 1000) throw new Error(`Internal error: the PDF of ${label} is not a valid PDF`)
}
