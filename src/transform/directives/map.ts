/**
 * `::map{routes=trafficking}` places a route map. The directive leaves an empty figure
 * that says which map goes there; the lay-out stage (`src/layout/place-maps.ts`) draws it
 * and writes its caption, once per format (inline SVG for HTML and PDF, PNG for DOCX), so
 * the Markdown stage stays free of geometry.
 */
import type { RootContent } from 'mdast'
import { routeKinds, type DataFileName, type RouteKind } from '../../content/model.ts'
import { mapPlaceholder } from '../mdast-builders.ts'
import type { BlockDirective } from './types.ts'

/** The file each kind of route comes from. */
const routeFiles: Record<RouteKind, DataFileName> = {
  corridors: 'corridors.json',
  trafficking: 'trafficking-routes.json',
  smuggling: 'smuggling-routes.json',
}

export const mapDirective: BlockDirective = {
  kind: 'block',
  collection: (attributes) => (Object.hasOwn(routeFiles, attributes.routes ?? '') ? routeFiles[attributes.routes as RouteKind] : undefined),
  description: 'A route map drawn from the data: `::map{routes=corridors|trafficking|smuggling}`, optionally `highlight=THA`.',
  attributes: {
    routes: {
      required: true,
      values: () => routeKinds,
      description: 'Which routes the map shows: corridors, trafficking or smuggling.',
    },
    highlight: {
      required: false,
      values: (content) => content.countries.map((country) => country.code),
      description: 'A country code: only routes that name the country, with the country emphasised.',
    },
  },
  expand(attributes): RootContent[] {
    const highlight = attributes.highlight
    return [mapPlaceholder({ routes: attributes.routes as RouteKind, ...(highlight ? { highlight } : {}) })]
  },
}
