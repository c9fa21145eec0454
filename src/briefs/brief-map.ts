/**
 * The place a brief keeps for its map. The maps stage (the `::map` directive's renderer)
 * finds every `figure.map` and draws into it; until it does, the figure is empty and shows
 * nothing, so a brief never carries a broken image.
 *
 * The element is added after sanitising because it is built here, not taken from content.
 * Its attributes are the maps' own spec (`MapSpec` in src/maps/types.ts): `data-map` is the
 * kind of routes (`corridors`, `trafficking`, `smuggling`), `data-highlight` the country,
 * so the map shows that country and only the routes that name it.
 */
import type { Element } from 'hast'
import type { BriefMap } from './sections.ts'

export function briefMapPlaceholder(map: BriefMap): Element {
  return {
    type: 'element',
    tagName: 'figure',
    properties: {
      className: ['map'],
      dataMap: map.routes,
      dataHighlight: map.highlight,
    },
    children: [],
  }
}
