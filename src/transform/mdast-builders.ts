/**
 * Small builders for the Markdown trees that directives produce from structured data, so
 * data becomes ordinary headings, paragraphs, lists and tables that every output format
 * (HTML, PDF, DOCX) already knows how to show.
 */
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfm } from 'micromark-extension-gfm'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import type { MapSpec } from '../content/model.ts'
import type { DocumentClassName } from './document-classes.ts'
import type {
  BlockContent,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  RootContent,
  Table,
  TableCell,
} from 'mdast'

type Classes = DocumentClassName | DocumentClassName[]

const hProperties = (className?: Classes, extra: Record<string, string> = {}) => ({
  ...(className ? { className: Array.isArray(className) ? className : [className] } : {}),
  ...extra,
})

/**
 * Parses inline Markdown from the data (emphasis, strong, links) into phrasing nodes, with
 * GitHub Flavored Markdown as in the Markdown files. Its links and images were checked
 * where the content loaded (`checkDataMarkdown`), with messages at their JSON place.
 */
export function inline(markdown: string): PhrasingContent[] {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const children: PhrasingContent[] = []
  for (const node of tree.children) {
    if (node.type === 'paragraph') children.push(...node.children)
    else if (node.type === 'html') children.push({ type: 'text', value: node.value })
  }
  return children.map(stripPosition)
}

/** Positions of nodes parsed from a data string point into that string, not the Markdown file. */
function stripPosition<Node extends PhrasingContent>(node: Node): Node {
  const copy = { ...node }
  delete copy.position
  if ('children' in copy && Array.isArray(copy.children)) {
    ;(copy as { children: PhrasingContent[] }).children = copy.children.map(stripPosition)
  }
  return copy
}

export const text = (value: string): PhrasingContent => ({ type: 'text', value })
export const strong = (...children: PhrasingContent[]): PhrasingContent => ({ type: 'strong', children })

export function heading(depth: 1 | 2 | 3 | 4, children: PhrasingContent[], id: string, className?: Classes): Heading {
  return { type: 'heading', depth, children, data: { hProperties: hProperties(className, { id }) } }
}

export function paragraph(children: PhrasingContent[], className?: Classes): Paragraph {
  return { type: 'paragraph', children, data: className ? { hProperties: hProperties(className) } : undefined }
}

export function list(items: BlockContent[][], options: { ordered?: boolean; className?: Classes } = {}): List {
  return {
    type: 'list',
    ordered: options.ordered ?? false,
    spread: false,
    children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children })),
    data: options.className ? { hProperties: hProperties(options.className) } : undefined,
  }
}

/** A block container (`<div>` by default) that holds other blocks. */
export function container(children: RootContent[], className: Classes, tagName = 'div', attributes: Record<string, string> = {}): BlockContent {
  return {
    type: 'blockquote',
    children: children as BlockContent[],
    data: { hName: tagName, hProperties: hProperties(className, attributes) },
  }
}

/**
 * The place of a route map: an empty figure that says which map goes there. The lay-out
 * stage draws the map into it (`src/layout/place-maps.ts`). It passes the sanitiser like
 * everything else (the class registry allows these attributes).
 */
export function mapPlaceholder(spec: MapSpec): BlockContent {
  return container([], 'map', 'figure', { dataMap: spec.routes, ...(spec.highlight ? { dataHighlight: spec.highlight } : {}) })
}

/** An inline container (`<span>` by default). */
export function span(children: PhrasingContent[], className: Classes, tagName = 'span'): PhrasingContent {
  return { type: 'emphasis', children, data: { hName: tagName, hProperties: hProperties(className) } }
}

export function image(url: string, alt: string, className?: Classes): PhrasingContent {
  return { type: 'image', url, alt, data: className ? { hProperties: hProperties(className) } : undefined }
}

export function table(header: string[], rows: PhrasingContent[][][], className?: Classes): Table {
  const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children })
  return {
    type: 'table',
    align: header.map(() => null),
    children: [
      { type: 'tableRow', children: header.map((label) => cell([text(label)])) },
      ...rows.map((row) => ({ type: 'tableRow' as const, children: row.map(cell) })),
    ],
    data: className ? { hProperties: hProperties(className) } : undefined,
  }
}

