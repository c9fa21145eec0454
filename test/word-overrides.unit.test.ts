/**
 * `checkWordOverrides`: a table of words written over another (an event's `words`, or a
 * language's table) is checked against the messages it replaces. The overrides here are
 * invented for the test; the defaults are the real table of `src/content/words.ts`.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js'
import { describe, expect, it } from 'vitest'
import { checkWordOverrides } from '../src/content/word-overrides.ts'
import { defaultWords } from '../src/content/words.ts'

const check = (overrides: Record<string, string>, language = 'en-GB') => checkWordOverrides(defaultWords, overrides, language)

/** The message with every literal word replaced, as a translation would: values and forms kept. */
function translated(message: string): string {
  const rewrite = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) element.value = element.value.replace(/[A-Za-z]+/g, 'kata')
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) rewrite(option.value)
    }
  }
  const elements = parse(message, { ignoreTag: true })
  rewrite(elements)
  return printAST(elements)
}

describe('checkWordOverrides', () => {
  it('takes the defaults over themselves, and every default translated with its values and forms kept', () => {
    expect(check({ ...defaultWords })).toEqual([])
    const translations = Object.fromEntries(Object.entries(defaultWords).map(([key, message]) => [key, translated(message)]))
    expect(Object.values(translations).some((message, index) => message !== Object.values(defaultWords)[index])).toBe(true)
    expect(check(translations)).toEqual([])
  })

  it('takes {event} and the text of a counted value in any word', () => {
    expect(check({ 'brief.title': 'Notes of the {event} on {country}', 'role.hub': '{count, plural, one {Hub} other {{countText} hubs}}', 'number': '{n, plural, other {# ({event})}}' })).toEqual([])
  })

  it('refuses a value renamed in translation, naming the values the default has', () => {
    const [problem, ...rest] = check({ 'brief.title': 'Ringkasan negara: {negara}' })
    expect(rest).toEqual([])
    expect(problem).toEqual({ key: 'brief.title', reason: expect.stringContaining('uses the value {negara}, which is never filled in: its default "Country brief: {country}" has {country}') })
  })

  it('refuses a plural form the language does not have, and takes exact forms', () => {
    expect(check({ 'role.hub': '{count, plural, one {Hub} few {Hubs} other {Hubs}}' })).toEqual([
      { key: 'role.hub', reason: expect.stringContaining('has the plural form "few" for {count}, which en-GB never uses: its forms are "one", "other"') },
    ])
    expect(check({ 'role.hub': '{count, plural, =1 {Hub} other {Hubs}}' })).toEqual([])
    // A table in another language is checked in its own: Thai has one plural form only.
    expect(check({ 'role.hub': defaultWords['role.hub'] }, 'th')).toEqual([{ key: 'role.hub', reason: expect.stringContaining('"one" for {count}, which th never uses: its forms are "other"') }])
    expect(check({ 'role.hub': '{count, plural, one {x} few {y} many {z} other {w}}' }, 'pl')).toEqual([])
  })

  it('refuses a plural picked by a value that is not a number, and a select choice no value takes', () => {
    expect(check({ 'brief.raised-by': '{country, plural, one {x} other {y}}' })).toEqual([{ key: 'brief.raised-by', reason: expect.stringContaining('by {country}, which is not a number') }])
    expect(check({ 'brief.country.not-named': '{kinds, select, beide {x {country}} other {y {country}}}' })).toEqual([
      { key: 'brief.country.not-named', reason: expect.stringContaining('the select choice "beide" for {kinds}, which it never takes: its choices are "both", "routes", "other"') },
    ])
    expect(check({ 'brief.title': '{country, select, THA {Thailand} other {x}}' })).toEqual([{ key: 'brief.title', reason: expect.stringContaining('makes a select of {country}, which its default does not') }])
  })

  it('refuses an unknown key with close matches, and a message that does not parse, saying where', () => {
    expect(check({ 'brief.titel': 'x' })).toEqual([{ key: 'brief.titel', reason: expect.stringContaining('Unknown word "brief.titel" in words (did you mean "brief.title"') }])
    expect(check({ 'role.hub': 'Hubs {count, plural, one {Hub}}' })).toEqual([
      { key: 'role.hub', reason: expect.stringMatching(/not a valid message: a plural or select needs an "other \{…\}" form \(MISSING_OTHER_CLAUSE\) at character \d+ of it/) },
    ])
  })
})
