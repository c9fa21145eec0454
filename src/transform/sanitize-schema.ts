/**
 * What may reach any output: GitHub's allow-list, plus the classes of the registry
 * (`document-classes.ts`) and the data attributes the project's own directives set, and images only as inlined data (assets are inlined by
 * `remark-safe-references`, so no other image source is legitimate).
 */
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import { documentClassNames } from './document-classes.ts'


type AttributeList = NonNullable<SanitizeSchema['attributes']>[string]

/** The default lists with their own `className` rules removed, so the shared list below applies everywhere. */
const withoutClassRules = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]): [string, AttributeList] => [
    tag,
    list.filter((entry) => (Array.isArray(entry) ? entry[0] : entry) !== 'className'),
  ]),
)

export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Ids come from the project's own slugs and front matter; no script runs to be clobbered.
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'mark', 'figure', 'figcaption'],
  attributes: {
    ...withoutClassRules,
    '*': [...(withoutClassRules['*'] ?? []), ['className', ...documentClassNames]],
    div: [...(withoutClassRules.div ?? []), 'dataRoute', 'dataProposition'],
    aside: ['dataFigure'],
    figure: ['dataMap', 'dataHighlight'],
    h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['https', 'mailto'],
    src: ['data'],
  },
}
