/**
 * Author-defined collections are untrusted content: each case a review found,
 * on a copy of the invented Pacific workshop (`test/fixtures/events/pacific-workshop/`),
 * ends with a message at the collection's own file, never a hang, a heap abort or an
 * internal error; and the helpers templates get write what countries.json and
 * the event's language say. In this process, as `check` and `build` load and assemble.
 */
import http from 'node:http'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Root as HastRoot } from 'hast'
import { visit } from 'unist-util-visit'
import { loadContent, type LoadOptions } from '../src/content/load.ts'
import { assembleDocuments } from '../src/assemble/index.ts'
import { createEvent } from '../src/content/event.ts'
import { asWritten } from './support/text.ts'
import { ContentError } from '../src/errors/catalogue.ts'
import { formatMessages } from '../src/errors/format.ts'
import { limits } from '../src/content/limits.ts'
import type { PublishedDocument } from '../src/assemble/model.ts'
import { commandLine, projectRoot, runCli } from './support/cli.ts'
import { spawn } from 'node:child_process'

const fixture = path.join(projectRoot, 'test/fixtures/events/pacific-workshop')
let scratch: string

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-collections-'))
})

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

let cases = 0
/** A copy of the workshop with the collection's files changed by `change` (file name → new text, or a function of the old). */
async function workshop(change: Record<string, string | ((old: string) => string)>): Promise<string> {
  const source = path.join(scratch, `case-${cases++}`)
  await fs.cp(fixture, source, { recursive: true })
  for (const [name, edit] of Object.entries(change)) {
    const file = path.join(source, name)
    const old = await fs.readFile(file, 'utf8').catch(() => '')
    await fs.writeFile(file, typeof edit === 'string' ? edit : edit(old))
  }
  return source
}

/** What check and build print for the content: the messages as `file:line:column: ...`, relative to the content folder, or the documents. */
async function run(source: string, options: LoadOptions = {}): Promise<{ messages: string; documents: PublishedDocument[] }> {
  try {
    const content = await loadContent(source, options)
    const documents = await assembleDocuments(createEvent(content), { mode: 'draft', report: true, briefs: 'all' })
    return { messages: '', documents }
  } catch (error) {
    if (!(error instanceof ContentError)) throw error
    const messages = formatMessages(error.files).replaceAll(`${path.relative(process.cwd(), source)}/`, '')
    expect(messages).not.toMatch(/internal error/i)
    return { messages, documents: [] }
  }
}

/** The text of a tree, its text nodes joined. */
function toText(tree: HastRoot): string {
  let text = ''
  visit(tree, 'text', (node) => {
    text += node.value
  })
  return text
}

const visits = (count: number) => JSON.stringify({ visits: Array.from({ length: count }, (_, index) => ({ site: `Invented site ${index}`, host: 'FJI', day: 1 })) }, null, 1)

