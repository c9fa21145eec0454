/** Directives for the challenges and the recommendation themes with their propositions. */
import { container, heading, inline, list, paragraph, text } from '../mdast-builders.ts'
import { delegationName } from '../../content/words.ts'
import type { PhrasingContent } from 'mdast'
import type { Country } from '../../content/schema.ts'
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
      ...theme.propositions.map((proposition) => {
        const sentence = inline(proposition.text)
        return container(
          [
            paragraph(sentence),
            // The reference prints no "Raised by" line: its sentences name their delegations
            // in bold. The line stands only where the sentence leaves one of them unnamed.
            ...(proposition.countries.length > 0 && !namesEvery(sentence, proposition.countries.map((code) => lookup.country(code)))
              ? [paragraph([text(words.say('report.raised-by', { countries: words.list(proposition.countries.map((code) => delegationName(lookup.country(code), words))) }))], 'proposed-by')]
              : []),
          ],
          'proposition',
          'div',
          { dataProposition: proposition.id },
        )
      }),
    ]
  },
}

/**
 * Whether the sentence names every one of `countries` in bold, as the recommendations write
 * their delegations ("**FIJI** and **NEW ZEALAND** recommended", "the **UNITED ARAB
 * EMIRATES (UAE)**"): by its name, short name or listed form, in capitals or not.
 */
export function namesEvery(sentence: readonly PhrasingContent[], countries: ReadonlyArray<Pick<Country, 'name' | 'shortName' | 'listedAs'>>): boolean {
  const bold: string[] = []
  const textOf = (nodes: readonly PhrasingContent[]): string => nodes.map((node) => ('value' in node ? node.value : 'children' in node ? textOf(node.children as PhrasingContent[]) : '')).join('')
  const visit = (nodes: readonly PhrasingContent[]) => {
    for (const node of nodes) {
      if (node.type === 'strong') bold.push(textOf(node.children).toUpperCase())
      else if ('children' in node) visit(node.children as PhrasingContent[])
    }
  }
  visit(sentence)
  const wholeWord = (haystack: string, needle: string) => new RegExp(`(^|[^\\p{L}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(haystack)
  return countries.every((country) =>
    [country.name, country.shortName, country.listedAs]
      .filter((name): name is string => Boolean(name))
      .some((name) => bold.some((segment) => wholeWord(segment, name.toUpperCase()))),
  )
}
