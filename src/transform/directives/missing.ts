import type { PhrasingContent } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { report } from '../../errors/catalogue.ts'
import { span, text } from '../mdast-builders.ts'
import type { BuildMode, InlineDirective } from './types.ts'
import type { Words } from '../../content/words.ts'

/**
 * A draft shows what the reference lost as a visible mark; a final build stops on it,
 * naming the place. Used by `:missing[...]` in Markdown and by data values marked
 * `{ "missing": "..." }`.
 */
export function missingMark(
  what: string,
  reason: string,
  { mode, words }: { mode: BuildMode; words: Words },
  file: VFile,
  place: Position | undefined,
): PhrasingContent[] {
  report(file, 'missing-value', `Missing: ${what}. ${reason}`, { place, severity: mode === 'final' ? 'error' : 'warning' })
  return [span([text(words.say('missing.mark', { what }))], 'missing', 'mark')]
}

export const missingDirective: InlineDirective = {
  kind: 'inline',
  description: 'Marks text the reference lost: `:missing[what]{reason="..."}`.',
  attributes: { reason: { required: false, description: 'Why the value is missing and where to find it.' } },
  expand(attributes, label, context) {
    const what = label.map((node) => ('value' in node ? node.value : '')).join('') || context.words.say('missing.value')
    return missingMark(what, attributes.reason ?? '', context, context.file, context.place)
  },
}
