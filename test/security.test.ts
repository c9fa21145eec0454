/**
 * Content is untrusted. A hostile document (the tiny invented event, with hostile Markdown,
 * title, signatory and country name added) builds into HTML, DOCX and PDF that carry no
 * script, handler or outside reference, and the local server it points at counts no
 * request; references that would read a file or the network are errors at their place;
 * data cannot reach prototypes; front matter is data only.
 */
import http from 'node:http'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadContent } from '../src/content/load.ts'
import { ContentError } from '../src/errors/catalogue.ts'
import { formatMessages } from '../src/errors/format.ts'
import { unsafeSvgReason } from '../src/content/svg-safety.ts'
import { loadTemplates } from '../src/layout/templates.ts'
import { copySource, edit, projectRoot, runCli } from './support/cli.ts'
import { dangerIn } from './fixtures/hostile/stage.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

const fixtures = path.join(import.meta.dirname, 'fixtures/hostile')
const report = 'report/tiny-example-forum-outcome-report'
const noStackTrace = /\n\s+at .+:\d+:\d+\)?\n/

let server: http.Server
let connections = 0
let local = ''
const scratch: string[] = []

beforeAll(async () => {
  // Counts connections, not only requests: a TLS handshake or a half-open socket counts too.
  server = http.createServer((_request, response) => response.end('x'))
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await Promise.all(scratch.map((directory) => fs.rm(directory, { recursive: true, force: true })))
})

async function hostileCopy(): Promise<string> {
  const directory = await copySource()
  scratch.push(directory)
  return directory
}

async function fixture(name: string): Promise<string> {
  return (await fs.readFile(path.join(fixtures, name), 'utf8')).replaceAll('LOCAL', local)
}

