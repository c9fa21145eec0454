/**
 * Handlebars, set up for untrusted data: templates come only from the project's
 * `templates/` folder, compile in strict mode (a field the data lacks is an error, not an
 * empty string), values are escaped, no helper is registered that could reach a prototype,
 * and dynamic partials (`{{> (expression)}}`) are refused.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import Handlebars from 'handlebars'
import { VFile } from 'vfile'
import type { Point, Position } from 'unist'
import { projectRoot } from '../brand/brand.ts'
import { ContentError, report } from '../errors/catalogue.ts'

export const templatesDir = path.join(projectRoot, 'templates')

export interface Templates {
  render(name: string, data: object): string
  /** Files the templates are made of, for rebuild decisions. */
  files: string[]
}

export async function loadTemplates(directory = templatesDir): Promise<Templates> {
  const handlebars = Handlebars.create()
  const files: string[] = []
  const compiled = new Map<string, HandlebarsTemplateDelegate>()
  const sources = new Map<string, string>()
  const compileOptions: CompileOptions = { strict: true, noEscape: false, knownHelpersOnly: true, knownHelpers: { if: true, each: true, unless: true, with: true } }

  const read = async (file: string) => {
    const source = await fs.readFile(file, 'utf8')
    files.push(file)
    sources.set(file, source)
    const dynamic = source.search(/\{\{~?>\s*\(/)
    if (dynamic >= 0) {
      const line = source.slice(0, dynamic).split('\n').length
      const column = dynamic - source.lastIndexOf('\n', dynamic - 1)
      throw templateError(file, source, 'Dynamic partials are not allowed in templates', { line, column })
    }
    try {
      // Handlebars compiles on first use; parsing now reports a syntax error when the templates load.
      handlebars.parse(source)
    } catch (error) {
      const line = Number(/Parse error on line (\d+)/.exec((error as Error).message)?.[1] ?? 1)
      throw templateError(file, source, `The template is not valid Handlebars: ${(error as Error).message.split('\n').at(-1)}`, { line, column: 1 }, error as Error)
    }
    return source
  }

  /** Compiles `file`, tagging a failure inside it with the file, so an error in a partial names the partial. */
  const compile = (file: string, source: string): HandlebarsTemplateDelegate => {
    const template = handlebars.compile(source, compileOptions)
    return (context, options) => {
      try {
        return template(context, options)
      } catch (error) {
        if (error && typeof error === 'object' && !(templateFile in error)) Object.defineProperty(error, templateFile, { value: file })
        throw error
      }
    }
  }

  const partialsDir = path.join(directory, 'partials')
  for (const name of (await fs.readdir(partialsDir)).filter((entry) => entry.endsWith('.hbs')).sort()) {
    const file = path.join(partialsDir, name)
    handlebars.registerPartial(name.replace(/\.hbs$/, ''), compile(file, await read(file)))
  }
  for (const name of (await fs.readdir(directory)).filter((entry) => entry.endsWith('.hbs')).sort()) {
    const file = path.join(directory, name)
    compiled.set(name.replace(/\.hbs$/, ''), compile(file, await read(file)))
  }

  return {
    files,
    render(name, data) {
      const template = compiled.get(name)
      if (!template) throw new Error(`Internal error: no template "${name}" in ${directory}`)
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false })
      } catch (error) {
        const file = (error as { [templateFile]?: string })[templateFile] ?? path.join(directory, `${name}.hbs`)
        const source = sources.get(file) ?? ''
        const { lineNumber, column, endLineNumber, endColumn } = error as { lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number }
        const start = lineNumber === undefined ? undefined : { line: lineNumber, column: (column ?? 0) + 1 }
        const end = endLineNumber === undefined ? undefined : { line: endLineNumber, column: (endColumn ?? 0) + 1 }
        const missing = /^"(.+)" not defined in/.exec((error as Error).message)
        const expression = start && end ? textAt(source, start, end) : undefined
        const reason = missing
          ? `The template uses ${expression ? `"${expression}"` : `"${missing[1]}"`}, but its data has no field "${missing[1]}"`
          : `Template failed: ${(error as Error).message}`
        throw templateError(file, source, reason, start && end ? { start, end } : start, error as Error)
      }
    },
  }
}

/** Where a failing partial keeps the name of its file. */
const templateFile = Symbol('templateFile')

function templateError(file: string, source: string, reason: string, place: Point | Position | undefined, cause?: Error): ContentError {
  const vfile = new VFile({ path: file, value: source })
  report(vfile, 'template', reason, { place, cause })
  return new ContentError([vfile])
}

function textAt(source: string, start: Point, end: Point): string | undefined {
  const lines = source.split('\n')
  if (start.line !== end.line) return undefined
  const text = lines[start.line - 1]?.slice(start.column - 1, end.column - 1).trim()
  return text || undefined
}
