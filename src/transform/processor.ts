/**
 * The Markdown pipeline, top to bottom: parse, read front matter, check references, expand
 * directives into content, turn into HTML trees, give headings ids, sanitise. The result is
 * a hast tree that the HTML, PDF and DOCX renderers all start from.
 */
import { unified, type Processor } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import remarkDirective from 'remark-directive'
import remarkRehype from 'remark-rehype'
import rehypeSlug from 'rehype-slug'
import rehypeSanitize from 'rehype-sanitize'
import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import type { VFile } from 'vfile'
import { remarkCheckFrontMatter, type FrontMatterKind } from './plugins/remark-check-front-matter.ts'
import { remarkNestingLimit } from './plugins/remark-nesting-limit.ts'
import { remarkSectionTitle } from './plugins/remark-section-title.ts'
import { remarkSafeReferences } from './plugins/remark-safe-references.ts'
import { remarkContentDirectives, type DirectiveOptions } from './plugins/remark-content-directives.ts'
import { sanitizeSchema } from './sanitize-schema.ts'
import { rehypeTypography } from './plugins/rehype-typography.ts'

export interface ProcessorOptions extends DirectiveOptions {
  /** The kind of file this processor reads, whose front matter it checks. */
  frontMatter: FrontMatterKind
  /** Whether the front matter's title becomes the file's first heading (report sections). */
  titleHeading: boolean
  /** Each word's hyphenation, shared by the processors of one build so a word is hyphenated once. */
  hyphenation?: Map<string, string>
}

export function createProcessor(options: ProcessorOptions): Processor<MdastRoot, MdastRoot, HastRoot> {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkDirective)
    .use(remarkCheckFrontMatter, { kind: options.frontMatter })
    .use(remarkNestingLimit)
    .use(remarkSectionTitle, { enabled: options.titleHeading })
    .use(remarkSafeReferences, { sourceDir: options.content.sourceDir })
    .use(remarkContentDirectives, options)
    .use(remarkRehype)
    .use(rehypeSlug)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeTypography, { language: options.content.forum.language, cache: options.hyphenation }) as unknown as Processor<MdastRoot, MdastRoot, HastRoot>
}

/** Runs `processor` on `file`; problems are reported on the file, not thrown. */
export async function transform(processor: Processor<MdastRoot, MdastRoot, HastRoot>, file: VFile): Promise<HastRoot> {
  const tree = processor.parse(file)
  return processor.run(tree, file)
}
