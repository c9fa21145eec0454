/**
 * Point symbols: each role a place plays has its own shape, so roles read in greyscale and
 * apart from the route colours (which tell route kinds apart).
 */
import type { Role } from '../../content/schema.ts'
import type { PlaceOnMap } from './geography.ts'
import type { Words } from '../../content/words.ts'
import { element, number } from './svg.ts'

export type SymbolKind = 'hub' | 'transit' | 'departure' | 'staging' | 'exploitation' | 'forgery' | 'place' | 'region'

/** What the legend calls a symbol, in the event's words (`map.symbol.*`). */
export function symbolLabel(words: Words, kind: SymbolKind): string {
  return words.say(`map.symbol.${kind}`)
}

/** The order symbols are drawn in at one place: larger outlines first, so smaller ones stay visible on top. */
export const symbolOrder: SymbolKind[] = ['forgery', 'exploitation', 'staging', 'departure', 'transit', 'hub', 'region', 'place']

const radii: Record<SymbolKind, number> = {
  hub: 5.5, transit: 5, departure: 7, staging: 7, exploitation: 6, forgery: 9, place: 3.5, region: 4.5,
}

export const symbolRadius = (kind: SymbolKind): number => radii[kind]

/** The symbol a stop gets, if any: origins and destinations that are countries with a visible shape need none. */
export function symbolFor(role: Role, place: PlaceOnMap, tinyCountry: boolean): SymbolKind | undefined {
  switch (role) {
    case 'hub': return 'hub'
    case 'transit': return 'transit'
    case 'departure-point': return 'departure'
    case 'staging-point': return 'staging'
    case 'exploitation-site': return 'exploitation'
    case 'forgery-centre': return 'forgery'
    default:
      if (place.kind === 'city' || (place.kind === 'country' && tinyCountry)) return 'place'
      if (place.kind === 'region') return 'region'
      return undefined
  }
}

/** `ink` colours a route's own symbols (a route drawn as points only); role symbols are otherwise in the text colour. */
export function drawSymbol(kind: SymbolKind, x: number, y: number, colors: Record<string, string>, ink = colors.text ?? '#000000'): string {
  const paper = colors.white ?? '#FFFFFF'
  const r = radii[kind]
  const polygon = (points: Array<[number, number]>, filled: boolean) =>
    element('path', {
      d: `M${points.map(([px, py]) => `${number(x + px)} ${number(y + py)}`).join('L')}Z`,
      fill: filled ? ink : paper,
      stroke: filled ? paper : ink,
      'stroke-width': filled ? 1.2 : 2,
      'stroke-linejoin': 'round',
    })
  switch (kind) {
    case 'hub':
      return element('circle', { cx: x, cy: y, r: r, fill: ink, stroke: paper, 'stroke-width': 1.5 })
    case 'transit':
      return element('circle', { cx: x, cy: y, r: r - 1, fill: paper, stroke: ink, 'stroke-width': 2 })
    case 'departure':
    case 'staging':
      return polygon([[0, -r], [r * 0.87, r * 0.5], [-r * 0.87, r * 0.5]], kind === 'departure')
    case 'exploitation':
      return polygon([[-r, -r], [r, -r], [r, r], [-r, r]].map(([px, py]) => [px! * 0.8, py! * 0.8]), true)
    case 'forgery':
      return element('path', {
        d: `M${number(x)} ${number(y - r)}L${number(x + r)} ${number(y)}L${number(x)} ${number(y + r)}L${number(x - r)} ${number(y)}Z`,
        fill: 'none',
        stroke: ink,
        'stroke-width': 2,
        'stroke-linejoin': 'round',
      })
    case 'place':
      return element('circle', { cx: x, cy: y, r: r, fill: ink, stroke: paper, 'stroke-width': 1 })
    case 'region':
      return element('circle', { cx: x, cy: y, r: r - 1, fill: paper, stroke: colors.muted ?? ink, 'stroke-width': 1.5 })
  }
}
