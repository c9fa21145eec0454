/**
 * An author's Handlebars template, compiled and run with a budget. Loops that multiply
 * (`{{#each a}}{{#each @root.a}}{{#each @root.a}}…`) would otherwise run for minutes and
 * end in V8's heap abort. Every block helper (`each`, `if`, `unless`, `with`, and a
 * section over a list, `{{#visits}}`) is wrapped: each time it runs its block, it is
 * charged the block's length in the template and the length of what the block wrote, and
 * over `limits.templateWork` the render stops with a message at the block. What the whole
 * template writes may be at most `limits.fileBytes`, as a Markdown file.
 *
 * The helpers content needs come with it: `{{country host}}` writes a country's name as
 * countries.json writes it, `{{countries hosts}}` a list of them, `{{list names}}` any
 * list of words, each joined as the event's language joins lists (Intl.ListFormat).
 * Nothing else: no partials, no `log`, no helpers of the author's own.
 */
import Handlebars from 'handlebars'
import { limits } from './limits.ts'

export interface TemplateWords {
  /** Country names by ISO 3166-1 alpha-3 code, as countries.json writes them. */
  countryNames: Readonly<Record<string, string>>
  /** The event's language (forum.json `language`), for joining lists. */
  language: string
}

export interface TemplatePlace {
  line: number
  column: number
}

export type TemplateOutcome =
  | { ok: true; markdown: string }
  | { ok: false; rule: 'template' | 'too-large' | 'too-deep'; reason: string; place?: TemplatePlace }

/** The helpers a template may call, beyond Handlebars' block helpers. */
export const contentHelpers = ['country', 'countries', 'list'] as const

const blockHelpers = ['each', 'if', 'unless', 'with', 'blockHelperMissing'] as const

class BudgetExceeded extends Error {
  readonly place: TemplatePlace | undefined
  constructor(reason: string, place: TemplatePlace | undefined) {
    super(reason)
    this.place = place
  }
}

interface Location {
  start: { line: number; column: number }
  end: { line: number; column: number }
}

export interface BudgetedTemplate {
  render(data: unknown): TemplateOutcome
}

/**
 * Parses and compiles `source`; a template that is not valid Handlebars is an outcome with
 * its place, not a throw.
 */
