/**
 * A report section's title lives in its front matter (so the table of contents and the
 * briefs can name it without parsing the body); this puts it back as the section's first
 * heading, with the section's id, so every format shows it as a Heading 1.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { heading, text } from '../mdast-builders.ts'

export function remarkSectionTitle(options: { enabled: boolean }) {
  return (tree: Root, file: VFile) => {
    if (!options.enabled) return
    const frontMatter = file.data.sectionFrontMatter
    if (!frontMatter) return
    tree.children.unshift(heading(1, [text(frontMatter.title)], frontMatter.id, 'section-title'))
  }
}
