/**
 * The document the current content gives, as the review compares it: every paragraph the
 * DOCX renderer makes from the assembled hast (runs of phrasing content, as its handlers
 * cut them), with where each character was written. Text from a Markdown file carries its
 * hast `position`; text a directive or a brief made from data has none, and is found in
 * the strings of the JSON files (inline Markdown read as the transform reads it); what is
 * left is words the pipeline adds.
 */
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfm } from 'micromark-extension-gfm'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { parseTree, type Node as JsonNode } from 'jsonc-parser'
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast'
import type { Nodes as MdastNodes } from 'mdast'
import type { VFile } from 'vfile'
import type { PublishedDocument } from '../assemble/model.ts'
import type { Content } from '../content/model.ts'
import type { JsonPath } from '../content/json-source.ts'
import { isPhrasing } from '../render/docx/handlers/index.ts'

/** Where one character of the document was written. */
export type CharacterOrigin =
  /** At `offset` of a Markdown file (its text, front matter included). */
  | { kind: 'markdown'; file: string; offset: number }
  /** At `index` of a string of a JSON file (decoded) or of a front matter's title. */
  | { kind: 'data'; file: string; index: number; field: DataString }
  /** In text that more than one place of the content writes the same. */
  | { kind: 'ambiguous'; places: string[] }

export interface SourceParagraph {
  /** Normalised text: runs of white space as one space, none at the ends. */
  text: string
  /** One per character of `text`; undefined where the pipeline added the character. */
  origins: Array<CharacterOrigin | undefined>
  section: string
}

/** A string value of a JSON file of the content, with how its characters sit in the file. */
export interface DataString {
  file: string
  /** A JSON string, or the plain (unquoted) title of a Markdown file's front matter. */
  format: 'json' | 'yaml'
  path: JsonPath
  /** Offset of the string literal (its opening quote) in a JSON file; of the title's first character in front matter. */
  literalOffset: number
  value: string
  markdown: boolean
  /** The text it shows (Markdown read), normalised, with the index in `value` of each character. */
  shown: string
  shownIndex: number[]
}

/** The paragraphs of a document from the current content, in the order the DOCX shows them. */
export function sourceParagraphs(document: PublishedDocument, content: Content, data: readonly DataString[] = dataStrings(content)): SourceParagraph[] {
  const fileNames = new Map<VFile, string>([...content.files].map(([name, file]) => [file, name]))
  const paragraphs: SourceParagraph[] = []
  for (const section of document.sections) {
    const fileName = section.file ? fileNames.get(section.file) : undefined
    const collected = collectParagraphs(section.tree, fileName ? { name: fileName, text: String(section.file?.value ?? '') } : undefined)
    for (const raw of collected) {
      const paragraph = normaliseParagraph(raw, section.title)
      if (paragraph.text === '') continue
      matchDataStrings(paragraph, data)
      paragraphs.push(paragraph)
    }
  }
  return paragraphs
}

interface RawParagraph {
  characters: string[]
  origins: Array<CharacterOrigin | undefined>
}

/** Cuts the tree into paragraphs as the DOCX handlers do: each run of phrasing children of a block is one paragraph. */
function collectParagraphs(tree: HastRoot, file: { name: string; text: string } | undefined): RawParagraph[] {
  const paragraphs: RawParagraph[] = []
  const visitChildren = (children: readonly (ElementContent | HastRoot['children'][number])[]) => {
    let current: RawParagraph | undefined
    for (const child of children) {
      if (child.type === 'text' || (child.type === 'element' && isPhrasing(child))) {
        current ??= { characters: [], origins: [] }
        addPhrasing(child as ElementContent, current, file)
      } else if (child.type === 'element') {
        if (current) paragraphs.push(current)
        current = undefined
        visitChildren(child.children)
      }
    }
    if (current) paragraphs.push(current)
  }
  visitChildren(tree.children)
  return paragraphs
}

function addPhrasing(node: ElementContent, paragraph: RawParagraph, file: { name: string; text: string } | undefined): void {
  if (node.type === 'text') {
    const origins = textOrigins(node, file)
    for (let index = 0; index < node.value.length; index++) {
      // A soft hyphen is a break opportunity the pipeline adds; Word keeps it out of the text.
      if (node.value[index] === softHyphen) continue
      paragraph.characters.push(node.value[index] as string)
      paragraph.origins.push(origins?.[index])
    }
  } else if (node.type === 'element') {
    if ((node as Element).tagName === 'br') {
      paragraph.characters.push(' ')
      paragraph.origins.push(undefined)
    }
    for (const child of (node as Element).children) addPhrasing(child, paragraph, file)
  }
}

