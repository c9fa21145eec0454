/**
 * The handler of the class `signatures` (a `<div>`): the signatories side by side, as in
 * print, in a table without borders (the one way Word sets blocks beside each other that
 * an editor can still edit as text).
 */
import { BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx'
import type { Element } from 'hast'
import type { BlockHandler } from '../state.ts'
import { hasClass } from './class-names.ts'

const noBorder = { style: BorderStyle.NONE, size: 0, color: 'auto' }
const noBorders = { top: noBorder, bottom: noBorder, left: noBorder, right: noBorder, insideHorizontal: noBorder, insideVertical: noBorder }

export const signatures: BlockHandler = (node, state) => {
  const signatories = node.children.filter((child): child is Element => child.type === 'element' && hasClass(child, 'signatory'))
  if (signatories.length === 0) return state.blocks(node.children)
  const cellWidth = Math.floor(state.context.maxImageWidth / signatories.length)
  const cells = signatories.map((signatory) => {
    const children = state.blocks(signatory.children, { maxImageWidth: Math.min(cellWidth - 16, 200) })
    return new TableCell({
      width: { size: Math.floor(100 / signatories.length), type: WidthType.PERCENTAGE },
      children: children.length > 0 ? children : [new Paragraph({})],
    })
  })
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      layout: TableLayoutType.FIXED,
      borders: noBorders,
      rows: [new TableRow({ children: cells, cantSplit: true })],
    }),
  ]
}
