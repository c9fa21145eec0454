/**
 * Header and footer: the running header above, the page number ("Page X of Y") below as PAGE and NUMPAGES
 * fields (Word and LibreOffice fill them in as they lay out), and in a draft the DRAFT
 * mark, both as Word's own watermark and as text in the header, which every reader shows.
 */
import { Footer, Header, PageNumber, Paragraph, TextRun } from 'docx'
import { TextWatermark } from 'docx/watermarks'
import type { DocumentWords, PublishedDocument } from '../../assemble/model.ts'
import { docxColor, scriptFamily, type Brand } from '../../brand/brand.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

type Furnished = Pick<PublishedDocument, 'draft' | 'words'> & { metadata: Pick<PublishedDocument['metadata'], 'language'> }

/**
 * A pale tint of the mark's colour, laid on opaque: LibreOffice draws a watermark's
 * transparency as a solid outline across the text, and a tint reads through in both. The
 * mark is in the face that writes its script (ฉบับร่าง, مسودة), which the DOCX embeds.
 */
function watermark(document: Furnished, brand: Brand): TextWatermark {
  const font = scriptFamily(brand.tokens, document.metadata.language)?.family ?? brand.tokens.fonts.body.family
  return new TextWatermark({ text: xmlSafeText(document.words.draftMark), font, color: tint(docxColor(brand, 'missing'), 0.1), opacity: 1 })
}

/**
 * docx centres a watermark between the page's margins, which are unequal here (the margin
 * column is part of one of them): the diagonal mark then runs off the page on the narrow
 * side. Centred on the page, as Word's own watermark command places it, it stays on the
 * page whichever side the margin column is on.
 */
export function centreWatermarksOnPage(xml: string): string {
  return xml.replace(/<v:shape id="PowerPlusWaterMarkObject[^"]*"[^>]*>/g, (shape) => shape.replace(/(mso-position-(?:horizontal|vertical)-relative:)margin/g, '$1page'))
}

/** `colour` (RRGGBB) mixed with white, `share` of it left. */
function tint(colour: string, share: number): string {
  const channel = (index: number) => {
    const value = Number.parseInt(colour.slice(index, index + 2), 16)
    return Math.round(255 - share * (255 - value))
      .toString(16)
      .padStart(2, '0')
  }
  return `${channel(0)}${channel(2)}${channel(4)}`.toUpperCase()
}

export function runningHeader(document: Furnished & Pick<PublishedDocument, 'runningHeader'>, brand: Brand): Header {
  const children = [
    ...(document.draft ? [watermark(document, brand), new TextRun({ text: `${xmlSafeText(document.words.draftMark)} · `, style: styleIds.draftMark })] : []),
    new TextRun(xmlSafeText(document.runningHeader)),
  ]
  return new Header({ children: [new Paragraph({ style: styleIds.header, children })] })
}

/** "Page X of Y" in the event's words, with Word's PAGE and NUMPAGES fields where the numbers go. */
export function pageFooter(words: DocumentWords): Footer {
  const fields = { page: PageNumber.CURRENT, pages: PageNumber.TOTAL_PAGES } as const
  const children = words.pageNumber.map((part) => (typeof part === 'string' ? xmlSafeText(part) : fields[part.field as keyof typeof fields] ?? ''))
  return new Footer({
    children: [new Paragraph({ style: styleIds.footer, children: [new TextRun({ children })] })],
  })
}

/** The header of a page without furniture (the covers): empty, or the watermark alone in a draft. */
export function bareHeader(document: Furnished, brand: Brand): Header {
  return new Header({ children: [new Paragraph({ style: styleIds.header, children: document.draft ? [watermark(document, brand)] : [] })] })
}

export function bareFooter(): Footer {
  return new Footer({ children: [new Paragraph({ style: styleIds.footer, children: [] })] })
}
