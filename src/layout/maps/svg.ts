/** Small helpers for writing SVG text by hand, deterministically and safely. */
import { geoPath, type GeoContext, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo'
import { escapeXml } from '../../text/xml.ts'

/** Every name in a map comes from the content: escaped as all XML the project writes. */
export { escapeXml }

/** One decimal is a tenth of a unit on a 1000-unit-wide map: finer than print shows, and stable. */
export const number = (value: number): string => String(Math.round(value * 10) / 10)

export function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? number(value) : escapeXml(value)}"`)
    .join('')
}

export const element = (name: string, values: Record<string, string | number | undefined>, children?: string): string =>
  children === undefined ? `<${name}${attributes(values)}/>` : `<${name}${attributes(values)}>${children}</${name}>`

export const title = (text: string): string => `<title>${escapeXml(text)}</title>`

/**
 * Path data of geographic shapes, thinned as it is drawn: a vertex closer than `tolerance`
 * units to the last one kept is dropped, and rings that shrink to nothing vanish. At map
 * scale this keeps the 1:50m coastlines' look at a fraction of their size, and keeps the
 * printing of a brief with three maps quick.
 */
export function shapePath(projection: GeoProjection, object: GeoPermissibleObjects, tolerance = 1.6): string {
  let output = ''
  let ring: Array<[number, number]> = []
  const flush = () => {
    if (ring.length >= 3) {
      let area = 0
      for (let index = 0; index < ring.length; index++) {
        const [x0, y0] = ring[index]!
        const [x1, y1] = ring[(index + 1) % ring.length]!
        area += x0 * y1 - x1 * y0
      }
      if (Math.abs(area) / 2 >= 0.5) {
        // Whole units (a sixth of a millimetre in print) are finer than a coastline needs;
        // after the first point each is written relative to the one before, which halves the text.
        const points = ring.map(([x, y]) => [Math.round(x), Math.round(y)] as const).filter(([x, y], index, all) => index === 0 || x !== all[index - 1]![0] || y !== all[index - 1]![1])
        const [first, ...rest] = points
        let steps = ''
        for (let index = 0; index < rest.length; index++) {
          const [x, y] = rest[index]!
          const [px, py] = points[index]!
          const dx = x - px
          const dy = y - py
          steps += `${dx < 0 || index === 0 ? '' : ' '}${dx}${dy < 0 ? '' : ' '}${dy}`
        }
        output += `M${first![0]} ${first![1]}${rest.length > 0 ? `l${steps}` : ''}Z`
      }
    }
    ring = []
  }
  const context: GeoContext = {
    moveTo(x: number, y: number) {
      flush()
      ring.push([x, y])
    },
    lineTo(x: number, y: number) {
      const last = ring[ring.length - 1]
      if (last && Math.hypot(x - last[0], y - last[1]) < tolerance) return
      ring.push([x, y])
    },
    closePath() {
      flush()
    },
    arc() {},
    beginPath() {},
  }
  geoPath(projection, context)(object)
  flush()
  return output
}
