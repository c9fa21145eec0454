/** The back cover: the organiser's contact details, low on a page of the brand's colour. */
import { ExternalHyperlink, Paragraph, TextRun } from 'docx'
import type { Contact } from '../../content/schema.ts'
import { fillWords, type DocumentWords } from '../../assemble/model.ts'
import type { Brand } from '../../brand/brand.ts'
import { pageColour } from './page-colour.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

const text = (value: string, options: { bold?: boolean } = {}) => new TextRun({ text: xmlSafeText(value), ...options })
const link = (label: string, url: string) =>
  new ExternalHyperlink({ link: url, children: [new TextRun({ text: xmlSafeText(label), style: styleIds.coverLink })] })

export const backCoverDrawingId = 900_002

export function backCoverPage(contact: Contact, words: DocumentWords, brand: Brand): Paragraph[] {
  const paragraph = (...children: (TextRun | ExternalHyperlink)[]) => new Paragraph({ style: styleIds.contact, children })
  return [
    // Low on the page, as in print; a section's bottom alignment would say it better, but LibreOffice ignores it.
    new Paragraph({ style: styleIds.contact, spacing: { before: 6000 }, children: [pageColour(brand, 'primary', backCoverDrawingId), text(contact.organisation, { bold: true })] }),
    ...contact.address.map((line) => paragraph(text(line))),
    new Paragraph({ style: styleIds.contact, children: [] }),
    ...(contact.telephone ? [paragraph(text(fillWords(words.telephone, { number: contact.telephone })))] : []),
    ...(contact.fax ? [paragraph(text(fillWords(words.fax, { number: contact.fax })))] : []),
    ...(contact.email ? [paragraph(link(contact.email, `mailto:${contact.email}`))] : []),
    new Paragraph({ style: styleIds.contact, children: [] }),
    ...(contact.moreInformation ? [paragraph(text(contact.moreInformation))] : []),
    ...contact.links.map((entry) => paragraph(link(entry.label, entry.url))),
  ]
}