/** 1-based line and column of `needle` in a file of `directory`. */
async function placeOf(directory: string, file: string, needle: string): Promise<string> {
  const text = await fs.readFile(path.join(directory, file), 'utf8')
  const offset = text.indexOf(needle)
  if (offset < 0) throw new Error(`"${needle}" is not in ${file}`)
  const before = text.slice(0, offset).split('\n')
  return `${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
}

describe('the detector used by these tests', () => {
  it('finds what it looks for, and not escaped text', () => {
    expect(dangerIn('<p><script>x</script></p>')).toEqual(['script element'])
    expect(dangerIn('<img src="x" onerror="y">')).toContain('event handler')
    expect(dangerIn('<a href="javascript:x">')).toEqual(['javascript: URL'])
    expect(dangerIn('<code>&#x3C;a href="javascript:x"></code>')).toEqual([])
  })
})

describe('a hostile document', () => {
  let out: string
  let stderr: string

  beforeAll(async () => {
    // The tiny event has every part the data reaches: page header, cover, a map, a signature.
    const source = await copyTinyEvent()
    scratch.push(source)
    await fs.appendFile(path.join(source, 'report/02-routes.md'), await fixture('hostile.md'))
    // Values from the data reach the CSS of the page header, the cover, the maps and the signatures.
    await edit(source, 'forum.json', '"shortTitle": "Tiny Example Forum: Outcome Report"', `"shortTitle": "</style><script>alert('title')</script><style>@import url(${local}/title.css);"`)
    await edit(source, 'forum.json', '"name": "Ada Example"', `"name": "<img src=x onerror=alert('signatory')>Ada Example"`)
    await edit(source, 'countries.json', '"name": "Lao PDR"', `"name": "Lao PDR</text><script>alert('map')</script>"`)
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-security-out-'))
    scratch.push(out)
    const result = await runCli(['build', '-s', source, '-o', out, '-d', 'report', '-f', 'html,docx,pdf'])
    stderr = result.stderr
    expect(result.code, result.stderr).toBe(0)
  })

  it('is built, with a warning at each piece of raw HTML', () => {
    expect(stderr).toMatch(/report\/02-routes\.md:\d+:1: warning: Raw HTML is not allowed in the content and was removed \[raw-html\]/)
    expect(stderr).not.toMatch(noStackTrace)
  })

  it('gives an HTML page with no script, handler, frame, form or outside reference', async () => {
    const html = await fs.readFile(path.join(out, `${report}.html`), 'utf8')
    expect(dangerIn(html)).toEqual([])
    // Nothing from the content names the local server in an attribute, a stylesheet or the header's CSS.
    expect(html).not.toMatch(new RegExp(`(src|href|action|data|poster)\\s*=\\s*["']?${local}`))
    // The header's text is a CSS string: what it says stays text, whatever it says.
    const outsideCssStrings = html.replace(/content: "(?:[^"\\]|\\.)*"/g, 'content: ""')
    expect(outsideCssStrings).not.toMatch(/@import|url\(\s*["']?(?!data:|#)/)
    expect(html).not.toContain('</style><script>')
    // The policy in the page is the second wall.
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"`)
    // Images are inlined; none is loaded from anywhere.
    for (const [, source] of html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)) expect(source).toMatch(/^data:image\/(png|jpeg|svg\+xml);base64,/)
  })

  it('gives a DOCX whose only outside targets are https and mailto links, and no script', async () => {
    const parts = unzipSync(new Uint8Array(await fs.readFile(path.join(out, `${report}.docx`))), { filter: (file) => /\.(xml|rels)$/.test(file.name) })
    const xml = Object.values(parts).map((part) => strFromU8(part)).join('\n')
    const external = [...xml.matchAll(/<Relationship\b[^>]*TargetMode="External"[^>]*>/g)].map(([element]) => /Target="([^"]*)"/.exec(element)?.[1] ?? '')
    expect(external.filter((target) => !/^(https:|mailto:)/.test(target))).toEqual([])
    expect(external).toContain('https://www.baliprocess.net/regional-support-office/')
    expect(xml).not.toMatch(/<script|<w:altChunk|<w:object|<o:OLEObject|attachedTemplate/i)
  })

  it('gives a PDF with no JavaScript or launch action and only https and mailto links', async () => {
    const pdf = (await fs.readFile(path.join(out, `${report}.pdf`))).toString('latin1')
    expect(pdf).not.toMatch(/\/(JavaScript|JS|Launch|SubmitForm|ImportData|GoToR|EmbeddedFile)\b/)
    const links = [...pdf.matchAll(/\/URI\s*\(([^)]*)\)/g)].map(([, uri]) => uri ?? '')
    expect(links.filter((uri) => !/^(https:|mailto:)/.test(uri))).toEqual([])
  })

  it('makes no request to the local server, in any format', () => {
    expect(connections).toBe(0)
  })
})

