/** Directives for the challenges and the recommendation themes with their propositions. */
import { container, heading, inline, list, paragraph, text } from '../mdast-builders.ts'
import { delegationName } from '../../content/words.ts'
import type { BlockDirective } from './types.ts'

export const challengesDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'challenges.json',
  description: 'The numbered challenges of challenges.json with their points.',
  attributes: {},
  expand(_attributes, { content, words }) {
    return content.challenges.flatMap((challenge, index) => [
      heading(2, [text(words.say('heading.numbered', { number: index + 1, title: challenge.title }))], challenge.id),
      paragraph(inline(challenge.summary), 'lead'),
      list(challenge.points.map((point) => [paragraph(inline(point.text))]), { className: 'challenge-points' }),
    ])
  },
}

export const propositionsDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'recommendations.json',
  description: 'One recommendation theme of recommendations.json with every proposition and who made it.',
  attributes: {
    theme: {
      required: true,
      values: (content) => content.themes.map((theme) => theme.id),
      description: 'The id of the theme.',
    },
  },
  expand(attributes, { content, lookup, words }) {
    const index = content.themes.findIndex((theme) => theme.id === attributes.theme)
    const theme = content.themes[index]
    if (!theme) throw new Error(`Internal error: theme ${attributes.theme} was checked but not found`)
    return [
      heading(2, [text(words.say('heading.numbered', { number: index + 1, title: theme.title }))], theme.id, 'theme'),
      paragraph([text(theme.subtitle)], 'theme-subtitle'),
      ...theme.propositions.map((proposition) =>
        container(
          [
            paragraph(inline(proposition.text)),
            ...(proposition.countries.length > 0
              ? [paragraph([text(words.say('report.raised-by', { countries: words.list(proposition.countries.map((code) => delegationName(lookup.country(code), words))) }))], 'proposed-by')]
              : []),
          ],
          'proposition',
          'div',
          { dataProposition: proposition.id },
        ),
      ),
    ]
  },
}