/**
 * Where each character of a positioned text node sits in its file: the node's value
 * against the file's text at its place, stepping over backslash escapes. A node whose
 * text does not line up (entities, or a place that is not this file's) has none.
 */
function textOrigins(node: Text, file: { name: string; text: string } | undefined): CharacterOrigin[] | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (!file || start === undefined || end === undefined) return undefined
  const origins: CharacterOrigin[] = []
  let at = start
  for (const character of node.value) {
    if (character === softHyphen) {
      origins.push({ kind: 'markdown', file: file.name, offset: at })
      continue
    }
    if (file.text[at] === '\\' && file.text[at + 1] === character && character !== '\\') at++
    else if (file.text[at] === '\\' && character === '\\' && file.text[at + 1] === '\\') at++
    // A soft line break and the indentation after it show as one space.
    if (!writtenAs(character, file.text[at]) && !(/\s/.test(character) && /\s/.test(file.text[at] ?? ''))) return undefined
    for (let code = 0; code < character.length; code++) origins.push({ kind: 'markdown', file: file.name, offset: at + code })
    at += character.length
    if (at > end) return undefined
  }
  return origins
}

function normaliseParagraph(raw: RawParagraph, section: string): SourceParagraph {
  let text = ''
  const origins: Array<CharacterOrigin | undefined> = []
  for (let index = 0; index < raw.characters.length; index++) {
    const character = raw.characters[index] as string
    if (/\s/.test(character)) {
      if (text === '' || text.endsWith(' ')) continue
      text += ' '
    } else text += character
    origins.push(raw.origins[index])
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1)
    origins.pop()
  }
  return { text, origins, section }
}

/** Every string of every JSON file of the content, with the text it shows. */
export function dataStrings(content: Content): DataString[] {
  const markdownFields = new Set(content.markdownFields.map((field) => `${field.fileName}\0${JSON.stringify(field.path)}`))
  const strings: DataString[] = []
  for (const [name, file] of content.files) {
    if (!name.endsWith('.json')) continue
    const root = parseTree(String(file.value))
    if (!root) continue
    const walk = (node: JsonNode, path: JsonPath) => {
      if (node.type === 'string' && typeof node.value === 'string') {
        const markdown = markdownFields.has(`${name}\0${JSON.stringify(path)}`)
        const { shown, shownIndex } = markdown ? shownMarkdown(node.value) : shownPlain(node.value)
        if (shown.length >= 2) strings.push({ file: name, format: 'json', path, literalOffset: node.offset, value: node.value, markdown, shown, shownIndex })
        return
      }
      if (node.type === 'object') {
        for (const property of node.children ?? []) {
          const [key, value] = property.children ?? []
          if (key && value) walk(value, [...path, String(key.value)])
        }
      } else if (node.type === 'array') (node.children ?? []).forEach((child, index) => walk(child, [...path, index]))
    }
    walk(root, [])
  }
  for (const [name, file] of content.files) {
    if (!name.endsWith('.md')) continue
    const title = frontMatterTitle(String(file.value))
    if (!title) continue
    const { shown, shownIndex } = shownPlain(title.value)
    strings.push({ file: name, format: 'yaml', path: ['title'], literalOffset: title.offset, value: title.value, markdown: false, shown, shownIndex })
  }
  return strings
}

