/**
 * Content is untrusted. Raw HTML is dropped with a warning (the sanitiser would remove it
 * anyway, but the author should know); links may only go to https:, mailto: or an anchor
 * in the document; images may only come from source/assets/ and are inlined as data, so
 * no renderer ever reads a file or the network on the content's behalf.
 */
import type { Image, Root } from 'mdast'
import { visit, SKIP } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Position } from 'unist'
import { report } from '../../errors/catalogue.ts'
import { resolveAsset } from '../../content/assets.ts'

export interface SafeReferencesOptions {
  sourceDir: string
}

const allowedLink = /^(https:\/\/|mailto:|#)/i

export function remarkSafeReferences(options: SafeReferencesOptions) {
  return async (tree: Root, file: VFile) => {
    const images: Array<{ node: Image; place: Position | undefined }> = []
    visit(tree, (node, index, parent) => {
      // Links found in plain text (GFM autolinks) may have no position of their own.
      const place = node.position ?? parent?.position
      if ((node.type === 'html') && parent && index !== undefined) {
        report(file, 'raw-html', 'Raw HTML is not allowed in the content and was removed', { place: node.position, severity: 'warning' })
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      if (node.type === 'link' && !allowedLink.test(node.url.trim())) {
        report(file, 'unsafe-url', `Link to "${node.url}" is not allowed: links must start with https://, mailto: or #`, { place })
      }
      if (node.type === 'image') images.push({ node, place })
    })
    visit(tree, 'definition', (node) => {
      if (!allowedLink.test(node.url.trim())) {
        report(file, 'unsafe-url', `Link to "${node.url}" is not allowed: links must start with https://, mailto: or #`, { place: node.position })
      }
    })
    await Promise.all(
      images.map(async ({ node, place }) => {
        const result = await resolveAsset(options.sourceDir, node.url)
        if (!result.ok) {
          report(file, result.problem.kind, result.problem.reason, { place })
          node.url = ''
          return
        }
        const { asset } = result
        node.url = `data:${asset.mediaType};base64,${Buffer.from(asset.bytes).toString('base64')}`
      }),
    )
  }
}
