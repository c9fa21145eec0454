/**
 * The brand as Word named styles. Every colour, size and space comes from the brand
 * tokens in `styles/brand.json`, the same values the CSS reads, so that an editor who
 * types a new paragraph in Word gets the house style from the style alone.
 */
import { AlignmentType, BorderStyle, LineRuleType, ShadingType, type IStylesOptions, type IParagraphStyleOptions, type ICharacterStyleOptions } from 'docx'
import { docxColor, scriptFamily, type Brand } from '../../brand/brand.ts'
import { textDirection } from '../../content/words.ts'
import { wideIndent } from './page-setup.ts'

/** Ids of the styles the handlers use, so that a typo is a type error rather than an unstyled paragraph. */
export const styleIds = {
  title: 'Title',
  subtitle: 'Subtitle',
  heading: ['Heading1', 'Heading2', 'Heading3'],
  /** A section title that stays out of the table of contents. */
  unlistedHeading: 'UnlistedHeading',
  tocHeading: 'TOCHeading',
  body: 'Normal',
  lead: 'Lead',
  listParagraph: 'ListParagraph',
  quote: 'Quote',
  proposition: 'Proposition',
  proposedBy: 'ProposedBy',
  callout: 'Callout',
  caption: 'Caption',
  themeSubtitle: 'ThemeSubtitle',
  routeFacts: 'RouteFacts',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableTextCompact: 'TableTextCompact',
  tableHeadingCompact: 'TableHeadingCompact',
  signatoryName: 'SignatoryName',
  signatoryRole: 'SignatoryRole',
  figure: 'Figure',
  /** A map: across the text and margin columns. */
  wideFigure: 'WideFigure',
  wideCaption: 'WideCaption',
  coverEyebrow: 'CoverEyebrow',
  coverDetails: 'CoverDetails',
  coverOrganiser: 'CoverOrganiser',
  contact: 'Contact',
  header: 'Header',
  footer: 'Footer',
  hyperlink: 'Hyperlink',
  missingValue: 'MissingValue',
  draftMark: 'DraftMark',
  /** The draft mark on a cover, on white. */
  coverMark: 'CoverMark',
  /** A link on the back cover's colour. */
  coverLink: 'CoverLink',
} as const

/**
 * The tokens this file reads, each checked to exist: the schema allows any names, and a
 * renamed token should fail the build rather than give an unstyled document.
 */
function requireTokens<Name extends string>(brand: Brand, table: 'sizes' | 'spacing', names: readonly Name[]): Record<Name, number> {
  const values = brand.tokens[table]
  return Object.fromEntries(
    names.map((name) => {
      const value = values[name]
      if (value === undefined) throw new Error(`Internal error: no ${table} token "${name}" in styles/brand.json`)
      return [name, value]
    }),
  ) as Record<Name, number>
}

/** Ascent plus descent plus line gap of the brand face, in em (Source Sans 3: 1.257). */
const naturalLineHeight = 1.257

/** Points to twentieths of a point, the unit of spacing and indents. */
const twips = (points: number) => Math.round(points * 20)
/** The type of a table set compact to fit the text width. */
export const compactTablePoints = 7

/** Points to half-points, the unit of font sizes. */
const halfPoints = (points: number) => Math.round(points * 2)
/**
 * Tracking of spaced capitals, in twips for type of `points`: 0.09 em, as in print. Wider,
 * and what reads the text by position (a PDF saved from Word, pdftotext) takes the gap
 * between two letters for a space.
 */
const capitalTracking = (points: number) => Math.round(points * 0.09 * 20)

/**
 * The faces Word uses for each kind of character: the body family for Latin text, and the
 * family that writes the document's script for complex scripts (Thai, Arabic, ...) or East
 * Asian characters, where the brand has one.
 */
export function runFonts(brand: Brand, language: string): { ascii: string; hAnsi: string; cs: string; eastAsia: string } {
  const body = brand.tokens.fonts.body.family
  const script = scriptFamily(brand.tokens, language)
  return {
    ascii: body,
    hAnsi: body,
    cs: script && script.docx !== 'eastAsia' ? script.family : body,
    eastAsia: script?.docx === 'eastAsia' ? script.family : body,
  }
}

/**
 * The document's language in the slots Word reads it from: `w:val` for Latin text,
 * `w:bidi` for a complex script (the name is Word's: Thai is marked there too), `w:eastAsia`
 * for Chinese characters and kana. A bare tag gets its likely region ("th" is "th-TH").
 */
