/**
 * An author-defined collection (`src/content/author-collections.ts`) as Markdown nodes.
 * What its template wrote (for the report, and for each country's brief) is content like a
 * section: parsed here (CommonMark and GFM), held to the limits of a Markdown file, and
 * checked as a section is (links, images, raw HTML), once, before any document is
 * assembled. Every problem is reported on the collection's files: at the template's
 * `.hbs`, where it writes the faulty text, and at the entry of the `.json` whose value
 * carries it; never at a section or a brief, whose places would mean nothing to the
 * author. A template cannot place directives: its output is what it shows.
 */
import type { Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { directiveFromMarkdown } from 'mdast-util-directive'
import { gfm } from 'micromark-extension-gfm'
import { directive } from 'micromark-extension-directive'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import { location } from 'vfile-location'
import type { AuthorCollection } from '../content/author-collections.ts'
import type { Content } from '../content/model.ts'
import { checkMarkdownLimits, checkMarkdownTree } from '../content/limits.ts'
import { report } from '../errors/catalogue.ts'
import { remarkSafeReferences } from './plugins/remark-safe-references.ts'

/** The report's key in `AuthorCollection.checked`; a brief's is its country's code. */
const reportKey = ''

/**
 * The nodes of `collection` for the report (no `country`) or for a country's brief (none
 * when its data names no entry of that country). Fresh copies: the pipeline changes them.
 */
export function collectionNodes(collection: AuthorCollection, country?: string): RootContent[] {
  const key = country ?? reportKey
  let nodes = collection.checked.get(key)
  if (!nodes) {
    // Not checked ahead (a caller that assembles one document on its own): parse it now; links and images are checked by the section's pipeline.
    const markdown = markdownOf(collection, key)
    const parsed = markdown === undefined ? undefined : parseOutput(markdown)
    if (parsed) moveMessages(parsed.scratch, collection)
    nodes = parsed && !hasFatal(parsed.scratch) ? parsed.tree.children : []
    collection.checked.set(key, nodes)
  }
  return structuredClone(nodes)
}

/**
 * Checks what every collection's template wrote, for the report and every brief, and keeps
 * the checked trees for `collectionNodes`: the report's with its images inlined (its
 * directives are expanded after the section's own references are checked), the briefs'
 * as written (a brief's pipeline checks and inlines them again, as for all its sections).
 */
export async function checkCollectionOutputs(content: Content): Promise<void> {
  const processor = unified().use(remarkSafeReferences, { sourceDir: content.sourceDir })
  for (const collection of content.collections.values()) {
    for (const key of [reportKey, ...collection.briefMarkdown.keys()]) {
      const markdown = markdownOf(collection, key)
      if (markdown === undefined) continue
      const { tree, scratch } = parseOutput(markdown)
      if (tree.children.length > 0) await processor.run(key === reportKey ? tree : structuredClone(tree), scratch)
      const fatal = hasFatal(scratch)
      moveMessages(scratch, collection)
      collection.checked.set(key, fatal ? [] : tree.children)
    }
  }
}

const hasFatal = (file: VFile) => file.messages.some((message) => message.fatal)

function markdownOf(collection: AuthorCollection, key: string): string | undefined {
  return key === reportKey ? collection.reportMarkdown : collection.briefMarkdown.get(key)
}

/** Parses a template's output within the limits of a Markdown file; problems go on `scratch`, then to the collection's files. */
function parseOutput(markdown: string): { tree: Root; scratch: VFile } {
  const scratch = new VFile({ value: markdown })
  const empty: Root = { type: 'root', children: [] }
  if (!checkMarkdownLimits(scratch)) return { tree: empty, scratch }
  const tree = fromMarkdown(markdown, { extensions: [gfm(), directive()], mdastExtensions: [gfmFromMarkdown(), directiveFromMarkdown()] })
  if (!checkMarkdownTree(tree, scratch)) return { tree: empty, scratch }
  visit(tree, (node, index, parent) => {
    if (node.type !== 'leafDirective' && node.type !== 'containerDirective' && node.type !== 'textDirective') return
    const written = `${node.type === 'textDirective' ? ':' : node.type === 'leafDirective' ? '::' : ':::'}${node.name}`
    // `Note:well` in running text parses as a text directive, but is not meant as one: one is after a space, or has a [label] or {attributes}.
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? start
    const meant = start === 0 || /\s/.test(markdown[start - 1] ?? '') || /[\]}]$/.test(markdown.slice(start, end))
    if (node.type === 'textDirective' && !meant) {
      if (parent && index !== undefined) parent.children.splice(index, 1, { type: 'text', value: markdown.slice(node.position?.start.offset, node.position?.end.offset) })
      return
    }
    report(scratch, 'template', `The template writes the directive "${written}": a template writes Markdown, and cannot place directives`, {
      place: node.position,
      hint: 'Place the directive in a section of report/ instead, before or after ::collection.',
    })
    if (parent && index !== undefined) parent.children.splice(index, 1)
    return index
  })
  // Places in the template's output mean nothing in the section that shows it.
  visit(tree, (node) => {
    delete node.position
  })
  return { tree, scratch }
}

