/**
 * Assembles the outcome report from the content: every section of the content folder's
 * `report/`, run through the Markdown pipeline, with the cover, metadata and back cover
 * from the data.
 */
import type { VFile } from 'vfile'
import { sectionFrontMatterSchema } from '../content/schema.ts'
import { transform } from '../transform/processor.ts'
import { refusedAtLoading, type AssemblyContext, type DocumentProcessor } from './context.ts'
import type { DocumentSection, PublishedDocument } from './model.ts'
import { coverFor, documentWords, metadataFor } from './cover-and-properties.ts'

export async function assembleReport(context: AssemblyContext): Promise<PublishedDocument> {
  const { content, words } = context
  const sections = await Promise.all(content.sections.map((file) => buildSection(file, context.reportProcessor)))
  const { forum } = content
  return {
    kind: 'report',
    outputPath: `report/${forum.slug}`,
    runningHeader: forum.shortTitle,
    metadata: metadataFor(context, {
      title: words.say('report.properties-title', { eventTitle: forum.title, documentType: forum.documentType }),
      subject: forum.subject,
      date: context.date,
    }),
    cover: coverFor(context, forum.documentType),
    tableOfContents: true,
    sections,
    backCover: content.contact,
    draft: context.mode === 'draft',
    words: documentWords(context),
  }
}

async function buildSection(file: VFile, processor: DocumentProcessor): Promise<DocumentSection> {
  // A file refused while loading (too large, too deep for the parser) is not parsed: its
  // message is already said, and parsing is what the refusal protects.
  const tree = refusedAtLoading(file) ? { type: 'root' as const, children: [] } : await transform(processor, file)
  // A section whose front matter is not valid (reported: it is never rendered) is named after its file while `check` goes on.
  const frontMatter = file.data.sectionFrontMatter ?? sectionFrontMatterSchema.parse({ title: file.stem || 'Untitled' })
  return {
    id: frontMatter.id,
    title: frontMatter.title,
    toc: frontMatter.toc,
    newPage: frontMatter.newPage,
    tree,
    file,
  }
}
