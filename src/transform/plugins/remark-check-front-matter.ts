/**
 * Reads a file's YAML front matter as plain data (YAML 1.2 core schema: no tags that build
 * objects, no custom types), checks it against a schema, and stores it on `file.data`.
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

declare module 'vfile' {
  interface DataMap {
    frontMatter: unknown
  }
}

export interface FrontMatterOptions {
  schema: z.ZodType
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
    const result = options.schema.safeParse(data.value ?? {})
    if (result.success) file.data.frontMatter = result.data
    else reportSchemaIssues(file, result.error.issues, data.locate ?? (() => node?.position ?? startOfFile), 'Front matter: ')
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
