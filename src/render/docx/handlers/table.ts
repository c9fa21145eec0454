/**
 * `<table>` as a Word table: the rows of `<thead>` (or leading rows of `<th>` only) are
 * header rows that repeat on every page, columns are sized by their longest text so a
 * glossary's abbreviations don't take half the page.
 */
import { BorderStyle, TableLayoutType, Paragraph, ShadingType, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx'
import type { Element } from 'hast'
import { toString } from 'hast-util-to-string'
import { docxColor } from '../../../brand/brand.ts'
import { styleIds } from '../styles.ts'
import type { BlockHandler } from '../state.ts'
import { stateFor } from '../revision.ts'

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

/** Column shares of the table's width, from the longest text in each column, at least 15 %. */
function columnShares(rows: RowSource[]): number[] {
  const lengths: number[] = []
  for (const { row } of rows) {
    elements(row, 'th', 'td').forEach((cell, index) => {
      lengths[index] = Math.max(lengths[index] ?? 0, Math.min(toString(cell).length, 60), 4)
    })
  }
  const total = lengths.reduce((sum, length) => sum + length, 0)
  const floored = lengths.map((length) => Math.max(length / total, 0.15))
  const flooredTotal = floored.reduce((sum, share) => sum + share, 0)
  return floored.map((share) => share / flooredTotal)
}

export const table: BlockHandler = (node, state) => {
  const rows = rowsOf(node)
  if (rows.length === 0) return []
  const shares = columnShares(rows)
  const rule = { style: BorderStyle.SINGLE, size: 4, color: docxColor(state.brand, 'rule') }
  const headerFill = { type: ShadingType.CLEAR, color: 'auto', fill: docxColor(state.brand, 'primary') }
  // Twips of the text width; Word uses the percentages, LibreOffice the grid.
  const textWidth = Math.round(state.context.maxImageWidth * 15)
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
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
            const children = rowState.blocks(cell.children, { paragraphStyle: heading && header ? styleIds.tableHeading : styleIds.tableText, listLevel: -1 })
            return new TableCell({
              width: { size: Math.round((shares[index] ?? 0) * 100), type: WidthType.PERCENTAGE },
              verticalAlign: VerticalAlign.TOP,
              margins: { top: 40, bottom: 40, left: 100, right: 100 },
              ...(header ? { shading: headerFill } : {}),
              columnSpan: Number(cell.properties.colSpan) > 1 ? Number(cell.properties.colSpan) : undefined,
              children: children.length > 0 ? children : [new Paragraph({ style: styleIds.tableText })],
            })
          }),
        })
      }),
    }),
  ]
}
