/**
 * Reads a file's YAML front matter as plain data (YAML 1.2 core schema: no tags that build
 * objects, no custom types), checks it against the schema of its kind of file, and stores
 * the typed result on `file.data`, where later stages read it without checking it again.
 * Errors point at the key or value in the file.
 */
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Node as YamlNode } from 'yaml'
import type { Root, Yaml } from 'mdast'
import type { VFile } from 'vfile'
import type { Position } from 'unist'
import type { z } from 'zod'
import { report } from '../../errors/catalogue.ts'
import { reportSchemaIssues } from '../../content/zod-issues.ts'
import type { JsonPath } from '../../content/json-source.ts'
import { briefNotesFrontMatterSchema, sectionFrontMatterSchema, type BriefNotesFrontMatter, type SectionFrontMatter } from '../../content/schema.ts'

declare module 'vfile' {
  interface DataMap {
    /** A report section's front matter, checked; absent when it is not valid (reported). */
    sectionFrontMatter: SectionFrontMatter
    /** A brief's notes' front matter, checked, its defaults filled in; absent when it is not valid (reported). */
    briefNotesFrontMatter: BriefNotesFrontMatter
  }
}

/** Which kind of file the front matter heads: a report section, or a brief's notes. */
export type FrontMatterKind = 'section' | 'brief-notes'

export interface FrontMatterOptions {
  kind: FrontMatterKind
}

/** Checks `value` as the front matter of `kind`, and stores it on the file when it is valid; returns the issues otherwise. */
function checkAndStore(kind: FrontMatterKind, value: unknown, file: VFile): z.core.$ZodIssue[] | undefined {
  if (kind === 'section') {
    const result = sectionFrontMatterSchema.safeParse(value)
    if (result.success) file.data.sectionFrontMatter = result.data
    return result.error?.issues
  }
  const result = briefNotesFrontMatterSchema.safeParse(value)
  if (result.success) file.data.briefNotesFrontMatter = result.data
  return result.error?.issues
}

export function remarkCheckFrontMatter(options: FrontMatterOptions) {
  return (tree: Root, file: VFile) => {
    const opening = /^---([^\r\n]+)/.exec(String(file.value))
    if (opening && opening[1]?.trim()) {
      // `---js`, `---json` and the like ask other tools to evaluate or read the front matter
      // as something else; here it is only ever YAML, read as data.
      report(file, 'front-matter-syntax', `Front matter must open with a line of exactly \`---\`, not \`---${opening[1].trim()}\`: only YAML front matter is read`, {
        place: { start: { line: 1, column: 1 }, end: { line: 1, column: 4 + opening[1].length } },
      })
      return
    }
    const index = tree.children.findIndex((node) => node.type === 'yaml')
    const node = index >= 0 ? (tree.children[index] as Yaml) : undefined
    if (index >= 0) tree.children.splice(index, 1)
    const data: ParsedFrontMatter | undefined = node ? parseFrontMatter(node, file) : { value: {} }
    if (data === undefined) return
    const issues = checkAndStore(options.kind, data.value ?? {}, file)
    if (issues) reportSchemaIssues(file, issues, data.locate ?? (() => node?.position ?? startOfFile), 'Front matter: ')
  }
}

/** Where a file without front matter is told that it needs some. */
const startOfFile: Position = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }

interface ParsedFrontMatter {
  value: unknown
  locate?: (path: JsonPath) => Position | undefined
}

function parseFrontMatter(node: Yaml, file: VFile): ParsedFrontMatter | undefined {
  const lineCounter = new LineCounter()
  // `resolveKnownTags: false` keeps out the YAML 1.1 types (!!binary, !!set, !!timestamp ...)
  // that the core schema would otherwise still build; every other tag is unresolved.
  const document = parseDocument(node.value, { schema: 'core', customTags: [], resolveKnownTags: false, lineCounter, uniqueKeys: true })
  // The YAML starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const toPoint = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: firstLine + line - 1, column: col }
  }
  const toPosition = (range: [number, number, number] | null | undefined): Position | undefined =>
    range ? { start: toPoint(range[0]), end: toPoint(range[1]) } : node.position
  const problems = [...document.errors, ...document.warnings]
  for (const problem of problems) {
    report(file, 'front-matter-syntax', `Invalid YAML front matter: ${problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`, {
      place: toPosition([problem.pos[0], problem.pos[1], problem.pos[1]]),
    })
  }
  if (problems.length > 0) return undefined
  const contents = document.contents
  if (contents && !isMap(contents)) {
    report(file, 'front-matter-syntax', 'Front matter must be a set of `key: value` lines', { place: node.position })
    return undefined
  }
  return {
    value: document.toJS({ mapAsMap: false }) ?? {},
    locate(path) {
      let current: YamlNode | null | undefined = contents
      for (const key of path) {
        if (!isMap(current)) break
        const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key)
        if (!pair) break
        current = pair.value as YamlNode | null
      }
      return toPosition(current?.range)
    },
  }
}
