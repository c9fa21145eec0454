/**
 * A document in a language written from right to left, as Word marks it: every paragraph
 * `w:bidi` (its start is on the right: lists, indents and alignment mirror), every table
 * `w:bidiVisual` (its first column on the right), and every run that holds right-to-left
 * letters `w:rtl`. Runs of Latin letters and numbers carry no `w:rtl`, so they keep their
 * order inside the mirrored line. Done on the package's XML after docx wrote it, so every
 * handler's paragraphs and runs are reached alike; each element goes where the schema's
 * order puts it (Word refuses a file whose properties are out of order).
 */

/** Letters written from right to left: Hebrew, Arabic (with its supplements and presentation forms), Syriac, Thaana, N'Ko. */
export const rightToLeftLetters = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u

/** Elements of `w:pPr` that come after `w:bidi` (ECMA-376 part 1, 17.3.1.26). */
const afterBidi = ['adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange']
/** Elements of `w:rPr` that come after `w:rtl` (17.3.2.28). */
const afterRtl = ['cs', 'em', 'lang', 'eastAsianLayout', 'specVanish', 'oMath', 'rPrChange']
/** Elements of `w:tblPr` that come after `w:bidiVisual` (17.4.60). */
const afterBidiVisual = ['tblStyleRowBandSize', 'tblStyleColBandSize', 'tblW', 'jc', 'tblCellSpacing', 'tblInd', 'tblBorders', 'shd', 'tblLayout', 'tblCellMar', 'tblLook', 'tblCaption', 'tblDescription', 'tblPrChange']

/** Puts `element` into the properties `properties` (`<w:pPr>…</w:pPr>`), before the first of `later`. */
function insertInOrder(properties: string, element: string, later: readonly string[], tag: string): string {
  if (properties.includes(`<w:${element}/>`) || properties.includes(`<w:${element} `)) return properties
  const open = properties.indexOf('>') + 1
  // Only the properties' own children: a nested `w:rPr` (the paragraph mark's) is passed over.
  let depth = 0
  const children = /<(\/?)w:([A-Za-z]+)([^>]*?)(\/?)>/g
  children.lastIndex = open
  for (let match = children.exec(properties); match; match = children.exec(properties)) {
    const [, closing, name = '', , selfClosing] = match
    if (closing) {
      if (depth === 0) break
      depth -= 1
      continue
    }
    if (depth === 0 && later.includes(name)) return `${properties.slice(0, match.index)}<w:${element}/>${properties.slice(match.index)}`
    if (!selfClosing) depth += 1
  }
  const close = properties.lastIndexOf(`</w:${tag}>`)
  return `${properties.slice(0, close)}<w:${element}/>${properties.slice(close)}`
}

export function mirrorRightToLeft(xml: string): string {
  return (
    xml
      // Paragraphs: into the properties, or new properties at the paragraph's start.
      .replace(/<w:p(?=[ >])([^>]*)>(<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>)?/g, (_whole, attributes: string, properties?: string) => {
        const own = !properties || properties === '<w:pPr/>' ? '<w:pPr></w:pPr>' : properties
        return `<w:p${attributes}>${insertInOrder(own, 'bidi', afterBidi, 'pPr')}`
      })
      .replace(/<w:tblPr>[\s\S]*?<\/w:tblPr>/g, (properties) => insertInOrder(properties, 'bidiVisual', afterBidiVisual, 'tblPr'))
      // Runs that hold right-to-left letters.
      .replace(/<w:r(?=[ >])([^>]*)>([\s\S]*?)<\/w:r>/g, (whole, attributes: string, inner: string) => {
        const text = [...inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('')
        if (!rightToLeftLetters.test(text)) return whole
        const properties = /^<w:rPr>[\s\S]*?<\/w:rPr>/.exec(inner)?.[0]
        const marked = insertInOrder(properties ?? '<w:rPr></w:rPr>', 'rtl', afterRtl, 'rPr')
        return `<w:r${attributes}>${marked}${properties ? inner.slice(properties.length) : inner}</w:r>`
      })
  )
}