/** A front matter's `title:` when it is plain YAML on one line (no quotes, no escapes): writable at its place. */
function frontMatterTitle(text: string): { value: string; offset: number } | undefined {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)
  if (!block) return undefined
  const line = /^title:[ \t]*([^'"\s][^\r\n]*?)[ \t]*$/m.exec(block[1] as string)
  if (!line || line[1]?.includes(' #')) return undefined
  const start = (block.index + 4 + line.index + line[0].indexOf(line[1] as string))
  return { value: line[1] as string, offset: start }
}

function shownPlain(value: string): { shown: string; shownIndex: number[] } {
  return collapse([...value].flatMap((character, index) => [...character].map((unit, offset) => ({ character: unit, index: index + offset }))))
}

/** The text inline Markdown shows, with the index in the Markdown of each character (as `mdast-builders.inline` reads it). */
function shownMarkdown(value: string): { shown: string; shownIndex: number[] } {
  const tree = fromMarkdown(value, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const characters: Array<{ character: string; index: number | undefined }> = []
  const visit = (node: MdastNodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') {
      const start = node.position?.start.offset ?? 0
      const origins = alignText(node.value, value, start)
      for (let index = 0; index < node.value.length; index++) characters.push({ character: node.value[index] as string, index: origins?.[index] })
    } else if (node.type === 'break') characters.push({ character: ' ', index: undefined })
    else if ('children' in node) for (const child of node.children) visit(child as MdastNodes)
  }
  visit(tree)
  return collapse(characters)
}

function alignText(value: string, source: string, start: number): number[] | undefined {
  const indices: number[] = []
  let at = start
  for (const character of value) {
    if (source[at] === '\\' && source[at + 1] === character) at++
    if (source[at] !== character && !(/\s/.test(character) && /\s/.test(source[at] ?? ''))) return undefined
    for (let code = 0; code < character.length; code++) indices.push(at + code)
    at += character.length
  }
  return indices
}

/** Collapses white space as the paragraphs are; a character without an index gets -1 (not writable). */
function collapse(characters: Array<{ character: string; index: number | undefined }>): { shown: string; shownIndex: number[] } {
  let shown = ''
  const shownIndex: number[] = []
  for (const { character, index } of characters) {
    if (/\s/.test(character)) {
      if (shown === '' || shown.endsWith(' ')) continue
      shown += ' '
    } else shown += character
    shownIndex.push(index ?? -1)
  }
  if (shown.endsWith(' ')) {
    shown = shown.slice(0, -1)
    shownIndex.pop()
  }
  return { shown, shownIndex }
}

const wordCharacter = /[\p{L}\p{N}]/u

const softHyphen = '\u00ad'

/**
 * The typographic pass (`rehype-typography.ts`) sets quotes, apostrophes and the dashes of
 * ranges where the source has straight ones: one character for one, so text is compared as
 * the source writes it, and a typographic character stands for its straight original.
 */
export function asWritten(text: string): string {
  return text.replace(/[‘’‚‛‹›]/g, "'").replace(/[“”„«»]/g, '"').replace(/–/g, '-')
}

function writtenAs(character: string, written: string | undefined): boolean {
  return written !== undefined && (character === written || asWritten(character) === written)
}

/**
 * Gives the characters no Markdown file wrote the JSON string that shows them, longest
 * strings first, whole words only. Text that several strings show alike is ambiguous.
 */
function matchDataStrings(paragraph: SourceParagraph, data: readonly DataString[]): void {
  if (paragraph.origins.every(Boolean)) return
  const text = asWritten(paragraph.text)
  const candidates = data.filter((entry) => entry.shown.length <= text.length && text.includes(asWritten(entry.shown)))
  candidates.sort((a, b) => b.shown.length - a.shown.length)
  const byText = new Map<string, DataString[]>()
  for (const entry of candidates) byText.set(entry.shown, [...(byText.get(entry.shown) ?? []), entry])
  for (const [shown, entries] of byText) {
    let from = 0
    for (;;) {
      const at = text.indexOf(asWritten(shown), from)
      if (at < 0) break
      from = at + 1
      const before = paragraph.text[at - 1]
      const after = paragraph.text[at + shown.length]
      const wholeWords = !(before && wordCharacter.test(before) && wordCharacter.test(shown[0] as string)) && !(after && wordCharacter.test(after) && wordCharacter.test(shown.at(-1) as string))
      if (!wholeWords) continue
      if (paragraph.origins.slice(at, at + shown.length).some(Boolean)) continue
      const places = [...new Set(entries.map((entry) => `${entry.file}:${entry.path.join('.')}`))]
      for (let index = 0; index < shown.length; index++) {
        const entry = entries[0] as DataString
        paragraph.origins[at + index] =
          places.length > 1
            ? { kind: 'ambiguous', places }
            : { kind: 'data', file: entry.file, index: entry.shownIndex[index] as number, field: entry }
      }
    }
  }
}
