/** Directives for the parts of the report around its routes: signatures, outcomes, participants, glossary. */
import { container, image, inline, list, paragraph, strong, table, text } from '../mdast-builders.ts'
import type { Words } from '../../content/words.ts'
import type { BlockDirective, InlineDirective } from './types.ts'
import { missingMark } from './missing.ts'

export const signaturesDirective: BlockDirective = {
  kind: 'block',
  description: 'The signatures, names and roles of the signatories in forum.json.',
  attributes: {},
  expand(_attributes, context) {
    const { content, words } = context
    return [
      container(
        content.forum.signatories.map((signatory, index) => {
          const asset = content.signatureImages.get(signatory.id)
          if (!asset) throw new Error(`Internal error: no signature image for ${signatory.id}`)
          const source = `data:${asset.mediaType};base64,${Buffer.from(asset.bytes).toString('base64')}`
          const { signature } = signatory
          // A placeholder is a missing value: its text alternative says what it is, never
          // what the signature would look like, and the mark under it names what is missing.
          const written = content.origin('forum.json', ['signatories', index, 'signature', 'missing'])
          const placeholder = 'missing' in signature
          const picture = image(source, placeholder ? words.say('missing.signature-placeholder') : signature.description, 'signature-image')
          return container(
            [
              paragraph([picture], 'signature-image-wrapper'),
              ...(placeholder ? [paragraph(missingMark(words.say('missing.signature', { name: signatory.name }), signature.missing, context, written.file, written.place))] : []),
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
  expand(_attributes, { content, words }) {
    return [
      list(
        content.keyOutcomes.map((outcome) => [paragraph([strong(text(words.say('label', { label: outcome.title }))), text(' '), ...inline(outcome.text)])]),
        { className: 'key-outcomes' },
      ),
    ]
  },
}

export const participantsDirective: InlineDirective = {
  kind: 'inline',
  description: 'The participating countries of countries.json, as a list in running text: `:participants`.',
  attributes: {},
  expand(_attributes, _label, { lookup, words }) {
    return [text(words.list(lookup.participants.map((country) => country.listedAs ?? country.name), { serialComma: true }))]
  },
}

export const organisationsDirective: InlineDirective = {
  kind: 'inline',
  collection: () => 'organisations.json',
  description: 'The organisations of organisations.json, as a list in running text: `:organisations`.',
  attributes: {},
  expand(_attributes, _label, { content, words }) {
    return [text(listOrganisations(content.organisations, words))]
  },
}

export const glossaryDirective: BlockDirective = {
  kind: 'block',
  collection: () => 'glossary.json',
  description: 'The glossary of glossary.json, as a table.',
  attributes: {},
  expand(_attributes, { content, words }) {
    return [
      table(
        [words.say('glossary.abbreviation'), words.say('glossary.meaning')],
        content.glossary.map((entry) => [[text(entry.term)], [text(entry.definition)]]),
        'glossary',
      ),
    ]
  },
}

/** "A, B, and C", except after an item where the content records that the reference printed something else. */
function listOrganisations(organisations: ReadonlyArray<{ listedAs: string; followedBy?: string }>, words: Words): string {
  const parts = words.listParts(organisations.map((organisation) => organisation.listedAs), { serialComma: true })
  let element = -1
  return parts
    .map((part) => {
      if (part.type === 'element') {
        element += 1
        return part.value
      }
      // The list's own separator after this item ("," or ", and "), with its comma replaced by what the reference printed.
      const followedBy = organisations[element]?.followedBy
      return followedBy === undefined ? part.value : part.value.replace(/^[,،、]\s*/u, followedBy)
    })
    .join('')
}
