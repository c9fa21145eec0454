/** Route maps drawn from the corridors and routes data: SVG for HTML and PDF, PNG for DOCX. */
export { renderMap } from './render.ts'
export { rasteriseMap, printWidth } from './raster.ts'
export { resolveMaps, type MapFormat } from '../place-maps.ts'
export { mapAlt, mapCaption, selectRoutes } from './select.ts'
export { MapPlaceError } from './geography.ts'
export { mapRouteKinds, type MapRoutes, type MapSpec, type RouteMap } from './types.ts'
