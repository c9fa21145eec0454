/**
 * The DOCX edition of a document, from the same sanitised hast as the HTML and PDF: the
 * body (`body.ts`), the Word sections around it (`sections.ts`), the document's properties,
 * then one pass that makes the package reproducible and zips it (`normalise-package.ts`).
 * What all documents share (styles, numbering, fonts, page setup) comes from the kit.
 */
import { Document, type PageNumberEstimator } from 'docx'
import { estimatePageNumbers, layoutDocument } from 'docx/layout'
import { lengthInMillimetres } from '../../brand/brand.ts'
import type { Brand } from '../../brand/brand.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import { documentBody, type BodyContent } from './body.ts'
import { compilePackage } from './compile.ts'
import { DocxKit } from './kit.ts'
import { normalisePackage } from './normalise-package.ts'
import { pageNumbersFrom } from './page-numbers.ts'
import { arranged, flowArrangement } from './page-flow.ts'
import type { ReviewFacts } from './review-record.ts'
import { documentSections } from './sections.ts'
import { xmlSafeText } from './text.ts'

/** The package of `document`; `kit` carries what documents of the brand share (a new one when none is given). */
export async function renderDocx(document: PublishedDocument, brand: Brand, kit = new DocxKit(brand)): Promise<Uint8Array> {
  const { lead, units } = documentBody(document, brand, kit.page.maxImageWidth)
  const { metadata } = document
  const documentOf = (blocks: BodyContent[], leading = lead, pageNumbers?: PageNumberEstimator) => new Document({
    title: xmlSafeText(metadata.title),
    subject: xmlSafeText(metadata.subject),
    creator: xmlSafeText(metadata.author),
    lastModifiedBy: xmlSafeText(metadata.author),
    keywords: xmlSafeText(metadata.keywords.join(', ')),
    description: xmlSafeText(metadata.description),
    revision: 1,
    // Word fills the table of contents and the page count when the document opens.
    features: { updateFields: true },
    // The contents and the page count carry numbers for readers that never update fields
    // (LibreOffice, Google Docs, phones).
    ...(pageNumbers ? { pageNumbers } : {}),
    styles: kit.styles(metadata.language),
    numbering: kit.numbering,
    fonts: kit.fontsFor(metadata.language),
    sections: documentSections(document, brand, kit.page, [...leading, ...blocks]),
  })
  const pixels = (length: string) => (lengthInMillimetres(length) * 96) / 25.4
  const geometry = { marginTop: pixels(brand.tokens.page.marginTop), marginBottom: pixels(brand.tokens.page.marginBottom), bodySection: 1 }
  // Where the layout cannot follow Word (it guesses past frames: the route facts in the margin), the flow is left as it is.
  const layOut = (blocks: BodyContent[]) => {
    try {
      return layoutDocument(documentOf(blocks, lead), { guess: true })
    } catch {
      return undefined
    }
  }
  const arrangement = flowArrangement(units, layOut, geometry)
  const final = documentBody(document, brand, kit.page.maxImageWidth)
  // Numbered from the flow's own layout of these blocks, as LibreOffice breaks the pages; from a layout of docx's own where the flow made none.
  const file = documentOf(arranged(final.units, arrangement), final.lead, arrangement.layout ? pageNumbersFrom(arrangement.layout) : estimatePageNumbers)
  // A redline is reviewed against the document it marks up; its own changes are told apart by their author and date.
  const { redline } = document
  const review: ReviewFacts = {
    id: redline ? redline.documentId : document.outputPath,
    kind: document.kind,
    country: document.country,
    ...(redline ? { redline: { round: redline.round, author: xmlSafeText(redline.author), date: redline.date } } : {}),
  }
  const facts = { date: metadata.date, language: metadata.language, rightToLeft: metadata.direction === 'rtl', review, scripts: { faces: kit.scriptFaces(metadata.language), files: kit.scriptFontFiles } }
  return normalisePackage(compilePackage(file), facts, kit.subset)
}
