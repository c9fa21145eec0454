/**
 * Checks a table of words written over another (an event's `words` over the defaults, or a
 * language's table over the English one) against the messages it replaces, so that a
 * translation that would fail or print the wrong form is refused at its key before
 * anything renders: a value renamed in translation (`{country}` written `{negara}`), a
 * plural form the language does not have (`few` in English), a plural picked by a value
 * that is not a number, a `select` choice that no value ever takes. The code fills in the
 * values the default names, so those are the ones a word may use. What each problem says
 * is written in the error catalogue (`words`), beside its example.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { suggest } from './suggest.ts'
import { catalogue } from '../errors/catalogue.ts'

/** The wording of each problem, in the error catalogue's entry `words`. */
const words = catalogue.words.messages

/** A key of the overrides and what is wrong with its message. */
export interface WordProblem {
  key: string
  reason: string
}

/** What a message does with each value it names. */
interface ValueUse {
  /** Picks a plural form by it, or formats it as a number: the code passes a number. */
  numeric: boolean
  /** The choices of a `select` on it (`other` included). */
  choices: Set<string> | undefined
}

/**
 * Values every word may use besides those its default names: `say()` fills in the event's
 * noun, and for a number `n` its text `nText` ("two", "12").
 */
const alwaysFilled = ['event']

/** Readable words for the parser's error codes that a translator is likely to meet. */
const syntaxErrors: Record<string, string> = {
  MISSING_OTHER_CLAUSE: 'a plural or select needs an "other {…}" form',
  EXPECT_ARGUMENT_CLOSING_BRACE: 'a "{" is not closed',
  EMPTY_ARGUMENT: 'an empty "{}"',
  MALFORMED_ARGUMENT: 'a value\'s name is not a plain name',
  UNMATCHED_CLOSING_BRACE: 'a "}" closes nothing',
  INVALID_ARGUMENT_TYPE: 'a value\'s kind is not plural, select, selectordinal or number',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'a plural form is written twice',
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: 'a select choice is written twice',
  EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT: 'a plural form has no "{…}" text',
  EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT: 'a select choice has no "{…}" text',
}

function parseMessage(message: string): MessageFormatElement[] {
  return parse(message, { ignoreTag: true })
}

/** The values a message names, and how it uses each. */
function valueUses(elements: readonly MessageFormatElement[], uses = new Map<string, ValueUse>()): Map<string, ValueUse> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound || element.type === TYPE.tag) continue
    const use = uses.get(element.value) ?? { numeric: false, choices: undefined }
    uses.set(element.value, use)
    if (element.type === TYPE.plural || element.type === TYPE.number) use.numeric = true
    if (element.type === TYPE.select) use.choices = new Set([...(use.choices ?? []), ...Object.keys(element.options)])
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) valueUses(option.value, uses)
    }
  }
  return uses
}

/** Every plural and select of a message, nested ones too. */
function* choosers(elements: readonly MessageFormatElement[]): Generator<MessageFormatElement & { options: Record<string, { value: MessageFormatElement[] }> }> {
  for (const element of elements) {
    if (element.type !== TYPE.plural && element.type !== TYPE.select) continue
    yield element
    for (const option of Object.values(element.options)) yield* choosers(option.value)
  }
}

/**
 * What is wrong with one message written over `original`, in `language`; empty when it may
 * take its place. `original` is trusted: it is the table the code was written against.
 */
export function checkWordOverride(key: string, original: string, message: string, language: string): string[] {
  let elements: MessageFormatElement[]
  try {
    elements = parseMessage(message)
  } catch (error) {
    const code = (error as Error).message
    const at = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset
    const what = syntaxErrors[code] ? `${syntaxErrors[code]} (${code})` : code
    return [words.invalid({ key, what, at: at === undefined ? undefined : at + 1 })]
  }
  const expected = valueUses(parseMessage(original))
  const allowed = new Set([...expected.keys(), ...alwaysFilled, ...[...expected].filter(([, use]) => use.numeric).map(([name]) => `${name}Text`)])
  const problems: string[] = []
  for (const [name, use] of valueUses(elements)) {
    if (!allowed.has(name)) {
      problems.push(words.unknownValue({ key, name, suggestion: suggest(name, [...allowed]), original, values: [...expected.keys()] }))
      continue
    }
    // `event` and a number's text are text wherever the default does not name them.
    const given = expected.get(name) ?? { numeric: false, choices: undefined }
    if (use.numeric && !given.numeric) {
      problems.push(words.notNumber({ key, name, selected: given.choices !== undefined }))
    }
    if (use.choices && !given.choices) {
      problems.push(words.notSelect({ key, name }))
    } else if (use.choices && given.choices) {
      const never = [...use.choices].filter((choice) => !given.choices!.has(choice))
      if (never.length > 0) {
        problems.push(words.choice({ key, name, never, choices: [...given.choices] }))
      }
    }
  }
  for (const element of choosers(elements)) {
    if (element.type !== TYPE.plural) continue
    const categories = new Intl.PluralRules(language, { type: element.pluralType }).resolvedOptions().pluralCategories as string[]
    const wrong = Object.keys(element.options).filter((form) => !/^=\d+(\.\d+)?$/.test(form) && !categories.includes(form))
    if (wrong.length > 0) {
      problems.push(words.pluralForm({ key, name: element.value, wrong, language, ordinal: element.pluralType === 'ordinal', forms: categories }))
    }
  }
  return problems
}

/**
 * Every problem of `overrides` written over `defaults` in `language`: keys the defaults do
 * not have, messages that do not parse, and messages whose values or plural and select
 * forms do not fit their default (`checkWordOverride`).
 */
export function checkWordOverrides(defaults: Readonly<Record<string, string>>, overrides: Readonly<Record<string, string>>, language: string): WordProblem[] {
  const known = Object.keys(defaults)
  const problems: WordProblem[] = []
  for (const [key, message] of Object.entries(overrides)) {
    if (!Object.hasOwn(defaults, key)) {
      problems.push({ key, reason: words.unknownKey({ key, suggestion: suggest(key, known) }) })
      continue
    }
    for (const reason of checkWordOverride(key, defaults[key]!, message, language)) problems.push({ key, reason })
  }
  return problems
}
