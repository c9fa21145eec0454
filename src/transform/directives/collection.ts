/** `::collection{name=site-visits}` places an author-defined collection (`collections/<name>.*` of the content folder). */
import { collectionNodes } from '../author-collection.ts'
import type { BlockDirective } from './types.ts'

export const collectionDirective: BlockDirective = {
  kind: 'block',
  description: 'An author-defined collection of collections/, rendered by its template: `::collection{name=site-visits}`.',
  attributes: {
    name: {
      required: true,
      values: (content) => [...content.collections.keys()],
      description: 'The name of a collection: collections/<name>.json with its .schema.json and .hbs.',
    },
  },
  expand(attributes, { content }) {
    const collection = content.collections.get(attributes.name ?? '')
    if (!collection) throw new Error(`Internal error: collection ${attributes.name} was checked but not found`)
    return collectionNodes(collection)
  },
}