/**
 * Moves the messages about a template's output to the collection's files: the `.hbs`,
 * at the text the template writes itself when it is there, and the `.json` entry whose
 * value carries the quoted text (a link's address, an image's path) when one does. Each
 * problem is reported once, though it shows in several renders.
 */
function moveMessages(scratch: VFile, collection: AuthorCollection): void {
  const template = String(collection.templateFile.value)
  const templatePlace = location(collection.templateFile)
  const output = String(scratch.value)
  for (const message of scratch.messages) {
    const quoted = /"([^"]{2,})"/.exec(message.reason)?.[1]
    const written = message.place && 'start' in message.place && message.place.start.offset !== undefined && message.place.end.offset !== undefined
      ? output.slice(message.place.start.offset, message.place.end.offset)
      : undefined
    const inTemplate = [quoted, written].map((needle) => (needle ? template.indexOf(needle) : -1)).find((offset) => offset >= 0)
    const place: Point = (inTemplate !== undefined ? templatePlace.toPoint(inTemplate) : undefined) ?? { line: 1, column: 1 }
    const reason = message.reason
    addOnce(collection.templateFile, message.fatal ? 'error' : 'warning', message.ruleId, reason, place, message.note)
    if (!quoted) continue
    for (const jsonPath of pathsOfValuesContaining(collection.data, quoted)) {
      addOnce(collection.file, message.fatal ? 'error' : 'warning', message.ruleId, `${message.reason}, written by the template ${collection.name}.hbs`, collection.locate(jsonPath)?.start ?? { line: 1, column: 1 }, message.note)
    }
  }
  scratch.messages.length = 0
}

function addOnce(file: VFile, severity: 'error' | 'warning', ruleId: string | undefined, reason: string, place: Point, note: string | undefined): void {
  const seen = file.messages.some((message) => message.reason === reason && message.line === place.line && message.column === place.column)
  if (seen) return
  const rule = (ruleId ?? 'template') as Parameters<typeof report>[1]
  report(file, rule, reason, { place, severity, hint: note })
}

/** Where the data holds a string that contains `needle`, walked without recursion. */
function pathsOfValuesContaining(data: unknown, needle: string): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = []
  const stack: Array<{ node: unknown; path: Array<string | number> }> = [{ node: data, path: [] }]
  while (stack.length > 0) {
    const { node, path } = stack.pop()!
    if (typeof node === 'string') {
      if (node.includes(needle)) found.push(path)
    } else if (Array.isArray(node)) {
      node.forEach((child, index) => stack.push({ node: child, path: [...path, index] }))
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) stack.push({ node: child, path: [...path, key] })
    }
  }
  return found.reverse()
}
