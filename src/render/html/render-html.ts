/**
 * Lays a document out as one self-contained HTML page: the Handlebars layout, the brand's
 * stylesheet and fonts inlined, the sanitised section trees serialised. The same page is
 * the HTML edition and what Chromium prints to PDF.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'
import { cssCustomProperties, cssFontFaces, fontFamilies, fontStack, stylesDir, type Brand } from '../../brand/brand.ts'
import type { Templates } from '../../layout/templates.ts'
import type { PublishedDocument } from '../../assemble/model.ts'

export interface TocEntry {
  id: string
  title: string
  level: 1 | 2
  /** Page number in print, once known. */
  page: string
}

export interface HtmlOptions {
  brand: Brand
  templates: Templates
  /** Page of each heading id, from a first print (see `pdf.ts`); blank when unknown. */
  pageNumbers?: ReadonlyMap<string, number>
}

/** Headings of level 1 and 2 in the sections listed in the table of contents. */
export function tableOfContents(document: PublishedDocument, pageNumbers?: ReadonlyMap<string, number>): TocEntry[] {
  const entries: TocEntry[] = []
  for (const section of document.sections) {
    if (!section.toc) continue
    visit(section.tree, 'element', (node: Element) => {
      if (node.tagName !== 'h1' && node.tagName !== 'h2') return
      const id = String(node.properties.id ?? '')
      if (!id) return
      const page = pageNumbers?.get(id)
      entries.push({ id, title: toString(node), level: node.tagName === 'h1' ? 1 : 2, page: page === undefined ? '' : String(page) })
    })
  }
  return entries
}

/** Every heading of the printed document in reading order: the cover's title, the contents, the sections'. */
export function documentHeadings(document: PublishedDocument): string[] {
  const headings = [document.cover.title, ...(document.tableOfContents ? ['Contents'] : [])]
  for (const section of document.sections) {
    visit(section.tree, 'element', (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName)) headings.push(toString(node).replace(/\s+/g, ' ').trim())
    })
  }
  return headings
}

/** Kept while the file is unchanged: a watching process sees each edit of the stylesheet. */
let stylesheet: { modified: number; size: number; text: Promise<string> } | undefined
async function documentStylesheet(): Promise<string> {
  const file = path.join(stylesDir, 'document.css')
  const { mtimeMs: modified, size } = await fs.stat(file)
  if (stylesheet?.modified !== modified || stylesheet.size !== size) stylesheet = { modified, size, text: fs.readFile(file, 'utf8') }
  return stylesheet.text
}

/**
 * A CSS string literal; the running header is content, so it is escaped like any. `<` and
 * `>` are written as CSS escapes too: the stylesheet sits in a <style> element, which a
 * literal `</style>` would close, letting the rest of the text in as HTML.
 */
export function cssString(value: string): string {
  const escaped = value
    .replace(/[\n\r\f]/g, ' ')
    .replace(/[\\"<>&\u0000-\u001f\u007f]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `)
  return `"${escaped}"`
}

function pageCss(document: PublishedDocument, brand: Brand): string {
  const { page, colors, sizes } = brand.tokens
  const marginBox = `font-family: ${fontStack(fontFamilies(brand.tokens).body, 'sans-serif')}; font-size: ${sizes.header}pt; color: ${colors.muted};`
  return `@page {
  size: ${page.size};
  margin: ${page.marginTop} ${page.marginOutside} ${page.marginBottom} ${page.marginInside};
  @top-left { content: ${cssString(document.runningHeader)}; ${marginBox} vertical-align: bottom; padding-bottom: 5mm; }
  @top-right { content: ${document.draft ? '"DRAFT"' : 'none'}; ${marginBox} color: ${colors.missing}; font-weight: 700; vertical-align: bottom; padding-bottom: 5mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${marginBox} vertical-align: top; padding-top: 5mm; }
}
@page full-bleed {
  margin: 0;
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-right { content: none; }
}`
}

export async function renderHtml(document: PublishedDocument, options: HtmlOptions): Promise<string> {
  const { brand, templates } = options
  const css = [fontFacesPlaceholder, cssCustomProperties(brand), await documentStylesheet(), pageCss(document, brand)].join('\n')
  const html = templates.render('document', {
    kind: document.kind,
    draft: document.draft,
    metadata: document.metadata,
    keywords: document.metadata.keywords.join(', '),
    css,
    cover: document.cover,
    tableOfContents: document.tableOfContents,
    toc: tableOfContents(document, options.pageNumbers),
    sections: document.sections.map((section) => ({
      id: section.id,
      newPage: section.newPage,
      // Sanitised by the Markdown pipeline; `raw` nodes only come from the project's own map renderer.
      html: toHtml(section.tree as Root, { allowDangerousHtml: true }),
    })),
    backCover: document.backCover ?? false,
  })
  // The fonts are chosen from everything the page can show (its text, its stylesheet's
  // `content`), so they are added last.
  return html.replace(fontFacesPlaceholder, () => cssFontFaces(brand, withCharacterReferences(html)))
}

const fontFacesPlaceholder = '/* @font-face rules */'

/** The page's markup with its numeric character references (`&#x2713;`) added as the characters they stand for. */
function withCharacterReferences(html: string): string {
  const referenced = [...html.matchAll(/&#(x[0-9a-f]{1,6}|[0-9]{1,7});/gi)]
    .map(([, code = '']) => (code[0]?.toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10)))
    .filter((point) => point <= 0x10ffff)
  return html + referenced.map((point) => String.fromCodePoint(point)).join('')
}
