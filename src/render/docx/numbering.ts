/**
 * Word numbering definitions for `<ul>` and `<ol>`: nine levels each, indented by level,
 * so nested lists are real Word lists that an editor can promote and demote.
 */
import { AlignmentType, LevelFormat, type INumberingOptions } from 'docx'
import { docxColor, type Brand } from '../../brand/brand.ts'

export const listReferences = { bullet: 'bullet-list', ordered: 'ordered-list' } as const

const bullets = ['•', '–', '▪']
const orderedFormats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN]
const indentStep = 360
const hanging = 300

export function docxNumbering(brand: Brand): INumberingOptions {
  const levels = Array.from({ length: 9 }, (_, level) => level)
  const indent = (level: number) => ({ indent: { left: indentStep * (level + 1), hanging } })
  return {
    config: [
      {
        reference: listReferences.bullet,
        levels: levels.map((level) => ({
          level,
          format: LevelFormat.BULLET,
          text: bullets[level % bullets.length] ?? '•',
          alignment: AlignmentType.LEFT,
          style: { paragraph: indent(level), run: { color: docxColor(brand, 'accent') } },
        })),
      },
      {
        reference: listReferences.ordered,
        levels: levels.map((level) => ({
          level,
          format: orderedFormats[level % orderedFormats.length] ?? LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          alignment: AlignmentType.LEFT,
          style: { paragraph: indent(level) },
        })),
      },
    ],
  }
}

/** The indent of a list item's second and later paragraphs, in line with its text. */
export function listTextIndent(level: number): { left: number } {
  return { left: indentStep * (level + 1) }
}
