/**
 * The cover page, on the brand's colour as in print: the organisation at the head, the
 * document's kind, its title and theme, and at the foot the event, dates and place. A
 * draft says so in words at the head, away from the title.
 */
import { Paragraph, TextRun } from 'docx'
import type { Cover, DocumentWords } from '../../assemble/model.ts'
import type { Brand } from '../../brand/brand.ts'
import { pageColour } from './page-colour.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

const line = (style: string, value: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
  new Paragraph({ style, children: [new TextRun(xmlSafeText(value))], ...extra })

/** Above every drawing id the body hands out. */
export const coverDrawingId = 900_001

export function coverPage(cover: Cover, words: DocumentWords, draft: boolean, brand: Brand): Paragraph[] {
  const identity = [cover.organiser, ...(cover.series ? [cover.series] : [])].join('  ·  ')
  return [
    new Paragraph({
      style: styleIds.coverOrganiser,
      children: [
        pageColour(brand, 'primary', coverDrawingId),
        new TextRun(xmlSafeText(identity)),
        ...(draft ? [new TextRun({ text: '   ' }), new TextRun({ text: ` ${xmlSafeText(words.draftCover)} `, style: styleIds.coverMark })] : []),
      ],
    }),
    // The cover's one piece of layout that no style says: where the blocks sit on the page.
    line(styleIds.coverEyebrow, cover.eyebrow, { spacing: { before: 4200, after: 120 } }),
    line(styleIds.title, cover.title),
    line(styleIds.subtitle, cover.subtitle),
    ...cover.details.map((detail, index) => line(styleIds.coverDetails, detail, index === 0 ? { spacing: { before: 2400, after: 40 } } : {})),
  ]
}
