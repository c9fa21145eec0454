/**
 * Pathological input, through the real command line: nesting, sizes and images far beyond
 * any real report are refused with one message at their file, line and column, never a
 * stack overflow, a hang or a stack trace. Every input here is invented for the test and
 * written into a scratch copy of the content; the limits are those of src/content/limits.ts.
 *
 * Each run holds several cases in different files, since the loader reports every file's
 * problems at once: one command checks them all. The child's timeout only guards against a
 * hang; no test measures time. A child process, so that a hang or a crash ends the command,
 * not the test run.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { limits } from '../src/content/limits.ts'
import { copySource, runCliProcess, type RunResult } from './support/cli.ts'

const noStackTrace = /\n\s+at .+:\d+:\d+\)?\n|RangeError|Maximum call stack/
const hangGuardMs = 240_000
const scratch: string[] = []
afterAll(async () => {
  await Promise.all(scratch.map((directory) => fs.rm(directory, { recursive: true, force: true })))
})

async function append(source: string, file: string, text: string): Promise<number> {
  const full = path.join(source, file)
  const before = await fs.readFile(full, 'utf8')
  await fs.writeFile(full, before + text)
  // The line of the appended text's first character after its leading newline.
  return before.split('\n').length + 1
}

/** The lines of `stderr` that are error messages. */
const errorsIn = (result: RunResult) => result.stderr.split('\n').filter((line) => /: error: /.test(line))

describe('content beyond the limits, found while loading', () => {
  let result: RunResult
  const expected: Record<string, RegExp> = {}

  beforeAll(async () => {
    const source = await copySource()
    scratch.push(source)
    // 5000 nested quote markers on one line (the case that overflowed the stack).
    let line = await append(source, 'report/08-looking-ahead.md', `\n${'>'.repeat(5000)} deep\n`)
    expected.quotes = new RegExp(`report/08-looking-ahead\\.md:${line}:${limits.markdownNesting + 1}: error: Quotes or lists nested more than ${limits.markdownNesting} levels deep \\[too-deep\\]`)
    // A list nested 200 levels by indentation, one item a line.
    line = await append(source, 'report/09-participation.md', `\n${Array.from({ length: 200 }, (_, level) => `${'  '.repeat(level)}- item\n`).join('')}`)
    const listLine = line + limits.markdownNesting // the item indented 64 columns is the 33rd level
    expected.lists = new RegExp(`report/09-participation\\.md:${listLine}:\\d+: error: Quotes or lists nested more than ${limits.markdownNesting} levels deep \\[too-deep\\]`)
    // One line of 50 000 characters.
    line = await append(source, 'report/01-foreword.md', `\n${'word '.repeat(10_000)}\n`)
    expected.line = new RegExp(`report/01-foreword\\.md:${line}:${limits.lineCharacters + 1}: error: Line ${line} has 50000 characters; a line may have at most ${limits.lineCharacters} \\[too-large\\]`)
    // A file of 5 MB in short lines.
    await append(source, 'report/02-key-outcomes.md', `\n${'A paragraph of words.\n\n'.repeat(220_000)}`)
    expected.file = /report\/02-key-outcomes\.md:1:1: error: The file is 4\.\d MB; a content file may be at most 0\.25 MB \[too-large\]/
    // JSON nested 10 000 levels deep, one bracket a line.
    const glossary = await fs.readFile(path.join(source, 'glossary.json'), 'utf8')
    await fs.writeFile(path.join(source, 'glossary.json'), glossary.replace('"terms": [', `"terms": [${'[\n'.repeat(10_000)}${']\n'.repeat(10_000)},`))
    expected.jsonDepth = new RegExp(`glossary\\.json:${limits.jsonNesting}:1: error: JSON nested more than ${limits.jsonNesting} levels deep \\[too-deep\\]`)
    // An array of 50 000 items in short lines.
    const organisations = await fs.readFile(path.join(source, 'organisations.json'), 'utf8')
    await fs.writeFile(path.join(source, 'organisations.json'), organisations.replace('"organisations": [', `"organisations": [\n${'0,\n'.repeat(50_000)}`))
    expected.jsonArray = new RegExp(`organisations\\.json:2:20: error: An array with more than ${limits.jsonArrayItems} items; an array may have at most ${limits.jsonArrayItems} \\[too-large\\]`)
    result = await runCliProcess(['check', '--source', source], { timeoutMs: hangGuardMs })
  }, hangGuardMs + 60_000)

  it('exits with code 1 and no stack trace', () => {
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).not.toMatch(noStackTrace)
    expect(errorsIn(result), result.stderr).toHaveLength(6)
  })

  it.each(['quotes', 'lists', 'line', 'file', 'jsonDepth', 'jsonArray'])('%s: one message at its place, with a hint', (name) => {
    const lines = result.stderr.split('\n')
    const index = lines.findIndex((line) => expected[name]!.test(line))
    expect(index, result.stderr).toBeGreaterThanOrEqual(0)
    expect(lines[index + 1]).toMatch(/^ {2}hint: .*README lists the limits/)
  })
})

