/**
 * The remark plugins (`src/transform/plugins/`) and the directives
 * (`src/transform/directives/`) on fixtures, without a browser: each case's `input.md`
 * beside the sanitised HTML it becomes (`output.html`) and the messages it gets
 * (`messages.txt`, `line:column: ruleId reason`). Directives run through the real
 * `createProcessor` on the tiny invented event (`test/fixtures/events/tiny/`).
 * `UPDATE_FIXTURES=1` rewrites the expected files.
 */
import fs from 'node:fs'
import path from 'node:path'
import { unified, type PluggableList } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import remarkDirective from 'remark-directive'
import remarkRehype from 'remark-rehype'
import rehypeSlug from 'rehype-slug'
import rehypeSanitize from 'rehype-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadContent, type Content } from '../src/content/load.ts'
import { eventOf } from './support/assemble.ts'
import { createProcessor, transform } from '../src/transform/processor.ts'
import { directives, type BuildMode } from '../src/transform/directives/index.ts'
import { remarkCheckFrontMatter } from '../src/transform/plugins/remark-check-front-matter.ts'
import { remarkNestingLimit } from '../src/transform/plugins/remark-nesting-limit.ts'
import { remarkSectionTitle } from '../src/transform/plugins/remark-section-title.ts'
import { remarkSafeReferences } from '../src/transform/plugins/remark-safe-references.ts'
import { remarkContentDirectives } from '../src/transform/plugins/remark-content-directives.ts'
import { rehypeTypography, textTypographer } from '../src/transform/plugins/rehype-typography.ts'
import { sanitizeSchema } from '../src/transform/sanitize-schema.ts'
import { projectRoot } from '../src/brand/brand.ts'
import { expectFixtureFile, fixtureCases, fixturesRoot, formatFixtureMessages, readInput, readOptional, tinyEvent, type FixtureCase } from './support/fixtures.ts'

let content: Content

beforeAll(async () => {
  content = await loadContent(tinyEvent)
})

/** A case may say `{ "mode": "final" }` in `options.json`; drafts otherwise. */
function modeOf(fixture: FixtureCase): BuildMode {
  const options = readOptional(fixture, 'options.json')
  return options === undefined ? 'draft' : ((JSON.parse(options) as { mode?: BuildMode }).mode ?? 'draft')
}

/**
 * The plugins each plugin's fixtures run, between Markdown syntax and the sanitised HTML
 * tree (after it for the rehype plugins).
 */
const pluginsUnderTest: Record<string, (fixture: FixtureCase) => PluggableList> = {
  'check-front-matter': () => [[remarkCheckFrontMatter, { kind: 'section' }]],
  'nesting-limit': () => [[remarkNestingLimit]],
  'section-title': () => [[remarkCheckFrontMatter, { kind: 'section' }], [remarkSectionTitle, { enabled: true }]],
  'safe-references': () => [[remarkSafeReferences, { sourceDir: tinyEvent }]],
  // A rehype plugin: it runs after the sanitiser, on the tree the renderers get.
  typography: (fixture) => [[rehypeTypography, { language: readOptional(fixture, 'options.json') ? (JSON.parse(readOptional(fixture, 'options.json') as string) as { language: string }).language : 'en-GB' }]],
  'content-directives': (fixture) => [[remarkContentDirectives, { content, lookup: eventOf(content).lookup, words: eventOf(content).words, mode: modeOf(fixture) }]],
}

async function runPlugins(plugins: PluggableList, file: VFile, afterSanitize: boolean): Promise<HastRoot> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkDirective)
    .use(afterSanitize ? [] : plugins)
    .use(remarkRehype)
    .use(rehypeSlug)
    .use(rehypeSanitize, sanitizeSchema)
    .use(afterSanitize ? plugins : [])
  return (await processor.run(processor.parse(file) as MdastRoot, file)) as HastRoot
}

function inputFile(fixture: FixtureCase): VFile {
  const input = readInput(fixture, ['input.md'])
  return new VFile({ path: path.join(fixture.directory, input.name), value: input.text })
}

