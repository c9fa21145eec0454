/**
 * Inline Markdown written in the JSON files goes through the same parser (with GFM) and the
 * same reference checks as a Markdown file, once, where the content enters: a link or an
 * image that a section would refuse is refused here too, and so is a line longer than a
 * Markdown file may have, with its message at the JSON file's line and column rather than
 * at the directive that shows it.
 *
 * A check depends on the Markdown and the content folder only, so a session (`watch`)
 * remembers the inputs it found clean (`CleanChecks`) and does not check them again.
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import { VFile } from 'vfile'
import type { Content } from '../content/model.ts'
import { remarkSafeReferences } from './plugins/remark-safe-references.ts'
import { overlongLine, overlongLineReason } from '../content/limits.ts'
import { report } from '../errors/catalogue.ts'
import { sha256, stableJson } from '../content/digest.ts'

/** The inputs found clean so far, by hash. */
export interface CleanChecks {
  has(key: string): boolean
  add(key: string): void
}

export async function checkDataMarkdown(content: Content, clean?: CleanChecks): Promise<void> {
  const key = clean && sha256(stableJson([content.sourceDir, content.markdownFields.map((field) => field.markdown)]))
  if (key && clean.has(key)) return
  let found = false
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkSafeReferences, { sourceDir: content.sourceDir })
  await Promise.all(
    content.markdownFields.map(async (field) => {
      // The Markdown limit on a line's length holds inside a JSON string too (its `\n` break lines).
      const overlong = overlongLine(field.markdown)
      if (overlong) {
        found = true
        const { file, place } = content.origin(field.fileName, field.path)
        report(file, 'too-large', `The Markdown of this value: ${overlongLineReason(overlong.line, overlong.length)}`, { place })
        return
      }
      const scratch = new VFile({ value: field.markdown, data: { contentFolder: content.sourceDir } })
      await processor.run(processor.parse(scratch), scratch)
      if (scratch.messages.length === 0) return
      found = true
      const { file, place } = content.origin(field.fileName, field.path)
      for (const message of scratch.messages) {
        const moved = file.message(message.reason, { place, ruleId: message.ruleId, source: message.source, cause: message.cause as Error | undefined })
        moved.fatal = message.fatal
        moved.note = message.note
      }
    }),
  )
  if (key && !found) clean.add(key)
}
