/** What a map shows and what rendering one gives back. */

export type MapRoutes = 'corridors' | 'trafficking' | 'smuggling'

export interface MapSpec {
  routes: MapRoutes
  /** ISO alpha-3 code: only routes that name this country or a place in it, with the country emphasised (country briefs). */
  highlight?: string
}

export interface RouteMap {
  svg: string
  /** Text alternative: what the map shows, for the tagged PDF, the HTML and the DOCX. */
  alt: string
  caption: string
  /** Size of the SVG in its own units (its viewBox). */
  width: number
  height: number
  /** Ids of the routes drawn; empty when a highlighted country is on no route of this kind. */
  routes: string[]
}

export const mapRouteKinds: readonly MapRoutes[] = ['corridors', 'trafficking', 'smuggling']
