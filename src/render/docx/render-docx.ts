/**
 * The DOCX edition of a document, from the same sanitised hast as the HTML and PDF:
 * cover (no header or footer), contents, every section, back cover. The whole pipeline
 * on one screen; the element handlers are in `handlers/`, the brand in `styles.ts`.
 */
import { convertMillimetersToTwip, Document, Packer, Paragraph, SectionType, TableOfContents, TextRun, type ISectionOptions } from 'docx'
import { estimatePageNumbers } from 'docx/layout'
import type { Brand } from '../../brand/brand.ts'
import type { PublishedDocument } from '../../assemble/model.ts'
import { backCoverPage } from './back-cover.ts'
import { coverPage } from './cover.ts'
import { createState, type StateCounters } from './create-state.ts'
import { normalisePackage } from './normalise-package.ts'
import { docxNumbering } from './numbering.ts'
import { bareFooter, bareHeader, pageFooter, runningHeader } from './page-furniture.ts'
import { docxStyles, styleIds } from './styles.ts'
import type { Block } from './state.ts'
import { xmlSafeText } from './text.ts'

const a4 = { width: 11906, height: 16838 }
/** Pixels (at 96 per inch) per millimetre, for the widest an image may be. */
const pixelsPerMillimetre = 96 / 25.4

function millimetres(value: string): number {
  const match = /^(\d+(?:\.\d+)?)mm$/.exec(value)
  if (!match) throw new Error(`Internal error: page margin "${value}" in styles/brand.json is not in millimetres`)
  return Number(match[1])
}

export async function renderDocx(document: PublishedDocument, brand: Brand): Promise<Uint8Array> {
  const { page } = brand.tokens
  const margin = {
    top: convertMillimetersToTwip(millimetres(page.marginTop)),
    bottom: convertMillimetersToTwip(millimetres(page.marginBottom)),
    left: convertMillimetersToTwip(millimetres(page.marginInside)),
    right: convertMillimetersToTwip(millimetres(page.marginOutside)),
    header: convertMillimetersToTwip(10),
    footer: convertMillimetersToTwip(10),
  }
  const textWidthMillimetres = 210 - millimetres(page.marginInside) - millimetres(page.marginOutside)
  const maxImageWidth = Math.floor(textWidthMillimetres * pixelsPerMillimetre)
  const pageProperties = { page: { size: a4, margin } }

  const counters: StateCounters = { listInstances: 0, drawings: 0 }
  const body: Block[] = []
  for (const section of document.sections) {
    const state = createState({
      brand,
      counters,
      pageBreak: section.newPage,
      context: { paragraphStyle: styleIds.body, listed: section.toc, maxImageWidth, listLevel: -1 },
    })
    const blocks = state.blocks(section.tree.children)
    // A section that opens with a table still starts on a new page.
    if (state.pageBreakPending()) body.push(new Paragraph({ pageBreakBefore: true }))
    body.push(...blocks)
  }

  const contents = document.tableOfContents
    ? [
        new Paragraph({ style: styleIds.tocHeading, children: [new TextRun(xmlSafeText(document.words.contents))] }),
        new TableOfContents(xmlSafeText(document.words.contents), { hyperlink: true, headingStyleRange: '1-2' }),
      ]
    : []

  const sections: ISectionOptions[] = [
    {
      properties: { ...pageProperties },
      headers: { default: bareHeader(document, brand) },
      footers: { default: bareFooter() },
      children: coverPage(document.cover, brand),
    },
    {
      properties: { ...pageProperties, type: SectionType.NEXT_PAGE },
      headers: { default: runningHeader(document, brand) },
      footers: { default: pageFooter(document.words) },
      children: [...contents, ...body],
    },
    ...(document.backCover
      ? [
          {
            properties: { ...pageProperties, type: SectionType.NEXT_PAGE },
            headers: { default: bareHeader(document, brand) },
            footers: { default: bareFooter() },
            children: backCoverPage(document.backCover, document.words),
          },
        ]
      : []),
  ]

  const { metadata } = document
  const regular = brand.fonts.find((font) => font.weight === 400 && font.style === 'normal')
  const face = (weight: number, style: 'normal' | 'italic') => {
    const font = brand.fonts.find((candidate) => candidate.weight === weight && candidate.style === style)
    return font ? Buffer.from(font.data) : undefined
  }
  const file = new Document({
    title: xmlSafeText(metadata.title),
    subject: xmlSafeText(metadata.subject),
    creator: xmlSafeText(metadata.author),
    lastModifiedBy: xmlSafeText(metadata.author),
    keywords: xmlSafeText(metadata.keywords.join(', ')),
    description: xmlSafeText(metadata.description),
    revision: 1,
    // Word fills the table of contents and the page count when the document opens.
    features: { updateFields: true },
    // Lays the pages out as Word would, so the contents carry page numbers for readers
    // that never update fields (LibreOffice, Google Docs, phones).
    pageNumbers: estimatePageNumbers,
    styles: docxStyles(brand, metadata.language),
    numbering: docxNumbering(brand),
    fonts: regular
      ? [
          {
            name: brand.tokens.fonts.body.family,
            data: Buffer.from(regular.data),
            bold: face(700, 'normal'),
            italic: face(400, 'italic'),
            boldItalic: face(700, 'italic'),
          },
        ]
      : [],
    sections,
  })
  const packed = await Packer.toBuffer(file)
  return normalisePackage(new Uint8Array(packed), {
    date: metadata.date,
    language: metadata.language,
    review: { id: document.outputPath, kind: document.kind },
  })
}