export function compileTemplate(source: string, words: TemplateWords): BudgetedTemplate | Extract<TemplateOutcome, { ok: false }> {
  const tooDeep = blockBeyondNesting(source)
  if (tooDeep) return { ok: false, rule: 'too-deep', reason: `Blocks nested more than ${limits.templateNesting} levels deep`, place: tooDeep }
  const environment = Handlebars.create()
  let tree: hbs.AST.Program
  try {
    tree = environment.parse(source)
  } catch (error) {
    const line = Number(/Parse error on line (\d+)/.exec((error as Error).message)?.[1] ?? 1)
    return { ok: false, rule: 'template', reason: `The template is not valid Handlebars: ${(error as Error).message.split('\n').at(-1)}`, place: { line, column: 1 } }
  }
  const partial = partialIn(tree)
  if (partial) return { ok: false, rule: 'template', reason: `The template uses ${partial.what}; a collection's template may not use partials or decorators`, place: partial.place }
  const lineStarts = [0]
  for (let offset = source.indexOf('\n'); offset >= 0; offset = source.indexOf('\n', offset + 1)) lineStarts.push(offset + 1)
  const offsetOf = (point: { line: number; column: number }) => (lineStarts[point.line - 1] ?? source.length) + point.column
  const placeOf = (loc: Location | undefined): TemplatePlace | undefined => (loc ? { line: loc.start.line, column: loc.start.column + 1 } : undefined)

  // The budget of the render under way: renders are synchronous, so one at a time.
  let spent = 0
  const charge = (amount: number, loc: Location | undefined) => {
    spent += amount
    if (spent > limits.templateWork) {
      throw new BudgetExceeded(
        `The template does more than ${limits.templateWork.toLocaleString('en-GB')} characters' worth of work (loops inside loops over the data?); a template may do at most that much`,
        placeOf(loc),
      )
    }
  }
  const original = environment.helpers as Record<string, Handlebars.HelperDelegate>
  for (const name of blockHelpers) {
    const helper = original[name]
    if (!helper) throw new Error(`Internal error: Handlebars has no "${name}" helper`)
    environment.registerHelper(name, function (this: unknown, ...parameters: unknown[]) {
      const options = parameters.at(-1) as Handlebars.HelperOptions & { loc?: Location }
      const cost = options.loc ? Math.max(1, offsetOf(options.loc.end) - offsetOf(options.loc.start)) : 1
      const counted = (block: Handlebars.TemplateDelegate) =>
        Object.assign((context: unknown, blockOptions?: unknown) => {
          charge(cost, options.loc)
          const written = block(context, blockOptions as Handlebars.RuntimeOptions)
          charge(written.length, options.loc)
          return written
        }, block)
      const wrapped = { ...options, fn: counted(options.fn), inverse: counted(options.inverse) }
      charge(1, options.loc)
      return (helper as (...values: unknown[]) => unknown).apply(this, [...parameters.slice(0, -1), wrapped])
    })
  }
  const join = (names: unknown): string => {
    const list = Array.isArray(names) ? names.map(String) : names === undefined || names === null ? [] : [String(names)]
    return new Intl.ListFormat(words.language, { type: 'conjunction' }).format(list)
  }
  const nameOf = (code: unknown): string => words.countryNames[String(code)] ?? String(code)
  environment.registerHelper('country', (code: unknown) => nameOf(code))
  environment.registerHelper('countries', (codes: unknown) => join(Array.isArray(codes) ? codes.map(nameOf) : nameOf(codes)))
  environment.registerHelper('list', (names: unknown) => join(names))
  // Writes to the console: not for content.
  environment.registerHelper('log', () => '')

  const compiled = environment.compile(source, {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: { if: true, each: true, unless: true, with: true, lookup: true, log: false, country: true, countries: true, list: true },
  })
  return {
    render(data) {
      spent = 0
      try {
        const markdown = compiled(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false })
        if (markdown.length > limits.fileBytes) {
          return { ok: false, rule: 'too-large', reason: tooLong(markdown.length), place: { line: 1, column: 1 } }
        }
        return { ok: true, markdown }
      } catch (error) {
        if (error instanceof BudgetExceeded) return { ok: false, rule: 'too-large', reason: error.message, place: error.place }
        // V8's longest string: the template wrote far more than any budget.
        if (error instanceof RangeError && /string length/i.test(error.message)) return { ok: false, rule: 'too-large', reason: tooLong(Infinity), place: { line: 1, column: 1 } }
        const { lineNumber, column } = error as { lineNumber?: number; column?: number }
        const place = lineNumber === undefined ? undefined : { line: lineNumber, column: (column ?? 0) + 1 }
        return { ok: false, rule: 'template', reason: `The template failed: ${(error as Error).message.split('\n')[0]}`, place }
      } finally {
        spent = 0
      }
    },
  }
}

/**
 * The place of the block that opens beyond `limits.templateNesting`, by a scan of the
 * openings (`{{#`, `{{^`) and closings (`{{/`): Handlebars' parser and compiler take time
 * that grows with the square of the nesting, minutes for a few thousand levels.
 */
function blockBeyondNesting(source: string): TemplatePlace | undefined {
  let depth = 0
  for (const match of source.matchAll(/\{\{~?\s*([#^/])/g)) {
    depth += match[1] === '/' ? -1 : 1
    if (depth > limits.templateNesting) {
      const before = source.slice(0, match.index)
      const line = before.split('\n').length
      return { line, column: match.index - before.lastIndexOf('\n') }
    }
  }
  return undefined
}

/**
 * The first partial (`{{> name}}`, `{{#> name}}`) or decorator (`{{#*inline}}`, which
 * defines partials) in a template: a partial could call itself, twice, without end.
 */
function partialIn(tree: hbs.AST.Program): { what: string; place: TemplatePlace } | undefined {
  const stack: hbs.AST.Node[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as hbs.AST.Node & { body?: hbs.AST.Node[]; program?: hbs.AST.Node; inverse?: hbs.AST.Node }
    const place = { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 }
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') return { what: 'a partial', place }
    if (node.type === 'Decorator' || node.type === 'DecoratorBlock') return { what: 'a decorator', place }
    // Pushed last first, so that the first in the template is found first.
    for (const child of [...(node.body ?? []), node.program, node.inverse].reverse()) if (child) stack.push(child)
  }
  return undefined
}

function tooLong(characters: number): string {
  const size = Number.isFinite(characters) ? `${(characters / (1024 * 1024)).toFixed(2)} MB of Markdown` : 'more Markdown than fits in memory'
  return `The template writes ${size}; what a template writes may be at most ${(limits.fileBytes / (1024 * 1024)).toFixed(2)} MB, as a Markdown file`
}