describe('a JSON Schema of a collection', () => {
  it('matches a pattern that backtracks, such as ^(a+)+$, in linear time', async () => {
    const source = await workshop({
      'collections/site-visits.schema.json': (old) => old.replace('"site": { "type": "string", "minLength": 1 }', '"site": { "type": "string", "pattern": "^(a+)+$" }'),
      'collections/site-visits.json': (old) => old.replace('"Invented harbour master\'s office"', `"${'a'.repeat(48)}b"`),
    })
    const { messages } = await run(source)
    expect(messages).toContain('collections/site-visits.json:3:15: error: Invalid value: must match pattern "^(a+)+$" at visits.0.site [collection-schema]')
  })

  it('refuses a pattern that cannot be matched in linear time at its place, with a hint', async () => {
    const source = await workshop({
      'collections/site-visits.schema.json': (old) => old.replace('"pattern": "^[A-Z]{3}$"', '"pattern": "^(?=[A-Z])(\\\\w)\\\\1$"'),
    })
    const { messages } = await run(source)
    expect(messages).toMatch(/collections\/site-visits\.schema\.json:16:50: error: The pattern "\^\(\?=\[A-Z\]\)\(\\w\)\\1\$" cannot be matched in linear time: .* \[collection-schema\]/)
    expect(messages).toContain('hint: Patterns are matched by RE2')
  })

  it('fetches nothing for a $ref to a server or a file, and says where the $ref is', async () => {
    let requests = 0
    const server = http.createServer((_request, response) => {
      requests++
      response.end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    try {
      const source = await workshop({
        'collections/site-visits.schema.json': (old) => old.replace('"day": { "type": "integer", "minimum": 1 }', `"day": { "$ref": "http://127.0.0.1:${port}/day.json" }`),
      })
      const { messages } = await run(source)
      expect(messages).toContain(`collections/site-visits.schema.json:17:28: error: The JSON Schema is not valid: can't resolve reference http://127.0.0.1:${port}/day.json`)
      const fileSource = await workshop({
        'collections/site-visits.schema.json': (old) => old.replace('"day": { "type": "integer", "minimum": 1 }', '"day": { "$ref": "file:///etc/passwd" }'),
      })
      expect((await run(fileSource)).messages).toContain("collections/site-visits.schema.json:17:28: error: The JSON Schema is not valid: can't resolve reference file:///etc/passwd")
    } finally {
      server.close()
    }
    expect(requests).toBe(0)
  })

  it('whose definitions multiply the work is stopped on its thread, at the schema', async () => {
    const definitions = Object.fromEntries([
      ...Array.from({ length: 40 }, (_, index) => [`d${index}`, { allOf: [{ $ref: `#/definitions/d${index + 1}` }, { $ref: `#/definitions/d${index + 1}` }] }]),
      ['d40', { type: 'object' }],
    ])
    const source = await workshop({
      'collections/site-visits.schema.json': (old) => JSON.stringify({ ...JSON.parse(old), definitions, allOf: [{ $ref: '#/definitions/d0' }] }, null, 1),
    })
    // One second, not the default ten: the same deadline, spent at full speed for less long.
    const { messages } = await run(source, { collectionSeconds: 1 })
    expect(messages).toContain('collections/site-visits.schema.json:1:1: error: Checking the data against this JSON Schema takes more than 1 s, the most it may take [too-large]')
  }, 60_000)
})

describe('a template of a collection', () => {
  it('whose loops multiply is stopped by its budget, at the loop, within the array limit', async () => {
    const source = await workshop({
      'collections/site-visits.json': visits(3000),
      'collections/site-visits.hbs': '{{#each visits}}{{#each @root.visits}}{{#each @root.visits}}x{{/each}}{{/each}}{{/each}}\n',
    })
    const { messages } = await run(source)
    expect(messages).toContain("collections/site-visits.hbs:1:39: error: The template does more than 20,000,000 characters' worth of work (loops inside loops over the data?); a template may do at most that much [too-large]")
  })

  it('that writes more than a Markdown file may hold is too large, at the template', async () => {
    const source = await workshop({
      'collections/site-visits.json': (old) => old.replace("Invented harbour master's office", 'y'.repeat(5000)),
      'collections/site-visits.hbs': `${'{{visits.[0].site}}'.repeat(100)}\n`,
    })
    const { messages } = await run(source)
    expect(messages).toContain('collections/site-visits.hbs:1:1: error: The template writes 0.48 MB of Markdown; what a template writes may be at most 0.25 MB, as a Markdown file [too-large]')
  })

  it('whose blocks nest thousands deep is refused before Handlebars parses it, at the block', async () => {
    const source = await workshop({ 'collections/site-visits.hbs': `${'{{#each visits}}\n'.repeat(3000)}x\n${'{{/each}}\n'.repeat(3000)}` })
    const { messages } = await run(source)
    expect(messages).toContain(`collections/site-visits.hbs:${limits.templateNesting + 1}:1: error: Blocks nested more than ${limits.templateNesting} levels deep [too-deep]`)
  })

  it('that calls a partial, or defines one, is an error at its file', async () => {
    const { messages } = await run(await workshop({ 'collections/site-visits.hbs': 'Before\n{{> cover}}\n' }))
    expect(messages).toContain("collections/site-visits.hbs:2:1: error: The template uses a partial; a collection's template may not use partials or decorators [template]")
    // Nor one it defines itself, which could call itself twice over without end.
    const inline = await run(await workshop({ 'collections/site-visits.hbs': '{{#*inline "p"}}{{> p}}{{> p}}{{/inline}}\n{{> p}}\n' }))
    expect(inline.messages).toContain("collections/site-visits.hbs:1:1: error: The template uses a decorator; a collection's template may not use partials or decorators [template]")
  })

  it('that writes a link or an image a section may not have is an error at the template, and at the entry that carries it', async () => {
    const source = await workshop({
      'collections/site-visits.json': (old) => old.replace('"Invented tide gauge station"', '"javascript:alert(1)"'),
      'collections/site-visits.hbs': (old) => `${old}\n[more](javascript:void(0))\n\n![gauge](http://127.0.0.1/gauge.png)\n\n{{#each visits}}\n- [{{day}}]({{site}})\n{{/each}}\n`,
    })
    const { messages } = await run(source)
    expect(messages).toContain('collections/site-visits.hbs:7:8: error: Link to "javascript:void(0)" is not allowed: links must start with https://, mailto: or # [unsafe-url]')
    expect(messages).toContain('collections/site-visits.hbs:9:10: error: "http://127.0.0.1/gauge.png" is a URL; only files under assets/ can be used [unsafe-url]')
    expect(messages).toContain('collections/site-visits.json:4:15: error: Link to "javascript:alert(1)" is not allowed: links must start with https://, mailto: or #, written by the template site-visits.hbs [unsafe-url]')
    // Once, though the report and Vanuatu's brief both show it.
    expect(messages.split('\n').filter((line) => line.includes('javascript:alert(1)') && line.includes('site-visits.hbs:')).length).toBe(1)
  })

  it('that writes a directive is an error at the template, not text in the document', async () => {
    const { messages } = await run(await workshop({ 'collections/site-visits.hbs': (old) => `${old}\n::collection{name=site-visits}\n` }))
    expect(messages).toContain('collections/site-visits.hbs:7:1: error: The template writes the directive "::collection": a template writes Markdown, and cannot place directives [template]')
    const inline = await run(await workshop({ 'collections/site-visits.hbs': (old) => `${old}\nWith thanks to :participants and to the Note:well of {{visits.[0].site}}.\n` }))
    expect(inline.messages).toContain('collections/site-visits.hbs:7:16: error: The template writes the directive ":participants": a template writes Markdown, and cannot place directives [template]')
    // A colon inside a word is text, as in a section.
    expect(inline.messages).not.toContain(':well')
  })

  it('is checked by the check command too: exit code 1 and the message at the template', async () => {
    const source = await workshop({ 'collections/site-visits.hbs': (old) => `${old}\n[more](javascript:alert(1))\n` })
    const { code, stderr: printed } = await runCli(['check', '--source', source, '--out', path.join(scratch, 'check-out')])
    expect(code).toBe(1)
    expect(printed).toMatch(/collections\/site-visits\.hbs:7:8: error: Link to "javascript:alert\(1\)" is not allowed/)
    expect(printed).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/i)
  })
})

describe('the helpers of a template', () => {
  it('write a country\'s name as countries.json does, and join lists as the event\'s language does', async () => {
    const source = await workshop({
      'collections/site-visits.schema.json': (old) => old.replace('"day": { "type": "integer", "minimum": 1 }', '"day": { "type": "integer", "minimum": 1 }, "with": { "type": "array", "items": { "type": "string", "x-country": true } }, "topics": { "type": "array", "items": { "type": "string" } }'),
      'collections/site-visits.json': (old) => old.replace('"day": 2 }', '"day": 2, "with": ["SLB", "TON"], "topics": ["tides", "reefs", "radios"] }'),
      'collections/site-visits.hbs': '{{#each visits}}\n- {{site}}, hosted by {{country host}}{{#if with}} with {{countries with}} on {{list topics}}{{/if}}\n{{/each}}\n',
    })
    const { documents, messages } = await run(source)
    expect(messages).toBe('')
    const report = documents.find((document) => document.kind === 'report')!
    // Compared as the content writes it: the typographic pass sets the apostrophe and adds break opportunities.
    const text = asWritten(report.sections.map((section) => toText(section.tree as HastRoot)).join('\n'))
    expect(text).toContain("Invented harbour master's office, hosted by Fiji")
    expect(text).toContain('Invented tide gauge station, hosted by Vanuatu with Solomon Islands and Tonga on tides, reefs and radios')
    // Tonga's brief shows the visit it takes part in, under the schema's title.
    const tonga = documents.find((document) => document.outputPath.endsWith('/TON-tonga'))!
    expect(asWritten(tonga.sections.map((section) => toText(section.tree as HastRoot)).join('\n'))).toContain('Invented tide gauge station, hosted by Vanuatu')
  })
})

describe('a signal while a build is busy with a collection', () => {
  it.each([
    { signal: 'SIGTERM' as const, code: 143 },
    { signal: 'SIGINT' as const, code: 130 },
  ])('$signal stops the build at once: exit code $code, no lock, nothing written', async ({ signal, code: expected }) => {
    const definitions = Object.fromEntries([
      ...Array.from({ length: 40 }, (_, index) => [`d${index}`, { allOf: [{ $ref: `#/definitions/d${index + 1}` }, { $ref: `#/definitions/d${index + 1}` }] }]),
      ['d40', { type: 'object' }],
    ])
    const source = await workshop({
      'collections/site-visits.schema.json': (old) => JSON.stringify({ ...JSON.parse(old), definitions, allOf: [{ $ref: '#/definitions/d0' }] }, null, 1),
    })
    const out = path.join(scratch, `signal-out-${signal}`)
    const child = spawn(process.execPath, [...commandLine, 'build', '-s', source, '-o', out, '-f', 'html'], {
      cwd: projectRoot,
      env: { ...process.env, CI: '1', RSO_FAULT_AT: 'collections:announce' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    const exit = new Promise<{ code: number | null }>((resolve) => child.on('close', (code) => resolve({ code })))
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk
        if (stderr.includes('Fault injected at collections (RSO_FAULT_AT): under way')) resolve()
      })
      void exit.then(() => reject(new Error(`The build ended before its collection was under way:\n${stderr}`)))
    })
    child.kill(signal)
    const { code } = await exit
    expect(code).toBe(expected)
    expect(stderr).toContain(`Interrupted (${signal})`)
    // Stopped while checking, long before the schema's deadline would have reported it.
    expect(stderr).not.toContain('too-large')
    expect(await fs.readdir(out).catch(() => [])).toEqual([])
  }, 60_000)
})
