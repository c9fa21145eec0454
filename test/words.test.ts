/**
 * Pseudo-localisation: every key of the words table is overridden with marked text (its
 * literal words in accented letters between "Ŵ" marks, placeholders and plural forms kept),
 * the documents are built in every format, and every word a reader can meet in them (the
 * PDF's text and properties, the DOCX's text, alternative texts and properties, the HTML's
 * text, alternative texts, map SVGs and meta data) must be either marked or a word of the
 * content. A word the code or a template writes by itself fails, named with its output.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js'
import { unzipSync, strFromU8 } from 'fflate'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Root, RootContent } from 'hast'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/pipeline/build.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { Session } from '../src/session/session.ts'
import { defaultWords, type WordKey } from '../src/content/words.ts'
import { projectRoot } from './support/cli.ts'
import { fixturesRoot } from './support/fixtures.ts'

const run = promisify(execFile)

const plain = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const accented = [...'ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ']

function accent(text: string): string {
  return [...text].map((character) => accented[plain.indexOf(character)] ?? character).join('')
}

function pseudoElements(elements: MessageFormatElement[]): void {
  for (const element of elements) {
    if (element.type === TYPE.literal) element.value = accent(element.value)
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) pseudoElements(option.value)
    }
  }
}

/** The message with its literal text accented and marked; values and plural forms as they were. */
export function pseudoLocalise(message: string): string {
  const elements = parse(message, { ignoreTag: true })
  pseudoElements(elements)
  return `Ŵ${printAST(elements)}Ŵ`
}

const pseudoWords = Object.fromEntries(Object.keys(defaultWords).map((key) => [key, pseudoLocalise(defaultWords[key as WordKey])]))

/** Words of plain ASCII letters, three or more: what an unmarked English word looks like. */
const tokens = (text: string): string[] => text.match(/[A-Za-z]{3,}/g) ?? []
/** Every word of the content, however short, so that joins such as "of" + "Bengal" are recognised. */
const allWords = (text: string): string[] => text.match(/[A-Za-z]+/g) ?? []

async function contentVocabulary(folder: string): Promise<Set<string>> {
  const words = new Set<string>()
  const walk = async (directory: string) => {
    for (const entry of await fs.readdir(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name)
      if (entry.isDirectory()) await walk(file)
      else if (/\.(json|md|hbs)$/.test(entry.name) && entry.name !== 'forum.json') for (const token of allWords(await fs.readFile(file, 'utf8'))) words.add(token.toLowerCase())
    }
  }
  await walk(folder)
  // forum.json without its words: the defaults being tested must not count as content.
  const forum = JSON.parse(await fs.readFile(path.join(folder, 'forum.json'), 'utf8')) as Record<string, unknown>
  delete forum.words
  for (const token of allWords(JSON.stringify(forum))) words.add(token.toLowerCase())
  return words
}

function hastText(tree: Root | Element): string[] {
  const found: string[] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === 'text') found.push(node.value)
    if (node.type !== 'element' && node.type !== 'root') return
    if (node.type === 'element') {
      if (node.tagName === 'style' || node.tagName === 'script') return
      for (const name of ['alt', 'title', 'ariaLabel'] as const) {
        const value = node.properties[name]
        if (typeof value === 'string') found.push(value)
      }
      if (node.tagName === 'meta' && ['description', 'keywords', 'author'].includes(String(node.properties.name))) found.push(String(node.properties.content))
    }
    for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}

const xmlText = (xml: string): string[] => [
  ...[...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1] ?? ''),
  ...[...xml.matchAll(/\s(?:descr|title)="([^"]*)"/g)].map((match) => match[1] ?? ''),
  ...[...xml.matchAll(/<(?:dc:title|dc:subject|dc:creator|dc:description|cp:keywords)>([^<]*)</g)].map((match) => match[1] ?? ''),
  ...[...xml.matchAll(/<(?:text|tspan|title|desc)\b[^>]*>([^<]*)</g)].map((match) => match[1] ?? ''),
]

