/**
 * Finishes a printed PDF in one pass over the document pdf-lib has loaded (the same one the
 * contents' page numbers were read from): the properties Chromium leaves out, the
 * bookmarks' titles, repeatable structure ids, then what PDF/UA asks (`accessibility.ts`),
 * and one save.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib'
import type { DocumentMetadata } from '../../assemble/model.ts'
import { makeAccessible, type LinkTargets } from './accessibility.ts'

/** A printed PDF, parsed once for reading its destinations and for finishing. */
export const loadPdf = (pdf: Uint8Array): Promise<PDFDocument> => PDFDocument.load(pdf, { updateMetadata: false })

/**
 * Writes the document properties that Chromium leaves out, with fixed dates for repeatable
 * output, and gives the bookmarks the headings' own text: Chromium 156 repeats the text of
 * a heading that starts a page in its bookmark ("ForewordForeword"). Then what PDF/UA asks
 * beyond Chromium's tagging (`accessibility.ts`); `targets` gives links their descriptions.
 */
export async function finishPdf(pdf: Uint8Array | PDFDocument, metadata: DocumentMetadata, headings: readonly string[], targets?: LinkTargets): Promise<Uint8Array> {
  const document = pdf instanceof PDFDocument ? pdf : await loadPdf(pdf)
  retitleOutline(document, headings)
  stabiliseStructureIds(document)
  document.setTitle(metadata.title, { showInWindowTitleBar: true })
  document.setAuthor(metadata.author)
  document.setSubject(metadata.subject)
  // pdf-lib joins the list with spaces, running keywords of several words together; a comma separates them as in the DOCX and HTML.
  document.setKeywords([metadata.keywords.join(', ')])
  document.setCreator('rso-outcome-pipeline')
  document.setProducer('Chromium (Puppeteer) and pdf-lib')
  document.setLanguage(metadata.language)
  document.setCreationDate(metadata.date)
  document.setModificationDate(metadata.date)
  makeAccessible(document, targets)
  return document.save({ useObjectStreams: false })
}

/** Replaces bookmark titles, in reading order, when there is one bookmark per heading. */
function retitleOutline(document: PDFDocument, headings: readonly string[]): void {
  const items: PDFDict[] = []
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(item)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
  if (items.length !== headings.length) return
  items.forEach((item, index) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[index] ?? '')))
}

/**
 * Chromium names the structure elements of a tagged PDF after its DOM node counter
 * ("node00001351"), which depends on what the browser printed before. Renumbering them by
 * rank keeps their order (and so the ID tree's sorting) and makes the bytes repeatable.
 */
function stabiliseStructureIds(document: PDFDocument): void {
  const pattern = /^node(\d+)$/
  // One walk finds every id and where it is held; the renumbering then sets them in place.
  const found: Array<{ holder: PDFDict | PDFArray; key: PDFName | number; id: string }> = []
  const visit = (object: PDFObject | undefined) => {
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const id = idOf(value, pattern)
        if (id) found.push({ holder: object, key, id })
        else visit(value)
      }
    } else if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) {
        const value = object.get(index)
        const id = idOf(value, pattern)
        if (id) found.push({ holder: object, key: index, id })
        else visit(value)
      }
    }
  }
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object)
  const ranked = [...new Set(found.map((entry) => entry.id))].sort((a, b) => Number(pattern.exec(a)?.[1]) - Number(pattern.exec(b)?.[1]))
  const width = String(ranked.length).length + 1
  const replace = new Map(ranked.map((id, index) => [id, `node${String(index + 1).padStart(Math.max(8, width), '0')}`]))
  for (const { holder, key, id } of found) {
    const next = PDFString.of(replace.get(id)!)
    if (holder instanceof PDFDict) holder.set(key as PDFName, next)
    else holder.set(key as number, next)
  }
}

/** The text of a string object that names a structure element after Chromium's node counter. */
function idOf(object: PDFObject | undefined, pattern: RegExp): string | undefined {
  if (!(object instanceof PDFString || object instanceof PDFHexString)) return undefined
  const text = object.decodeText()
  return pattern.test(text) ? text : undefined
}
