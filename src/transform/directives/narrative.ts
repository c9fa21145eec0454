/** Directives for the parts of the report around its routes: signatures, outcomes, participants, glossary. */
import { container, image, inline, joinNames, list, paragraph, strong, table, text } from '../mdast-builders.ts'
import type { BlockDirective, InlineDirective } from './types.ts'

export const signaturesDirective: BlockDirective = {
  kind: 'block',
  description: 'The signatures, names and roles of the signatories in forum.json.',
  attributes: {},
  expand(_attributes, { content, assets }) {
    return [
      container(
        content.forum.signatories.map((signatory) => {
          const asset = assets.get(signatory.id)
          if (!asset) throw new Error(`Internal error: no signature image for ${signatory.id}`)
          const source = `data:${asset.mediaType};base64,${Buffer.from(asset.bytes).toString('base64')}`
          return container(
            [
              paragraph([image(source, signatory.signature.description, 'signature-image')], 'signature-image-wrapper'),
              paragraph([strong(text(signatory.name))], 'signatory-name'),
              paragraph([text(signatory.role)], 'signatory-role'),
            ],
            'signatory',
          )
        }),
        'signatures',
      ),
    ]
  },
}

export const keyOutcomesDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'key-outcomes.json',
  description: 'The key outcomes in key-outcomes.json, as a list.',
  attributes: {},
  expand(_attributes, { content }) {
    return [
      list(
        content.keyOutcomes.map((outcome) => [paragraph([strong(text(`${outcome.title}:`)), text(' '), ...inline(outcome.text)])]),
        { className: 'key-outcomes' },
      ),
    ]
  },
}

export const participantsDirective: InlineDirective = {
  kind: 'inline',
  description: 'The participating countries of countries.json, as a list in running text: `:participants`.',
  attributes: {},
  expand(_attributes, _label, { lookup }) {
    return [text(joinNames(lookup.participants.map((country) => country.listedAs ?? country.name), { serialComma: true }))]
  },
}

export const organisationsDirective: InlineDirective = {
  kind: 'inline',
  collection: () => 'organisations.json',
  description: 'The organisations of organisations.json, as a list in running text: `:organisations`.',
  attributes: {},
  expand(_attributes, _label, { content }) {
    return [text(listOrganisations(content.organisations))]
  },
}

export const glossaryDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'glossary.json',
  description: 'The glossary of glossary.json, as a table.',
  attributes: {},
  expand(_attributes, { content }) {
    return [
      table(
        ['Abbreviation', 'Meaning'],
        content.glossary.map((entry) => [[text(entry.term)], [text(entry.definition)]]),
        'glossary',
      ),
    ]
  },
}

/** "A, B, and C", except after an item where the content records that the reference printed something else. */
function listOrganisations(organisations: ReadonlyArray<{ listedAs: string; followedBy?: string }>): string {
  if (organisations.length <= 2 || organisations.every((organisation) => organisation.followedBy === undefined)) {
    return joinNames(organisations.map((organisation) => organisation.listedAs), { serialComma: true })
  }
  const last = organisations.length - 1
  return organisations
    .map(({ listedAs, followedBy }, index) =>
      index === last ? listedAs : `${listedAs}${followedBy ?? ', '}${index === last - 1 ? 'and ' : ''}`,
    )
    .join('')
}
