/** What a map shows and what rendering one gives back. */

import type { MapSpec } from '../../content/model.ts'

export type { MapSpec }

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

