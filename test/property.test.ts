/**
 * Property tests: arbitrary Markdown and arbitrary JSON never crash the pipeline with
 * anything but a content message, and never put a script in an output.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadContent } from '../src/content/load.ts'
import { ContentError } from '../src/errors/catalogue.ts'
import { loadToolkit, type Toolkit } from '../src/pipeline/build.ts'
import { renderHtml } from '../src/render/html/render-html.ts'
import { renderDocx } from '../src/render/docx/index.ts'
import type { PublishedDocument } from '../src/assemble/model.ts'
import { dangerIn, isContentMessage, markdownStage } from './fixtures/hostile/stage.ts'
import { projectRoot } from './support/cli.ts'
import { reportOf, eventOf } from './support/assemble.ts'

/** Pieces that Markdown, HTML and the directives give meaning to, mixed with any text. */
const fragments = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<iframe src="file:///etc/passwd">',
  '<svg onload=alert(1)>', '<style>@import url(http://127.0.0.1/x.css)</style>', '<base href="http://127.0.0.1/">', '<!--', '-->', '<![CDATA[',
  '[link](javascript:alert(1))', '[link](https://example.org "title")', '![img](assets/signatures/david-scott.svg)', '![img](../forum.json)',
  '![img](file:///etc/passwd)', '<http://127.0.0.1/>', '[ref]: javascript:x', '[ref]', '`code`', '```', '~~~', '    ', '\t', '\n', '\n\n',
  '# ', '## ', '> ', '- ', '1. ', '* ', '| a | b |\n|---|---|\n| c | d |', '---', '***', '**', '_', '~~', '[^1]', '[^1]: note', '- [ ] ',
  '::', ':::', '::map{routes=corridors}', '::propositions{theme=information-sharing}', '::glossary', ':participants', ':missing[x]{reason="y"}',
  '::unknown', ':x[', ']{', '{#id .class onclick=alert(1)}', '\\', '&amp;', '&#x3C;script&#x3E;', '&lt;', '%2e%2e/', 'www.example.com', 'mailto:a@b.c',
  '\u0000', '\u202e', '\ud83d\ude00', '"', "'", '<', '>', '&',
]

const markdown = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fragments) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) }), { maxLength: 30 })
  .map((parts) => parts.join(''))

const withFrontMatter = fc.oneof(
  markdown.map((body) => `---\ntitle: Property\n---\n\n${body}`),
  fc.tuple(fc.string({ maxLength: 40 }), markdown).map(([yaml, body]) => `---\n${yaml}\n---\n${body}`),
  markdown,
)

/** The targets of a DOCX package's external relationships (hyperlinks, linked images). */
function externalTargets(xml: string): string[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)]
    .map(([element]) => element)
    .filter((element) => /TargetMode="External"/.test(element))
    .map((element) => /Target="([^"]*)"/.exec(element)?.[1] ?? '')
}

let stage: Awaited<ReturnType<typeof markdownStage>>
let toolkit: Toolkit
let report: PublishedDocument
beforeAll(async () => {
  stage = await markdownStage()
  toolkit = await loadToolkit()
  report = await reportOf(stage.content, 'draft')
})

describe('arbitrary Markdown', () => {
  it('ends in a sanitised tree with only content messages and no script', async () => {
    await fc.assert(
      fc.asyncProperty(withFrontMatter, async (text) => {
        const { file, html } = await stage.run(text)
        expect(file.messages.filter((message) => !isContentMessage(message))).toEqual([])
        expect(dangerIn(html)).toEqual([])
      }),
      { numRuns: 400 },
    )
  })

  it('renders to HTML and DOCX without a script, or stops with a content message', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (body) => {
        const { file, tree } = await stage.run(`---\ntitle: Property\n---\n\n${body}`)
        if (file.messages.some((message) => message.fatal)) return // a build stops here with the message
        const document: PublishedDocument = { ...report, sections: [{ id: 'property', title: 'Property', toc: true, newPage: false, tree, file }] }
        const html = await renderHtml(document, toolkit)
        expect(dangerIn(html.replace(/<style>[\s\S]*?<\/style>/, ''))).toEqual([])
        const docx = unzipSync(await renderDocx(document, toolkit.brand), { filter: (entry) => /\.(xml|rels)$/.test(entry.name) })
        const xml = Object.values(docx).map((part) => strFromU8(part)).join('\n')
        expect(externalTargets(xml).filter((target) => !/^(https:|mailto:)/.test(target))).toEqual([])
        expect(xml).not.toMatch(/<script/i)
      }),
      { numRuns: 25 },
    )
  })
})

describe('arbitrary JSON', () => {
  const directory = path.join(os.tmpdir(), `rso-property-${process.pid}`)
  beforeAll(async () => {
    await fs.cp(path.join(projectRoot, 'source'), directory, { recursive: true })
  })
  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true })
  })

  const dataFiles = ['forum.json', 'countries.json', 'places.json', 'corridors.json', 'recommendations.json', 'glossary.json', 'contact.json'] as const

  /** Loads the content with `text` as `name`; anything thrown but a ContentError fails the property. */
  async function load(name: string, text: string) {
    const original = await fs.readFile(path.join(projectRoot, 'source', name), 'utf8')
    await fs.writeFile(path.join(directory, name), text)
    try {
      const content = await loadContent(directory)
      await reportOf(content, 'draft')
    } catch (error) {
      if (!(error instanceof ContentError)) throw error
      const messages = error.files.flatMap((file) => file.messages)
      expect(messages.length).toBeGreaterThan(0)
      expect(messages.filter((message) => !isContentMessage(message))).toEqual([])
    } finally {
      await fs.writeFile(path.join(directory, name), original)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  }

  it('a data file replaced by any JSON value (or any text) gives content messages only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dataFiles), fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string({ maxLength: 60 })), load),
      { numRuns: 60 },
    )
  })

  it('any value put in place of a field of the real data gives content messages only', async () => {
    const keys = fc.constantFrom('title', 'shortTitle', 'name', 'code', 'id', 'countries', 'places', 'signatories', 'image', 'dates', 'theme', 'description', '__proto__', 'constructor')
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dataFiles), keys, fc.jsonValue({ maxDepth: 3 }), fc.nat(), async (name, key, value, pick) => {
        const text = await fs.readFile(path.join(projectRoot, 'source', name), 'utf8')
        const occurrences = [...text.matchAll(new RegExp(`"${key}":\\s*`, 'g'))]
        const at = occurrences[pick % Math.max(1, occurrences.length)]
        // Where the key does not occur, it is added to the top-level object.
        const changed = at?.index === undefined
          ? text.replace('{', `{ "${key}": ${JSON.stringify(value)},`)
          : `${text.slice(0, at.index)}"${key}": ${JSON.stringify(value)}, "replaced-${key}": ${text.slice(at.index + at[0].length)}`
        await load(name, changed)
      }),
      { numRuns: 60 },
    )
  })
})