async function outputText(file: string): Promise<string[]> {
  if (file.endsWith('.html')) return hastText(fromHtml(await fs.readFile(file, 'utf8')))
  if (file.endsWith('.pdf')) {
    const [{ stdout: text }, { stdout: info }] = await Promise.all([run('pdftotext', [file, '-']), run('pdfinfo', [file])])
    const properties = info.split('\n').filter((line) => /^(Title|Subject|Keywords|Author):/.test(line)).map((line) => line.replace(/^\w+:\s*/, ''))
    // Letter-spaced capitals (the cover's "O U TCO M E") come out with spaces between the letters.
    return [text.replace(/(?<=\b[A-Z]{1,3}) (?=[A-Z]{1,3}\b)/g, ''), ...properties]
  }
  const parts = unzipSync(new Uint8Array(await fs.readFile(file)))
  return Object.entries(parts)
    .filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$|^docProps\/core\.xml$|^word\/media\/.*\.svg$/.test(name))
    // A word the typographic pass gave soft hyphens is one word: Word's `<w:softHyphen/>` splits its run's text.
    .flatMap(([, bytes]) => xmlText(strFromU8(bytes).replace(/<\/w:t><w:softHyphen\/><w:t(?:\s[^>]*)?>/g, '')).map((text) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")))
}

interface Built {
  outputs: string[]
  vocabulary: Set<string>
}

/** The two builds' session: one browser and one DOCX worker started for both, not one each. */
const session = new Session()
afterAll(() => session.close())

async function buildPseudo(source: string, briefs: 'all' | string[]): Promise<Built> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-pseudo-'))
  const sourceDir = path.join(folder, 'source')
  await fs.cp(source, sourceDir, { recursive: true })
  const forumFile = path.join(sourceDir, 'forum.json')
  const forum = JSON.parse(await fs.readFile(forumFile, 'utf8')) as Record<string, unknown>
  await fs.writeFile(forumFile, JSON.stringify({ ...forum, words: pseudoWords }, null, 2))
  const outDir = path.join(folder, 'out')
  const result = await build({ sourceDir, outDir, mode: 'draft', formats: ['pdf', 'docx', 'html'], report: true, briefs, reporter: silentReporter, session })
  if (result.failed.length > 0) throw new Error(result.failed.map((failure) => `${failure.output}: ${failure.error.stack}`).join('\n'))
  return { outputs: result.written.map((output) => path.join(outDir, output)), vocabulary: await contentVocabulary(source) }
}

/**
 * Whether a word of a PDF's extracted text is the content's: pdftotext joins the words on
 * either side of a line break ("sex" + "exploitation") and splits a word a line breaks
 * ("TCO" of "TCOs"), so a join of two content words, or a part of one, counts too.
 */
function isContentWord(token: string, vocabulary: ReadonlySet<string>, pdf: boolean): boolean {
  const word = token.toLowerCase()
  if (vocabulary.has(word)) return true
  if (!pdf) return false
  // Content words one after another, however many (letter-spaced capitals come out joined).
  const joined = [true, ...Array<boolean>(word.length).fill(false)]
  for (let end = 1; end <= word.length; end += 1) {
    for (let start = 0; start < end && !joined[end]; start += 1) joined[end] = joined[start]! && vocabulary.has(word.slice(start, end))
  }
  if (joined[word.length]) return true
  return [...vocabulary].some((known) => known.length > word.length && (known.startsWith(word) || known.endsWith(word)))
}

/** Each output's words that are neither marked nor the content's: words the code wrote by itself. */
async function unmarkedWords({ outputs, vocabulary }: Built): Promise<Record<string, string[]>> {
  const leaks: Record<string, string[]> = {}
  for (const file of outputs) {
    const found = new Set<string>()
    for (const text of await outputText(file)) for (const token of tokens(text)) if (!isContentWord(token, vocabulary, file.endsWith('.pdf'))) found.add(token)
    if (found.size > 0) leaks[path.basename(file)] = [...found].sort()
  }
  return leaks
}

describe('pseudo-localisation', () => {
  it('keeps every message valid: values and plural forms survive the marking', () => {
    expect(pseudoLocalise('{count, plural, one {{countText} item} other {{countText} items}}')).toBe('Ŵ{count,plural,one{{countText} īŧḗḿ} other{{countText} īŧḗḿş}}Ŵ')
  })

  describe('an invented event with an author-defined collection (pacific-workshop)', () => {
    let built: Built
    beforeAll(async () => {
      built = await buildPseudo(path.join(fixturesRoot, 'events/pacific-workshop'), 'all')
    }, 240_000)

    it('builds every output with marked words only', async () => {
      expect(built.outputs.length).toBeGreaterThanOrEqual(6)
      expect(await unmarkedWords(built)).toEqual({})
    })

    it('changes the words it says it changes (the test can fail)', async () => {
      const report = built.outputs.find((file) => file.endsWith('.pdf') && file.includes('/report/'))!
      const text = (await outputText(report)).join('\n')
      expect(text).toContain(pseudoLocalise(defaultWords['contents.title']).replace(/^Ŵ|Ŵ$/g, ''))
      expect(text).not.toMatch(/\bContents\b/)
    })
  })

  describe("today's content (the report and three kinds of brief)", () => {
    let built: Built
    beforeAll(async () => {
      // Thailand: items, partners, routes of every kind; Japan: no item of its own; Myanmar: named, not a participant.
      built = await buildPseudo(path.join(projectRoot, 'source'), ['THA', 'JPN', 'MMR'])
    }, 400_000)

    it('builds every output with marked words only', async () => {
      expect(built.outputs.length).toBe(12)
      expect(await unmarkedWords(built)).toEqual({})
    })
  })
})
