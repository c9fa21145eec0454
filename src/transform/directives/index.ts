/**
 * The directives the project knows, by name. Markdown places structured content with
 * them (`::propositions{theme=regional-capacity}`); any other name is an error.
 */
import { collectionDirective } from './collection.ts'
import { mapDirective } from './map.ts'
import { missingDirective } from './missing.ts'
import { glossaryDirective, keyOutcomesDirective, organisationsDirective, participantsDirective, signaturesDirective } from './narrative.ts'
import { corridorsDirective, smugglingRoutesDirective, traffickingRoutesDirective } from './routes.ts'
import { challengesDirective, propositionsDirective } from './statements.ts'
import type { Directive } from './types.ts'

export const directives: Readonly<Record<string, Directive>> = {
  'signatures': signaturesDirective,
  'key-outcomes': keyOutcomesDirective,
  'corridors': corridorsDirective,
  'trafficking-routes': traffickingRoutesDirective,
  'smuggling-routes': smugglingRoutesDirective,
  'map': mapDirective,
  'challenges': challengesDirective,
  'propositions': propositionsDirective,
  'participants': participantsDirective,
  'organisations': organisationsDirective,
  'glossary': glossaryDirective,
  'missing': missingDirective,
  'collection': collectionDirective,
}

export type { BuildMode, Directive, DirectiveContext } from './types.ts'
