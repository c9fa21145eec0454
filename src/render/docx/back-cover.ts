/** The back cover: the organiser's contact details, at the foot of the last page. */
import { ExternalHyperlink, Paragraph, TextRun } from 'docx'
import type { Contact } from '../../content/schema.ts'
import { fillWords, type DocumentWords } from '../../assemble/model.ts'
import { styleIds } from './styles.ts'
import { xmlSafeText } from './text.ts'

const text = (value: string, options: { bold?: boolean } = {}) => new TextRun({ text: xmlSafeText(value), ...options })
const link = (label: string, url: string) =>
  new ExternalHyperlink({ link: url, children: [new TextRun({ text: xmlSafeText(label), style: styleIds.hyperlink })] })

export function backCoverPage(contact: Contact, words: DocumentWords): Paragraph[] {
  const paragraph = (...children: (TextRun | ExternalHyperlink)[]) => new Paragraph({ style: styleIds.contact, children })
  return [
    // Low on the page, as in print; a section's bottom alignment would say it better, but LibreOffice ignores it.
    new Paragraph({ style: styleIds.contact, spacing: { before: 6000 }, children: [text(contact.organisation, { bold: true })] }),
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
