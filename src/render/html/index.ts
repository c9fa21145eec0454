/** The HTML edition: the laid-out document as one self-contained page, maps as inline SVG. */
import { placeMaps } from '../../layout/place-maps.ts'
import type { Renderer } from '../types.ts'
import { renderHtml } from './render-html.ts'

export const htmlRenderer: Renderer = {
  async render(document, context) {
    const placed = await placeMaps(document, 'svg', context)
    // The soft hyphens are for print (see `rehype-typography.ts`); a screen reflows, and
    // its text is copied and searched.
    return context.session.time('HTML', () => renderHtml(placed, { ...context, softHyphens: false }))
  },
}
