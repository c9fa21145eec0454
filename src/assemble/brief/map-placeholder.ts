/**
 * The place a brief keeps for its map. The maps stage (the `::map` directive's renderer)
 * finds every `figure.map` and draws into it; until it does, the figure is empty and shows
 * nothing, so a brief never carries a broken image.
 *
 * It goes through the sanitiser like everything else (the schema allows these attributes).
 * Its attributes are the maps' own spec (`MapSpec` in src/maps/types.ts): `data-map` is the
 * kind of routes (`corridors`, `trafficking`, `smuggling`), `data-highlight` the country,
 * so the map shows that country and only the routes that name it.
 */
import type { BlockContent } from 'mdast'
import { container } from '../../transform/mdast-builders.ts'
import type { BriefMap } from './sections.ts'

export function briefMapPlaceholder(map: BriefMap): BlockContent {
  return container([], 'map', 'figure', { dataMap: map.routes, dataHighlight: map.highlight })
}
