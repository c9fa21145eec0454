/**
 * `<table>` as a Word table: the rows of `<thead>` (or leading rows of `<th>` only) are
 * header rows that repeat on every page, columns are sized by their text so a glossary's
 * abbreviations don't take half the page, and a table of many columns fits its width
 * (fixed layout, compact type where its words need it). A table of the section's own spans
 * the text and margin columns, as in print.
 */
import { BorderStyle, TableLayoutType, Paragraph, ShadingType, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx'
import type { Element } from 'hast'
import { toString } from 'hast-util-to-string'
import { docxColor } from '../../../brand/brand.ts'
import { compactTablePoints, styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { stateFor } from '../revision.ts'
import { pageSetup } from '../page-setup.ts'

const elements = (node: Element, ...names: string[]) =>
  node.children.filter((child): child is Element => child.type === 'element' && names.includes(child.tagName))

interface RowSource {
  row: Element
  header: boolean
}

function rowsOf(table: Element): RowSource[] {
  const rows: RowSource[] = []
  for (const part of elements(table, 'thead', 'tbody', 'tfoot', 'tr')) {
    if (part.tagName === 'tr') rows.push({ row: part, header: false })
    else for (const row of elements(part, 'tr')) rows.push({ row, header: part.tagName === 'thead' })
  }
  // Without a <thead>, the leading rows made only of <th> are the header.
  let leading = true
  return rows.map((source) => {
    leading &&= source.header || elements(source.row, 'td').length === 0
    return { ...source, header: source.header || leading }
  })
}

/** What a column's text needs: its longest piece that cannot break, and its whole length, in characters. */
interface ColumnText {
  longest: number
  total: number
}

/** A cell's text breaks at spaces, at soft hyphens (the typographic pass's) and after hyphens. */
const unbreakable = (text: string) => text.split(/[\s\u00ad]+|(?<=-)/)

function columnTexts(rows: RowSource[]): ColumnText[] {
  const columns: ColumnText[] = []
  for (const { row } of rows) {
    elements(row, 'th', 'td').forEach((cell, index) => {
      const text = toString(cell)
      const longest = Math.max(...unbreakable(text).map((piece) => piece.length), 2)
      const column = columns[index] ?? { longest: 2, total: 4 }
      columns[index] = { longest: Math.max(column.longest, longest), total: Math.max(column.total, Math.min(text.replaceAll('\u00ad', '').length, 60), 4) }
    })
  }
  return columns
}

/** Width of a character, in ems of its type, generous: Source Sans 3's bold headings and capitals. */
const characterEms = 0.62

/**
 * Column widths in points, and the type they are set in. Each column is at least as wide
 * as its longest unbreakable piece; what is left goes to the columns with more text. A
 * table whose pieces do not fit at the table's type takes the compact type, as the print
 * steps its type down (a long word still breaks inside its cell, as Word breaks it).
 */
export function columnLayout(columns: readonly ColumnText[], widthPoints: number, points: { normal: number; compact: number }): { widths: number[]; compact: boolean } {
  const needs = (size: number, margin: number) => columns.map((column) => ({ least: column.longest * characterEms * size + 2 * margin, natural: column.total * characterEms * size + 2 * margin }))
  let compact = false
  let columnNeeds = needs(points.normal, 5)
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
  if (sum(columnNeeds.map((need) => need.least)) > widthPoints) {
    compact = true
    columnNeeds = needs(points.compact, 3)
  }
  const least = columnNeeds.map((need) => need.least)
  const natural = columnNeeds.map((need) => Math.max(need.natural, need.least))
  if (sum(natural) <= widthPoints) return { widths: natural.map((width) => (width / sum(natural)) * widthPoints), compact }
  if (sum(least) >= widthPoints) return { widths: least.map((width) => (width / sum(least)) * widthPoints), compact }
  const spare = widthPoints - sum(least)
  const wanted = sum(natural) - sum(least)
  return { widths: least.map((width, index) => width + (((natural[index] ?? 0) - width) / wanted) * spare), compact }
}

export const table: BlockHandler = (node, state) => {
  const rows = rowsOf(node)
  if (rows.length === 0) return []
  const sizes = state.brand.tokens.sizes
  // A table of the section's own spans the text and margin columns, as in print; one in a
  // card, list or cell keeps to the width it is given.
  const wide = state.context.sectionLevel === true
  const textWidth = Math.round((wide ? pageSetup(state.brand).wideImageWidth : state.context.maxImageWidth) * 15)
  const { widths, compact } = columnLayout(columnTexts(rows), textWidth / 20, { normal: (sizes.small ?? 8.5) + 1, compact: compactTablePoints })
  const shares = widths.map((width) => width / (textWidth / 20))
  const margin = compact ? 60 : 100
  const rule = { style: BorderStyle.SINGLE, size: 4, color: docxColor(state.brand, 'rule') }
  const headerFill = { type: ShadingType.CLEAR, color: 'auto', fill: docxColor(state.brand, 'primary') }
  return [
    new Table({
      // In twips, not a percentage: a percentage is of the text column, and a wide table
      // reaches past it into the right margin, where the margin column lies.
      width: { size: textWidth, type: WidthType.DXA },
      // Fixed: Word would otherwise widen a column past the margin for a long word or address.
      layout: TableLayoutType.FIXED,
      columnWidths: shares.map((share) => Math.round(share * textWidth)),
      borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
      rows: rows.map(({ row, header }) => {
        // A row a redline added or removed whole is tracked as a row, so Reject All or Accept All leaves no empty one.
        const rowState = stateFor(row, state)
        const revision = rowState.context.revision
        const change = rowState.trackedChange(revision)
        return new TableRow({
          tableHeader: header,
          cantSplit: true,
          ...(change ? (revision === 'inserted' ? { insertion: change } : { deletion: change }) : {}),
          children: elements(row, 'th', 'td').map((cell, index) => {
            const heading = header || cell.tagName === 'th'
            const text = compact ? styleIds.tableTextCompact : styleIds.tableText
            const children = rowState.blocks(cell.children, { paragraphStyle: heading && header ? (compact ? styleIds.tableHeadingCompact : styleIds.tableHeading) : text, listLevel: -1 })
            return new TableCell({
              width: { size: Math.round((shares[index] ?? 0) * textWidth), type: WidthType.DXA },
              verticalAlign: VerticalAlign.TOP,
              margins: { top: 40, bottom: 40, left: margin, right: margin },
              ...(header ? { shading: headerFill } : {}),
              columnSpan: Number(cell.properties.colSpan) > 1 ? Number(cell.properties.colSpan) : undefined,
              children: children.length > 0 ? children : [new Paragraph({ style: text })],
            })
          }),
        })
      }),
    }),
  ]
}
