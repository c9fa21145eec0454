/** `<hr>` as an empty paragraph with a rule under it, as Word draws its own. */
import { Paragraph } from 'docx'
import type { BlockHandler } from '../state.ts'

export const thematicBreak: BlockHandler = (_node, state) => [new Paragraph(state.paragraph({ thematicBreak: true }))]