export function wordLanguages(brand: Brand, language: string): { value: string; bidirectional?: string; eastAsia?: string } {
  let tag = language
  try {
    const likely = new Intl.Locale(language).maximize()
    if (!language.includes('-') && likely.region) tag = `${likely.language}-${likely.region}`
  } catch {
    // Not a tag Intl knows: Word gets it as written.
  }
  const slot = scriptFamily(brand.tokens, language)?.docx
  if (slot === 'eastAsia') return { value: tag, eastAsia: tag }
  if (slot === 'cs' || textDirection(language) === 'rtl') return { value: tag, bidirectional: tag }
  return { value: tag }
}

/** The line height of headings in print (`h1, h2, h3, h4` in styles/document.css), in em. */
const headingLineHeight = 1.2

export function docxStyles(brand: Brand, language: string): IStylesOptions {
  const sizes = requireTokens(brand, 'sizes', ['body', 'small', 'lead', 'heading1', 'heading2', 'heading3', 'title', 'subtitle', 'header'])
  const spacing = requireTokens(brand, 'spacing', [
    'paragraphAfter',
    'heading1Before',
    'heading1After',
    'heading2Before',
    'heading2After',
    'heading3Before',
    'heading3After',
    'lineHeight',
  ])
  const color = (name: string) => docxColor(brand, name)
  const font = runFonts(brand, language)
  const rtl = textDirection(language) === 'rtl'
  // CSS line-height multiplies the font size; Word's "multiple" multiplies the font's own
  // line height, which for Source Sans 3 is 1.257 em. Dividing keeps the two editions alike.
  const lineSpacing = { line: Math.round((spacing.lineHeight / naturalLineHeight) * 240), lineRule: LineRuleType.AUTO }
  const bodySpacing = { ...lineSpacing, before: 0, after: twips(spacing.paragraphAfter) }
  // Keep-with-next is a heading's alone: a card or a figure may break from what follows.
  const heading = (size: number, textColor: string, outlineLevel: number, level: 1 | 2 | 3) => ({
    basedOn: styleIds.body,
    next: styleIds.body,
    quickFormat: true,
    run: { size: halfPoints(size), bold: true, color: textColor },
    paragraph: {
      keepNext: true,
      keepLines: true,
      outlineLevel,
      // Lines 1.2 em apart, as the print's headings (document.css).
      spacing: { before: twips(spacing[`heading${level}Before`]), after: twips(spacing[`heading${level}After`]), line: Math.round((headingLineHeight / naturalLineHeight) * 240), lineRule: LineRuleType.AUTO },
    },
  })
  const accentRule = { style: BorderStyle.SINGLE, size: 18, space: 8, color: color('accent') }
  // A rule at the start of the line, as print's border-inline-start: paragraph borders stay on their side of the page in a right-to-left paragraph (indents mirror, borders do not).
  const startRule = (rule: typeof accentRule) => (rtl ? { right: rule } : { left: rule })
  const fill = (name: string) => ({ type: ShadingType.CLEAR, color: 'auto', fill: color(name) })

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: styleIds.unlistedHeading,
      name: 'Heading (unlisted)',
      ...heading(sizes.heading1, color('primary'), 9, 1),
    },
    {
      id: styleIds.tocHeading,
      name: 'TOC Heading',
      ...heading(sizes.heading1, color('primary'), 9, 1),
    },
    { id: styleIds.lead, name: 'Lead', basedOn: styleIds.body, next: styleIds.body, quickFormat: true, run: { size: halfPoints(sizes.lead), color: color('primary') } },
    {
      id: styleIds.quote,
      name: 'Quote',
      basedOn: styleIds.body,
      next: styleIds.body,
      quickFormat: true,
      run: { italics: true, color: color('muted') },
      paragraph: { indent: { left: twips(18), right: twips(18) }, border: startRule(accentRule) },
    },
    {
      id: styleIds.proposition,
      name: 'Proposition',
      basedOn: styleIds.body,
      next: styleIds.proposedBy,
      quickFormat: true,
      paragraph: {
        indent: { left: twips(12), right: twips(6) },
        spacing: { ...lineSpacing, before: twips(spacing.paragraphAfter), after: 0 },
        border: startRule(accentRule),
        shading: fill('surface'),
      },
    },
    {
      id: styleIds.proposedBy,
      name: 'Proposed By',
      basedOn: styleIds.proposition,
      next: styleIds.body,
      run: { size: halfPoints(sizes.small), italics: true, color: color('muted') },
      paragraph: { spacing: { before: 0, after: twips(spacing.paragraphAfter * 2) } },
    },
    {
      id: styleIds.callout,
      name: 'Callout',
      basedOn: styleIds.body,
      next: styleIds.body,
      quickFormat: true,
      run: { size: halfPoints(sizes.lead), color: color('primaryDark') },
      paragraph: {
        indent: { left: twips(12), right: twips(12) },
        spacing: { ...lineSpacing, before: twips(spacing.heading2After), after: twips(spacing.heading2Before) },
        border: startRule(accentRule),
        shading: fill('accentLight'),
      },
    },
    { id: styleIds.themeSubtitle, name: 'Theme Subtitle', basedOn: styleIds.body, next: styleIds.proposition, run: { italics: true, color: color('accent') } },
    {
      id: styleIds.routeFacts,
      name: 'Route Facts',
      basedOn: styleIds.body,
      next: styleIds.body,
      run: { size: halfPoints(sizes.small), color: color('muted') },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, border: startRule({ style: BorderStyle.SINGLE, size: 12, space: 4, color: color('accent') }) },
    },
    { id: styleIds.tableText, name: 'Table Text', basedOn: styleIds.body, run: { size: halfPoints(sizes.small + 1) }, paragraph: { spacing: { before: twips(2), after: twips(2), line: 240, lineRule: LineRuleType.AUTO } } },
    { id: styleIds.tableHeading, name: 'Table Heading', basedOn: styleIds.tableText, run: { bold: true, color: color('white') }, paragraph: { keepNext: true } },
    // The step a table of many columns takes to fit the text width (as the print's, no smaller than 7 pt).
    { id: styleIds.tableTextCompact, name: 'Table Text Compact', basedOn: styleIds.tableText, run: { size: halfPoints(compactTablePoints) } },
    { id: styleIds.tableHeadingCompact, name: 'Table Heading Compact', basedOn: styleIds.tableTextCompact, run: { bold: true, color: color('white') }, paragraph: { keepNext: true } },
    { id: styleIds.signatoryName, name: 'Signatory Name', basedOn: styleIds.body, run: { bold: true, color: color('primary') }, paragraph: { spacing: { before: 0, after: 0 } } },
    { id: styleIds.signatoryRole, name: 'Signatory Role', basedOn: styleIds.body, run: { size: halfPoints(sizes.small), color: color('muted') } },
    // Single line spacing: the body's multiple would add a tenth of a map's height under it (LibreOffice scales the picture's line too).
    { id: styleIds.figure, name: 'Figure', basedOn: styleIds.body, next: styleIds.caption, paragraph: { spacing: { before: twips(spacing.paragraphAfter), after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    // A map follows a heading or an introducing paragraph, whose space after is enough; its caption keeps the room.
    { id: styleIds.wideFigure, name: 'Wide Figure', basedOn: styleIds.figure, next: styleIds.wideCaption, paragraph: { indent: { right: wideIndent(brand) }, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    {
      id: styleIds.wideCaption,
      name: 'Wide Caption',
      basedOn: 'Caption',
      next: styleIds.body,
      // Single spaced and close under its map, so that the two share a page where they can.
      paragraph: { indent: { right: wideIndent(brand) }, spacing: { before: 0, after: twips(spacing.heading2Before), line: 240, lineRule: LineRuleType.AUTO } },
    },
    // The covers are printed on the brand's colour (cover.ts), so their styles are light.
    { id: styleIds.coverEyebrow, name: 'Cover Eyebrow', basedOn: styleIds.body, next: styleIds.title, run: { size: halfPoints(sizes.lead), bold: true, allCaps: true, characterSpacing: rtl ? 0 : capitalTracking(sizes.lead), color: color('accentLight') } },
    { id: styleIds.coverDetails, name: 'Cover Details', basedOn: styleIds.body, run: { size: halfPoints(sizes.lead), color: color('white') }, paragraph: { spacing: { before: 0, after: twips(2) } } },
    {
      id: styleIds.coverOrganiser,
      name: 'Cover Organiser',
      basedOn: styleIds.body,
      run: { bold: true, allCaps: true, characterSpacing: rtl ? 0 : 16, color: color('white') },
      paragraph: { spacing: { before: 0, after: 0 }, border: { bottom: { style: BorderStyle.SINGLE, size: 4, space: 8, color: color('accentLight') } } },
    },
    { id: styleIds.contact, name: 'Contact', basedOn: styleIds.body, run: { color: color('white') }, paragraph: { spacing: { before: 0, after: twips(2) } } },
    { id: styleIds.header, name: 'header', basedOn: styleIds.body, run: { size: halfPoints(sizes.header), color: color('muted') }, paragraph: { spacing: { before: 0, after: 0 } } },
    // The page number at the end of the line, as in print, across the margin column to the page's margin: in a right-to-left (`w:bidi`)
    // paragraph Word and LibreOffice read "right" alignment and indent as the end, the left.
    { id: styleIds.footer, name: 'footer', basedOn: styleIds.body, run: { size: halfPoints(sizes.header), color: color('muted') }, paragraph: { alignment: AlignmentType.RIGHT, indent: { right: wideIndent(brand) }, spacing: { before: 0, after: 0 } } },
    { id: 'TOC1', name: 'toc 1', basedOn: styleIds.body, next: styleIds.body, run: { bold: true, color: color('primary') }, paragraph: { spacing: { before: twips(spacing.paragraphAfter), after: twips(2), line: 240, lineRule: LineRuleType.AUTO } } },
    { id: 'TOC2', name: 'toc 2', basedOn: styleIds.body, next: styleIds.body, paragraph: { indent: { left: twips(12) }, spacing: { before: 0, after: twips(2), line: 240, lineRule: LineRuleType.AUTO } } },
    { id: 'TOC3', name: 'toc 3', basedOn: styleIds.body, next: styleIds.body, paragraph: { indent: { left: twips(24) }, spacing: { before: 0, after: twips(2), line: 240, lineRule: LineRuleType.AUTO } } },
  ]

  const characterStyles: ICharacterStyleOptions[] = [
    {
      id: styleIds.missingValue,
      name: 'Missing Value',
      basedOn: 'DefaultParagraphFont',
      run: { color: color('missing'), bold: true, shading: fill('missingBackground') },
    },
    { id: styleIds.draftMark, name: 'Draft Mark', basedOn: 'DefaultParagraphFont', run: { color: color('missing'), bold: true } },
    { id: styleIds.coverMark, name: 'Cover Mark', basedOn: 'DefaultParagraphFont', run: { color: color('missing'), bold: true, shading: fill('white') } },
    { id: styleIds.coverLink, name: 'Cover Link', basedOn: 'DefaultParagraphFont', run: { color: color('white'), underline: {} } },
  ]

  return {
    default: {
      document: {
        run: { font, size: halfPoints(sizes.body), sizeComplexScript: halfPoints(sizes.body), color: color('text'), language: wordLanguages(brand, language) },
        paragraph: { spacing: bodySpacing, ...(rtl ? { bidirectional: true } : {}) },
      },
      title: {
        basedOn: styleIds.body,
        next: styleIds.subtitle,
        run: { font, size: halfPoints(sizes.title), bold: true, color: color('white') },
        paragraph: { spacing: { before: twips(spacing.heading2After), after: twips(spacing.heading2Before), line: 240, lineRule: LineRuleType.AUTO } },
      },
      heading1: heading(sizes.heading1, color('primary'), 0, 1),
      heading2: heading(sizes.heading2, color('primary'), 1, 2),
      heading3: heading(sizes.heading3, color('accent'), 2, 3),
      listParagraph: { basedOn: styleIds.body, quickFormat: true, paragraph: { contextualSpacing: false, spacing: { ...lineSpacing, before: 0, after: twips(spacing.paragraphAfter / 2) } } },
      caption: { basedOn: styleIds.body, next: styleIds.body, run: { size: halfPoints(sizes.small), italics: true, color: color('muted') }, paragraph: { spacing: { before: twips(2), after: twips(spacing.heading2Before) } } },
      hyperlink: { run: { color: color('accent'), underline: {} } },
    },
    paragraphStyles: [
      { id: styleIds.subtitle, name: 'Subtitle', basedOn: styleIds.body, next: styleIds.body, quickFormat: true, run: { size: halfPoints(sizes.subtitle), color: color('white') }, paragraph: { spacing: { before: 0, after: twips(spacing.heading1Before) } } },
      ...paragraphStyles,
    ],
    characterStyles,
  }
}

export { twips, halfPoints }