/** A PNG whose header claims `width` × `height` pixels, with one row of data: invented for the test. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]) // the CRC is not checked before the size
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))])
}

/** A baseline JPEG header (SOF0) claiming `width` × `height` pixels: invented for the test. */
function jpegClaiming(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
  const frame = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, frame, Buffer.from([0xff, 0xd9])])
}

const billionLaughs = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE svg [',
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, index) => `  <!ENTITY lol${index + 1} "${`&lol${index || ''};`.repeat(10)}">`),
  ']>',
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><text y="15">&lol9;</text></svg>',
].join('\n')

describe('content beyond the limits, found while transforming', () => {
  let result: RunResult
  const expected: Record<string, RegExp> = {}

  beforeAll(async () => {
    const source = await copySource()
    scratch.push(source)
    const assets = path.join(source, 'assets')
    await fs.writeFile(path.join(assets, 'huge.png'), pngClaiming(100_000, 100_000))
    await fs.writeFile(path.join(assets, 'huge.jpg'), jpegClaiming(60_000, 60_000))
    await fs.writeFile(path.join(assets, 'huge.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000" viewBox="0 0 100000 100000"><rect width="10" height="10"/></svg>')
    await fs.writeFile(path.join(assets, 'laughs.svg'), billionLaughs)
    const images = await append(source, 'report/08-looking-ahead.md', '\n![Huge PNG](assets/huge.png)\n\n![Huge JPEG](assets/huge.jpg)\n\n![Huge SVG](assets/huge.svg)\n\n![Entities](assets/laughs.svg)\n')
    const huge = (line: number, name: string, side: number) =>
      new RegExp(`report/08-looking-ahead\\.md:${line}:1: error: "assets/${name}" is ${side} × ${side} pixels; an image may be at most ${limits.imageSide} pixels on a side and \\d+ million pixels in all \\[too-large\\]`)
    expected.png = huge(images, 'huge\\.png', 100_000)
    expected.jpeg = huge(images + 2, 'huge\\.jpg', 60_000)
    expected.svg = huge(images + 4, 'huge\\.svg', 100_000)
    expected.entities = new RegExp(`report/08-looking-ahead\\.md:${images + 6}:1: error: "assets/laughs\\.svg" is an SVG that declares a DOCTYPE or entities \\[unsafe-asset\\]`)
    // Emphasis nested 2400 deep, within the line limit: only the parsed tree shows it.
    const emphasis = await append(source, 'report/09-participation.md', `\n${'*a '.repeat(2400)}b${'*'.repeat(2400)}\n`)
    expected.emphasis = new RegExp(`report/09-participation\\.md:${emphasis}:\\d+: error: Markdown nested more than ${limits.markdownTreeDepth} levels deep \\[too-deep\\]`)
    // A build, not only a check, refuses them before rendering anything.
    const out = path.join(source, 'out')
    result = await runCliProcess(['build', '--source', source, '--out', out, '-d', 'report', '-f', 'html'], { timeoutMs: hangGuardMs })
    expect(await fs.readdir(out).catch(() => [])).toEqual([])
  }, hangGuardMs + 60_000)

  it('exits with code 1 and no stack trace', () => {
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).not.toMatch(noStackTrace)
    expect(errorsIn(result)).toHaveLength(5)
  })

  it.each(['png', 'jpeg', 'svg', 'entities', 'emphasis'])('%s: one message at its place', (name) => {
    expect(result.stderr).toMatch(expected[name]!)
  })
})
