/** Directives for the corridors, trafficking flows and smuggling routes. */
import type { BlockContent, RootContent } from 'mdast'
import { stopsByRole } from '../../content/lookup.ts'
import type { Route } from '../../content/schema.ts'
import { container, heading, inline, paragraph, strong, text } from '../mdast-builders.ts'
import { missingMark } from './missing.ts'
import type { BlockDirective, DirectiveContext } from './types.ts'

/** "Origins: A, B · Transit: C · Destinations: D": the route's places, which the printed maps showed. */
export function routeFacts(route: Route, context: Pick<DirectiveContext, 'lookup' | 'words'>): BlockContent {
  const { words } = context
  const groups = stopsByRole(route, context.lookup, words)
  const separator = words.say('list.separator')
  const children = groups.flatMap((group, index) => [
    ...(index > 0 ? [text(words.say('list.group-separator'))] : []),
    strong(text(words.say('label', { label: group.label }))),
    text(` ${group.names.join(separator)}`),
  ])
  if (route.tactics?.length) {
    children.push(text(words.say('list.group-separator')), strong(text(words.say('label', { label: words.say('route.tactics') }))), text(` ${route.tactics.join(separator)}`))
  }
  return paragraph(children, 'route-facts')
}

function routeBlock(route: Route, context: DirectiveContext, depth: 2 | 3, showName: boolean): RootContent[] {
  return [
    container(
      [
        ...(showName ? [heading(depth, [text(route.name)], route.id, 'route-name')] : []),
        paragraph(inline(route.description)),
        routeFacts(route, context),
      ],
      'route',
      'div',
      { dataRoute: route.id },
    ),
  ]
}

export const corridorsDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'corridors.json',
  description: 'Every corridor of corridors.json with its description and places.',
  attributes: {},
  expand(_attributes, context) {
    return context.content.corridors.flatMap((corridor) => routeBlock(corridor, context, 2, true))
  },
}

export const traffickingRoutesDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'trafficking-routes.json',
  description: 'The trafficking route groups of trafficking-routes.json; `group` shows one.',
  attributes: {
    group: {
      required: false,
      values: (content) => content.trafficking.map((group) => group.id),
      description: 'The id of one group.',
    },
  },
  expand(attributes, context) {
    const groups = context.content.trafficking.filter((group) => !attributes.group || group.id === attributes.group)
    return groups.flatMap((group) => {
      const groupIndex = context.content.trafficking.indexOf(group)
      return [
        heading(2, [text(group.name)], group.id),
        ...group.description.map((markdown) => paragraph(inline(markdown))),
        ...group.flows.flatMap((flow) => routeBlock(flow, context, 3, false)),
        ...group.figures.map((figure, figureIndex) => {
          const written = context.content.origin('trafficking-routes.json', ['groups', groupIndex, 'figures', figureIndex, 'value'])
          const value =
            typeof figure.value === 'object'
              ? missingMark(context.words.say('missing.figure', { noun: figure.text.split(' ')[0] ?? '' }), figure.value.missing, context, written.file, written.place)
              : [text(String(figure.value))]
          return container([paragraph([strong(...value), text(` ${figure.text}`)])], 'figure-callout', 'aside', { dataFigure: figure.id })
        }),
      ]
    })
  },
}

export const smugglingRoutesDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'smuggling-routes.json',
  description: 'Every smuggling route of smuggling-routes.json with its description and places.',
  attributes: {},
  expand(_attributes, context) {
    return context.content.smuggling.flatMap((route) => routeBlock(route, context, 2, true))
  },
}
