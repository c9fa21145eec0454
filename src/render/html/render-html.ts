/**
 * Lays a document out as one self-contained HTML page: the Handlebars layout, the brand's
 * stylesheet and fonts inlined, the sanitised section trees serialised. The same page is
 * the HTML edition and what Chromium prints to PDF.
 */
import { toHtml } from 'hast-util-to-html'
import type { Element, Properties, Root } from 'hast'
import { cssCustomProperties, type Brand } from '../../brand/brand.ts'
import { cssFontFaces } from '../../brand/font-faces.ts'
import type { Session } from '../../session/session.ts'
import { tableOfContents } from '../../layout/contents.ts'
import { pageCss } from '../../layout/page.ts'
import type { Templates } from '../../layout/templates.ts'
import { fillWords, type DocumentSection, type PublishedDocument } from '../../assemble/model.ts'

export interface HtmlOptions {
  brand: Brand
  templates: Templates
  stylesheet: string
  /** Page of each heading id, from an earlier print (see `pdf/contents-pages.ts`); blank when unknown. */
  pageNumbers?: ReadonlyMap<string, number>
  /** Remembers the fonts cut for a page, for the next page with the same characters. */
  session?: Session
  /**
   * Keep the typographic pass's soft hyphens (the print's); without them, the page's text
   * copies and searches clean (the HTML edition's). Its fonts are the same either way.
   */
  softHyphens?: boolean
}

export async function renderHtml(document: PublishedDocument, options: HtmlOptions): Promise<string> {
  const { brand, templates } = options
  const css = [fontFacesPlaceholder, cssCustomProperties(brand, document.metadata.language), options.stylesheet, pageCss(document, brand)].join('\n')
  const html = templates.render('document', {
    kind: document.kind,
    draft: document.draft,
    redline: Boolean(document.redline),
    metadata: document.metadata,
    keywords: document.metadata.keywords.join(', '),
    css,
    cover: document.cover,
    tableOfContents: document.tableOfContents,
    toc: tableOfContents(document, options.pageNumbers),
    // A redline's summary is its first page, before the contents.
    summary: document.sections.filter((section) => section.redlineSummary).map(sectionHtml),
    sections: document.sections.filter((section) => !section.redlineSummary).map(sectionHtml),
    backCover: document.backCover ?? false,
    words: {
      contents: document.words.contents,
      draftCover: document.words.draftCover,
      telephone: document.backCover?.telephone ? fillWords(document.words.telephone, { number: document.backCover.telephone }) : '',
      fax: document.backCover?.fax ? fillWords(document.words.fax, { number: document.backCover.fax }) : '',
    },
  })
  // The fonts are chosen from everything the page can show (its text, its stylesheet's
  // `content`), so they are added last.
  const { session } = options
  const fontFaces = await cssFontFaces(brand, withCharacterReferences(html), session && ((key, make) => session.remember('font-subsets', key, make)), document.metadata.language)
  // Taken out before the fonts go in, which are most of the page's bytes and hold none.
  const markup = options.softHyphens === false ? html.replace(/\u00ad|&#xad;|&shy;/gi, '') : html
  return markup.replace(fontFacesPlaceholder, () => fontFaces)
}

const sectionHtml = (section: DocumentSection) => ({
  id: section.id,
  newPage: section.newPage,
  // Sanitised by the Markdown pipeline; `raw` nodes only come from the project's own map renderer.
  html: toHtml(withScrollingTables(section.tree as Root), { allowDangerousHtml: true }),
})

/**
 * The section's tree with each table in a box of its own (`.table-scroll`), which on a
 * screen too narrow for the table scrolls sideways, so its cells keep their words whole
 * rather than a letter a line. The box takes the keyboard's focus, so it scrolls without a
 * pointer (WCAG 2.1.1), and is a group named by the heading over the table when there is
 * one (not a region: its section is the region of that name already). In print the box is a plain block. The shared tree is left as it is: the DOCX reads it.
 */
function withScrollingTables(tree: Root): Root {
  let heading: string | undefined
  const wrap = <T extends Root | Element>(parent: T): T => ({
    ...parent,
    children: parent.children.map((child) => {
      if (child.type !== 'element') return child
      if (/^h[1-6]$/.test(child.tagName) && typeof child.properties.id === 'string') heading = child.properties.id
      if (child.tagName !== 'table') return wrap(child)
      const named: Properties = heading ? { role: 'group', ariaLabelledBy: [heading] } : {}
      return { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0, ...named }, children: [child] } satisfies Element
    }),
  })
  return wrap(tree)
}

const fontFacesPlaceholder = '/* @font-face rules */'

/** The page's markup with its numeric character references (`&#x2713;`) added as the characters they stand for. */
function withCharacterReferences(html: string): string {
  const referenced = [...html.matchAll(/&#(x[0-9a-f]{1,6}|[0-9]{1,7});/gi)]
    .map(([, code = '']) => (code[0]?.toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10)))
    .filter((point) => point <= 0x10ffff)
  return html + referenced.map((point) => String.fromCodePoint(point)).join('')
}
