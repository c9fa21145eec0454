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
import type { PageSetup } from './page-setup.ts'
import { bareFooter, bareHeader, pageFooter, runningHeader } from './page-furniture.ts'

export function documentSections(document: PublishedDocument, brand: Brand, page: PageSetup, body: BodyContent[]): ISectionOptions[] {
  // Each section its own header and footer objects: docx writes a part for each.
  const bare = () => ({ headers: { default: bareHeader(document, brand) }, footers: { default: bareFooter() } })
  const nextPage = () => ({ ...page.properties, type: SectionType.NEXT_PAGE })
  return [
    { properties: { ...page.properties }, ...bare(), children: coverPage(document.cover, brand) },
    {
      properties: nextPage(),
      headers: { default: runningHeader(document, brand) },
      footers: { default: pageFooter(document.words) },
      children: body,
    },
    ...(document.backCover ? [{ properties: nextPage(), ...bare(), children: backCoverPage(document.backCover, document.words) }] : []),
  ]
}