/** How many messages each file of the content has, to tell which a case added. */
function messageCounts(): Map<VFile, number> {
  return new Map([...content.files.values()].map((file) => [file, file.messages.length]))
}

/**
 * The input's messages, then those a case added to the content's own files (a data
 * value marked missing is reported at its place in the JSON), named by their path.
 */
function messagesOf(file: VFile, before: Map<VFile, number>): string {
  const others = [...before].map(([dataFile, count]) => formatFixtureMessages(dataFile.messages.slice(count), `${path.relative(tinyEvent, dataFile.path)}:`))
  return formatFixtureMessages(file.messages) + others.join('')
}

/**
 * Soft hyphens and no-break spaces are written `&shy;` and `&nbsp;` in the typography plugin's expected files, where they are
 * what is tested, and left out of the others', which test other things.
 */
function expectOutputs(fixture: FixtureCase, tree: HastRoot, file: VFile, before: Map<VFile, number>): void {
  const html = toHtml(tree)
  expectFixtureFile(fixture, 'output.html', fixture.group === 'typography' ? html.replaceAll('\u00ad', '&shy;').replaceAll('\u00a0', '&nbsp;') : html.replaceAll('\u00ad', ''))
  expectFixtureFile(fixture, 'messages.txt', messagesOf(file, before))
  const frontMatter = file.data.sectionFrontMatter ?? file.data.briefNotesFrontMatter
  if (frontMatter !== undefined) expectFixtureFile(fixture, 'front-matter.json', JSON.stringify(frontMatter, null, 2))
}

const pluginCases = fixtureCases(path.join(fixturesRoot, 'plugins'))
const directiveCases = fixtureCases(path.join(fixturesRoot, 'directives'))

describe('remark plugins, on fixtures', () => {
  it('has fixtures for every plugin file, and a plugin for every fixture folder', () => {
    const pluginFiles = fs
      .readdirSync(path.join(projectRoot, 'src/transform/plugins'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.replace(/^remark-|^rehype-/, '').replace(/\.ts$/, ''))
    expect(pluginFiles.length).toBeGreaterThan(0)
    expect(new Set(Object.keys(pluginsUnderTest))).toEqual(new Set(pluginFiles))
    expect(new Set(pluginCases.map((fixture) => fixture.group))).toEqual(new Set(pluginFiles))
  })

  it.each(pluginCases.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const plugins = pluginsUnderTest[fixture.group]
    if (!plugins) throw new Error(`No plugin for the fixture folder ${fixture.group}`)
    const file = inputFile(fixture)
    const before = messageCounts()
    expectOutputs(fixture, await runPlugins(plugins(fixture), file, fixture.group === 'typography'), file, before)
  })
})

describe('directives, through createProcessor on the tiny event', () => {
  it('has fixtures for every directive', () => {
    expect(new Set(directiveCases.map((fixture) => fixture.group))).toEqual(new Set(Object.keys(directives)))
  })

  it.each(directiveCases.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const processor = createProcessor({
      content,
      lookup: eventOf(content).lookup,
      mode: modeOf(fixture),
      frontMatter: 'section',
      titleHeading: true,
      words: eventOf(content).words,
    })
    const file = inputFile(fixture)
    const before = messageCounts()
    expectOutputs(fixture, await transform(processor, file), file, before)
  })
})

describe('the typographic stage on the texts around the sections (cover, running head, back cover)', () => {
  it('sets quotes, ranges and no-break spaces as in the sections, and no soft hyphen', () => {
    const typeset = textTypographer('en-GB')
    // Invented cover texts.
    expect(typeset('28-29 January 2025')).toBe('28–29\u00a0January\u00a02025')
    expect(typeset('The Forum\'s "Routes-Based" Approach to Interdepartmental Coordination')).toBe('The Forum’s “Routes-Based” Approach to Interdepartmental Coordination')
    expect(typeset('https://example.org/a-1-2')).toBe('https://example.org/a-1-2')
    expect(textTypographer('fr')('Le "forum"')).toBe('Le «forum»')
  })
})
