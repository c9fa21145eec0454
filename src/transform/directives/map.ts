/**
 * `::map{routes=trafficking}` places a route map. The directive leaves a placeholder figure
 * with the caption; the map itself is drawn later by `src/maps/resolve.ts`, once per format
 * (inline SVG for HTML and PDF, PNG for DOCX), so the Markdown stage stays free of geometry.
 */
import type { RootContent } from 'mdast'
import { mapCaption } from '../../layout/maps/select.ts'
import { mapRouteKinds, type MapRoutes } from '../../layout/maps/types.ts'
import { container, text } from '../mdast-builders.ts'
import type { BlockDirective } from './types.ts'

export const mapDirective: BlockDirective = {
  kind: 'block',
  description: 'A route map drawn from the data: `::map{routes=corridors|trafficking|smuggling}`, optionally `highlight=THA`.',
  attributes: {
    routes: {
      required: true,
      values: () => mapRouteKinds,
      description: 'Which routes the map shows: corridors, trafficking or smuggling.',
    },
    highlight: {
      required: false,
      values: (content) => content.countries.map((country) => country.code),
      description: 'A country code: only routes that name the country, with the country emphasised.',
    },
  },
  expand(attributes, context): RootContent[] {
    const routes = attributes.routes as MapRoutes
    const highlight = attributes.highlight
    const caption = mapCaption(context.content, { routes, ...(highlight ? { highlight } : {}) }, context.lookup)
    const figcaption: RootContent = {
      type: 'paragraph',
      children: [text(caption)],
      data: { hName: 'figcaption' },
    }
    return [container([figcaption], 'map', 'figure', { dataMap: routes, ...(highlight ? { dataHighlight: highlight } : {}) })]
  },
}
