/** The cover page: what the document is, the forum's theme, when and where, and who made it. */
import { BorderStyle, Paragraph, TextRun } from 'docx'
import type { Cover } from '../../assemble/model.ts'
import { docxColor, type Brand } from '../../brand/brand.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

const line = (style: string, value: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
  new Paragraph({ style, children: [new TextRun(xmlSafeText(value))], ...extra })

export function coverPage(cover: Cover, brand: Brand): Paragraph[] {
  const rule = { style: BorderStyle.SINGLE, size: 24, space: 12, color: docxColor(brand, 'accent') }
  return [
    // The cover's one piece of layout that no style says: where the block sits on the page.
    line(styleIds.coverEyebrow, cover.series, { spacing: { before: 0, after: 3600 } }),
    line(styleIds.coverEyebrow, cover.eyebrow),
    line(styleIds.title, cover.title),
    line(styleIds.subtitle, cover.subtitle, { border: { bottom: rule } }),
    ...cover.details.map((detail) => line(styleIds.coverDetails, detail)),
    line(styleIds.coverOrganiser, cover.organiser, { spacing: { before: 1200, after: 0 } }),
  ]
}
