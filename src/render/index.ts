/**
 * The renderers, one per format. Each is loaded when first used, so a build that renders
 * no PDF never loads Chromium's driver, and one with nothing to render loads none.
 */
import type { Format, Renderer } from './types.ts'

export { formats, type Format, type RenderContext, type Renderer } from './types.ts'

export const renderers: Record<Format, () => Promise<Renderer>> = {
  html: async () => (await import('./html/index.ts')).htmlRenderer,
  pdf: async () => (await import('./pdf/index.ts')).pdfRenderer,
  docx: async () => (await import('./docx/index.ts')).docxRenderer,
}