describe('references that would read a file or the network', () => {
  let source: string
  let result: Awaited<ReturnType<typeof runCli>>
  const images = {
    'file-url': '![a](file:///etc/passwd)',
    'local-server': '![b](LOCAL/image.png)',
    'protocol-relative': '![c](//127.0.0.1/image.png)',
    'absolute': '![d](/etc/passwd)',
    'parent': '![e](../forum.json)',
    'parent-inside-assets': '![f](assets/../../../etc/passwd)',
    'encoded-parent': '![g](assets/%2e%2e/forum.json)',
    'encoded-slash': '![h](%2e%2e%2fforum.json)',
    'symbolic-link': '![i](assets/linked.svg)',
    'svg-script': '![j](assets/script.svg)',
    'svg-remote-image': '![k](assets/remote.svg)',
    'svg-stylesheet': '![l](assets/styled.svg)',
    'javascript-link': '[m](javascript:alert(1))',
    'local-link': `[n](http://127.0.0.1/)`,
  }

  beforeAll(async () => {
    source = await hostileCopy()
    await fs.writeFile(path.join(source, 'assets/script.svg'), await fixture('script.svg'))
    await fs.writeFile(path.join(source, 'assets/remote.svg'), await fixture('remote.svg'))
    await fs.writeFile(path.join(source, 'assets/styled.svg'), await fixture('styled.svg'))
    await fs.copyFile(path.join(source, 'assets/signatures/david-scott.svg'), path.join(source, 'outside.svg'))
    await fs.symlink('../outside.svg', path.join(source, 'assets/linked.svg'))
    const lines = Object.values(images).map((line) => line.replaceAll('LOCAL', local))
    await fs.appendFile(path.join(source, 'report/08-looking-ahead.md'), `\n${lines.join('\n\n')}\n`)
    result = await runCli(['check', '--source', source])
  })

  it('are errors, one at each place, without a stack trace', async () => {
    expect(result.code).toBe(1)
    expect(result.stderr).not.toMatch(noStackTrace)
    const file = 'report/08-looking-ahead.md'
    // Messages name the content folder in use, here the test's copy.
    const assets = `${path.relative(projectRoot, source)}/assets/`
    const at = async (key: keyof typeof images) => `${await placeOf(source, file, images[key].replaceAll('LOCAL', local))}: error: `
    const expected: Array<[keyof typeof images, string]> = [
      ['file-url', `"file:///etc/passwd" is a URL; only files under ${assets} can be used [unsafe-url]`],
      ['local-server', `"${local}/image.png" is a URL`],
      ['protocol-relative', '"//127.0.0.1/image.png" is a URL'],
      ['absolute', '"/etc/passwd" is an absolute path'],
      ['parent', `"../forum.json" is outside ${assets}`],
      ['parent-inside-assets', `"assets/../../../etc/passwd" is outside ${assets}`],
      ['encoded-parent', `"assets/%2e%2e/forum.json" is outside ${assets}`],
      ['encoded-slash', `"%2e%2e%2fforum.json" is outside ${assets}`],
      ['symbolic-link', `"assets/linked.svg" leads outside ${assets} (through a symbolic link)`],
      ['svg-script', '"assets/script.svg" is an SVG that contains a <script> element [unsafe-asset]'],
      ['svg-remote-image', `"assets/remote.svg" is an SVG that refers to "${local}/svg-image.png" (xlink:href)`],
      ['svg-stylesheet', '"assets/styled.svg" is an SVG that imports a stylesheet (@import)'],
      ['javascript-link', 'Link to "javascript:alert(1)" is not allowed: links must start with https://, mailto: or #'],
      ['local-link', 'Link to "http://127.0.0.1/" is not allowed'],
    ]
    for (const [key, message] of expected) expect(result.stderr).toContain(`${await at(key)}${message}`)
    expect(result.stderr).toContain('hint: Export the SVG again as a plain drawing')
  })

  it('include images named in the data: a signature linked to /etc/passwd', async () => {
    const copy = await hostileCopy()
    await fs.symlink('/etc/passwd', path.join(copy, 'assets/signatures/passwd.svg'))
    const at = await edit(copy, 'forum.json', '"image": "assets/signatures/david-scott.svg"', '"image": "assets/signatures/passwd.svg"')
    const check = await runCli(['check', '--source', copy])
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`forum.json:${at.line}:${at.column + '"image": '.length}: error: "assets/signatures/passwd.svg" leads outside ${path.relative(projectRoot, copy)}/assets/ (through a symbolic link) [unsafe-url]`)
    expect(check.stderr).not.toContain('root:')
  })

  it('stop a build before anything is written, and nothing is fetched', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-security-out-'))
    scratch.push(out)
    const build = await runCli(['build', '-s', source, '-o', out, '-d', 'report', '-f', 'html,docx'])
    expect(build.code).toBe(1)
    expect(build.stderr).toContain('nothing was written')
    expect(await fs.readdir(out)).toEqual([])
    expect(connections).toBe(0)
  })
})

