/**
 * Header and footer: the running header above, "Page X of Y" below as PAGE and NUMPAGES
 * fields (Word and LibreOffice fill them in as they lay out), and in a draft the DRAFT
 * mark, both as Word's own watermark and as text in the header, which every reader shows.
 */
import { Footer, Header, PageNumber, Paragraph, TextRun } from 'docx'
import { TextWatermark } from 'docx/watermarks'
import { docxColor, type Brand } from '../../brand/brand.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

export const draftMarkText = 'DRAFT'

function watermark(brand: Brand): TextWatermark {
  return new TextWatermark({ text: draftMarkText, font: brand.tokens.fonts.body.family, color: docxColor(brand, 'missing'), opacity: 0.15 })
}

export function runningHeader(text: string, draft: boolean, brand: Brand): Header {
  const children = [
    ...(draft ? [watermark(brand), new TextRun({ text: `${draftMarkText} · `, style: styleIds.draftMark })] : []),
    new TextRun(xmlSafeText(text)),
  ]
  return new Header({ children: [new Paragraph({ style: styleIds.header, children })] })
}

export function pageFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ style: styleIds.footer, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })],
  })
}

/** The header of a page without furniture (the covers): empty, or the watermark alone in a draft. */
export function bareHeader(draft: boolean, brand: Brand): Header {
  return new Header({ children: [new Paragraph({ style: styleIds.header, children: draft ? [watermark(brand)] : [] })] })
}

export function bareFooter(): Footer {
  return new Footer({ children: [new Paragraph({ style: styleIds.footer, children: [] })] })
}
