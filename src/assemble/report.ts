/**
 * Assembles the outcome report from the content: every section of `source/report/`, run
 * through the Markdown pipeline, with the cover, metadata and back cover from the data.
 */
import type { VFile } from 'vfile'
import GithubSlugger from 'github-slugger'
import type { Content } from '../content/model.ts'
import { createLookup } from '../content/lookup.ts'
import { loadSignatureAssets } from '../content/references.ts'
import { sectionFrontMatterSchema, type SectionFrontMatter } from '../content/schema.ts'
import { createProcessor, transform } from '../transform/processor.ts'
import type { BuildMode } from '../transform/directives/index.ts'
import type { DocumentSection, PublishedDocument } from './model.ts'
import { coverFor, metadataFor } from './cover-and-properties.ts'
import { wordsOf } from '../content/words.ts'

export interface DocumentOptions {
  mode: BuildMode
  date: Date
}

export async function assembleReport(content: Content, options: DocumentOptions): Promise<PublishedDocument> {
  const processor = createProcessor({
    content,
    lookup: createLookup(content),
    mode: options.mode,
    assets: await loadSignatureAssets(content),
    frontMatter: sectionFrontMatterSchema,
    titleHeading: true,
    say: wordsOf(content),
  })
  const sections = await Promise.all(content.sections.map((file) => buildSection(file, processor)))
  const { forum } = content
  return {
    kind: 'report',
    outputPath: `report/${forum.slug}`,
    runningHeader: forum.shortTitle,
    metadata: metadataFor(content, { title: `${forum.title}: ${forum.documentType}`, subject: forum.subject, date: options.date }),
    cover: coverFor(content, forum.documentType),
    tableOfContents: true,
    sections,
    backCover: content.contact,
    draft: options.mode === 'draft',
  }
}

async function buildSection(file: VFile, processor: ReturnType<typeof createProcessor>): Promise<DocumentSection> {
  const tree = await transform(processor, file)
  const frontMatter = (file.data.frontMatter ?? { title: file.stem ?? 'Untitled', toc: true, newPage: true }) as SectionFrontMatter
  return {
    id: frontMatter.id ?? new GithubSlugger().slug(frontMatter.title),
    title: frontMatter.title,
    toc: frontMatter.toc,
    newPage: frontMatter.newPage,
    tree,
    file,
  }
}
