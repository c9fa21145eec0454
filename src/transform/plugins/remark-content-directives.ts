/**
 * Replaces each directive with the content it stands for (see `../directives/`), so that
 * structured data becomes ordinary Markdown nodes before any format sees it. Unknown
 * directives, unknown attributes and wrong values are errors at their place.
 */
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import { visit, SKIP } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { reportFrom } from '../../errors/catalogue.ts'
import { suggest } from '../../content/references.ts'
import { directives, type DirectiveContext } from '../directives/index.ts'
import type { AttributeSpec, CollectionOf } from '../directives/types.ts'

export type DirectiveOptions = Omit<DirectiveContext, 'file' | 'place'>

type AnyDirective = ContainerDirective | LeafDirective | TextDirective

export function remarkContentDirectives(options: DirectiveOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (!isDirective(node) || !parent || index === undefined) return
      const replacement = expand(node, file, options)
      ;(parent as Parent).children.splice(index, 1, ...(replacement as RootContent[]))
      return [SKIP, index + replacement.length]
    })
  }
}

function isDirective(node: { type: string }): node is AnyDirective {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective'
}

function expand(node: AnyDirective, file: VFile, options: DirectiveOptions): Array<RootContent | PhrasingContent> {
  const directive = Object.hasOwn(directives, node.name) ? directives[node.name] : undefined
  const place = node.position
  const written = node.type === 'textDirective' ? `:${node.name}` : node.type === 'leafDirective' ? `::${node.name}` : `:::${node.name}`
  if (!directive) {
    reportFrom(file, 'unknown-directive', 'unknown', { written, suggestion: suggest(node.name, Object.keys(directives)) }, { place })
    return []
  }
  const inline = node.type === 'textDirective'
  if (inline !== (directive.kind === 'inline')) {
    reportFrom(file, 'unknown-directive', 'wrongForm', { written, name: node.name, inline: directive.kind === 'inline' }, { place })
    return []
  }
  if (!inline && holdsText(node, written, file)) return []
  if (!collectionPresent(node, directive.collection, file, options)) return []
  const attributes = checkAttributes(node, directive.attributes, file, options)
  if (!attributes) return []
  const context: DirectiveContext = { ...options, file, place }
  if (directive.kind === 'inline') {
    return directive.expand(attributes, (node as TextDirective).children, context)
  }
  return directive.expand(attributes, context)
}

/**
 * Reports text written inside a block directive (`:::glossary` with lines before its
 * closing `:::`, or a label `::glossary[...]`), which the directive would replace by its
 * data: the author's words would vanish from every output without a word. An empty
 * container (`:::glossary` and `:::` with nothing between) writes nothing, and stands.
 */
function holdsText(node: ContainerDirective | LeafDirective, written: string, file: VFile): boolean {
  const first = node.children[0]
  if (!first) return false
  // A leaf's children are its label; a container's label is its first paragraph, marked so.
  const label = node.type === 'leafDirective' || (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true
  const text = textOf(node.type === 'leafDirective' ? node.children : [first]).trim().split('\n')[0]!
  const quoted = text.length > 40 ? `${text.slice(0, 40)}…` : text
  reportFrom(file, 'directive-text', 'inside', { written, name: node.name, text: quoted, label }, { place: first.position })
  return true
}

/** Nodes whose children are set apart (a table's cells, a list's items), where words run on in a paragraph. */
const apart = new Set(['table', 'tableRow', 'list', 'listItem', 'blockquote'])

/** The words of Markdown nodes, for quoting them in a message. */
function textOf(nodes: ReadonlyArray<{ type: string }>, separator = ''): string {
  return nodes
    .map((node) => ('value' in node && typeof node.value === 'string' ? node.value : 'children' in node && Array.isArray(node.children) ? textOf(node.children, apart.has(node.type) ? ' ' : '') : ''))
    .join(separator)
}

/** Whether the event has the JSON file the directive shows; reports it at the directive's place when not. */
function collectionPresent(node: AnyDirective, collectionOf: CollectionOf | undefined, file: VFile, options: DirectiveOptions): boolean {
  const fileName = collectionOf?.(node.attributes ?? {})
  // A file with errors of its own is reported there; what the directive would show is unknown.
  if (fileName && options.content.unreadable?.has(fileName)) return false
  if (!fileName || options.content.present.has(fileName)) return true
  reportFrom(file, 'absent-collection', 'absent', { directive: node.name, fileName }, { place: node.position })
  return false
}

function checkAttributes(
  node: AnyDirective,
  specs: Record<string, AttributeSpec>,
  file: VFile,
  options: DirectiveOptions,
): Record<string, string> | undefined {
  const given = node.attributes ?? {}
  let ok = true
  for (const [name, value] of Object.entries(given)) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined
    if (!spec) {
      reportFrom(file, 'directive-attribute', 'unknown', { directive: node.name, attribute: name, known: Object.keys(specs) }, { place: node.position })
      ok = false
      continue
    }
    const allowed = spec.values?.(options.content)
    if (allowed && !allowed.includes(value ?? '')) {
      const written = value ?? ''
      reportFrom(file, 'directive-attribute', 'value', { directive: node.name, attribute: name, value: written, suggestion: suggest(written, allowed), allowed }, { place: node.position })
      ok = false
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && !(name in given)) {
      reportFrom(file, 'directive-attribute', 'required', { directive: node.name, attribute: name, description: spec.description }, { place: node.position })
      ok = false
    }
  }
  return ok ? (Object.fromEntries(Object.entries(given)) as Record<string, string>) : undefined
}