describe('data only', () => {
  it('keeps __proto__ and constructor keys in JSON as unknown fields, and no prototype changes', async () => {
    const source = await hostileCopy()
    await edit(source, 'forum.json', '{', '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } },')
    await edit(source, 'countries.json', '"code": "AUS",', '"code": "AUS", "__proto__": { "polluted": true },')
    const error = await loadContent(source).then(() => undefined, (thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ContentError)
    const text = formatMessages((error as ContentError).files, { cwd: source })
    expect(text).toMatch(/^forum\.json:1:3: error: Unknown field "__proto__" at the top level \[schema\]$/m)
    expect(text).toMatch(/^forum\.json:1:\d+: error: Unknown field "constructor" at the top level \[schema\]$/m)
    expect(text).toMatch(/^countries\.json:4:\d+: error: Unknown field "__proto__" at countries\[0\] \[schema\]$/m)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads front matter as YAML data only: no tags that build values, no ---js', async () => {
    const source = await hostileCopy()
    const tagged = await edit(source, 'report/09-participation.md', 'title: Participation and Support', 'title: !!js/function "function () { return 1 }"')
    await edit(source, 'report/08-looking-ahead.md', 'title: Looking Ahead', 'title: !!binary TG9va2luZyBBaGVhZA==')
    await fs.writeFile(path.join(source, 'briefs/THA.md'), "---js\n{ title: (function () { return 'x' })() }\n---\n\nNotes.\n")
    const result = await runCli(['check', '--source', source])
    expect(result.code).toBe(1)
    expect(result.stderr).not.toMatch(noStackTrace)
    expect(result.stderr).toContain(`report/09-participation.md:${tagged.line}:${tagged.column + 'title: '.length}: error: Invalid YAML front matter: Unresolved tag: tag:yaml.org,2002:js/function [front-matter-syntax]`)
    expect(result.stderr).toMatch(/report\/08-looking-ahead\.md:2:8: error: Invalid YAML front matter: Unresolved tag: tag:yaml\.org,2002:binary/)
    expect(result.stderr).toContain('briefs/THA.md:1:1: error: Front matter must open with a line of exactly `---`, not `---js`: only YAML front matter is read [front-matter-syntax]')
  })

  it('gives templates no way to a prototype', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-templates-'))
    scratch.push(directory)
    await fs.mkdir(path.join(directory, 'partials'))
    await fs.writeFile(path.join(directory, 'document.hbs'), '<p>{{title.constructor.name}}</p>\n')
    const templates = await loadTemplates(directory)
    expect(() => templates.render('document', { title: 'x' })).toThrow(ContentError)
    await fs.writeFile(path.join(directory, 'document.hbs'), '<p>{{__proto__.polluted}}</p>\n')
    expect(() => templates.render('document', JSON.parse('{ "__proto__": { "polluted": "yes" } }'))).toThrow(ContentError)
  })
})

describe('SVG assets', () => {
  it('are refused when they could run or load anything, and allowed as plain drawings', () => {
    const refused = [
      '<svg><script>x</script></svg>',
      '<svg onload="x"/>',
      '<svg><foreignObject><iframe src="x"/></foreignObject></svg>',
      '<svg><image href="file:///etc/passwd"/></svg>',
      '<svg><use xlink:href="https://example.org/sprite.svg#a"/></svg>',
      '<svg><a href="&#106;avascript:x"><rect/></a></svg>',
      '<svg><rect style="fill: url(https://example.org/x)"/></svg>',
      '<svg><style>rect { fill: \\75 rl(x) }</style></svg>',
      '<?xml-stylesheet href="https://example.org/x.css"?><svg/>',
      '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
    ]
    for (const svg of refused) expect(unsafeSvgReason(svg), svg).toBeDefined()
    const allowed = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" fill="url(#g)"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><image href="data:image/png;base64,iVBORw0KGgo="/></svg>',
    ]
    for (const svg of allowed) expect(unsafeSvgReason(svg), svg).toBeUndefined()
  })
})
