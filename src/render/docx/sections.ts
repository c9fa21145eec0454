/**
 * The document's Word sections: the cover (no running header or page numbers), the body
 * with its running header and "Page X of Y", and the back cover when there is one.
 */
import { SectionType, type ISectionOptions } from 'docx'
import type { PublishedDocument } from '../../assemble/model.ts'
import type { Brand } from '../../brand/brand.ts'
import { backCoverPage } from './back-cover.ts'
import { coverPage } from './cover.ts'
import type { BodyContent } from './body.ts'
import { forDirection, type PageSetup } from './page-setup.ts'
import { bareFooter, bareHeader, pageFooter, runningHeader } from './page-furniture.ts'

export function documentSections(document: PublishedDocument, brand: Brand, pageOfBrand: PageSetup, body: BodyContent[]): ISectionOptions[] {
  const page = forDirection(pageOfBrand, document.metadata.direction)
  // Each section its own header and footer objects: docx writes a part for each.
  const nextPage = () => ({ ...page.properties, type: SectionType.NEXT_PAGE })
  return [
    // The cover has no header: its draft mark is in words, off the title (cover.ts).
    { properties: { ...page.coverProperties }, footers: { default: bareFooter() }, children: coverPage(document.cover, document.words, document.draft, brand) },
    {
      properties: nextPage(),
      headers: { default: runningHeader(document, brand) },
      footers: { default: pageFooter(document.words) },
      children: body,
    },
    // An empty header of its own, or Word would carry the body's over.
    ...(document.backCover ? [{ properties: { ...page.coverProperties, type: SectionType.NEXT_PAGE }, headers: { default: bareHeader({ ...document, draft: false }, brand) }, footers: { default: bareFooter() }, children: backCoverPage(document.backCover, document.words, brand) }] : []),
  ]
}
