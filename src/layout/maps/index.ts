/** Route maps drawn from the corridors and routes data: SVG for HTML and PDF, PNG for DOCX. */
export { renderMap } from './render.ts'
export { rasteriseMap, printWidth } from './raster.ts'
export { mapAlt, mapCaption, selectRoutes } from './select.ts'
export { MapPlaceError } from './geography.ts'
export type { MapSpec, RouteMap } from './types.ts'
