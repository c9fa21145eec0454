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
  const compileOptions: CompileOptions = { strict: true, noEscape: false, knownHelpersOnly: true, knownHelpers: { if: true, each: true, unless: true, with: true } }

  const read = async (file: string) => {
    const source = await fs.readFile(file, 'utf8')
    files.push(file)
    if (/\{\{~?>\s*\(/.test(source)) {
      const vfile = new VFile({ path: file, value: source })
      const offset = source.search(/\{\{~?>\s*\(/)
      const line = source.slice(0, offset).split('\n').length
      report(vfile, 'template', 'Dynamic partials are not allowed in templates', { place: { line, column: 1 } })
      throw new ContentError([vfile])
    }
    return source
  }

  const partialsDir = path.join(directory, 'partials')
  for (const name of (await fs.readdir(partialsDir)).filter((entry) => entry.endsWith('.hbs')).sort()) {
    const file = path.join(partialsDir, name)
    handlebars.registerPartial(name.replace(/\.hbs$/, ''), handlebars.compile(await read(file), compileOptions))
  }
  for (const name of (await fs.readdir(directory)).filter((entry) => entry.endsWith('.hbs')).sort()) {
    const file = path.join(directory, name)
    compiled.set(name.replace(/\.hbs$/, ''), handlebars.compile(await read(file), compileOptions))
  }

  return {
    files,
    render(name, data) {
      const template = compiled.get(name)
      if (!template) throw new Error(`Internal error: no template "${name}" in ${directory}`)
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false })
      } catch (error) {
        const vfile = new VFile({ path: path.join(directory, `${name}.hbs`) })
        const match = /"(.+)" not defined in/.exec((error as Error).message)
        report(vfile, 'template', match ? `The template uses "${match[1]}", which its data does not have` : `Template failed: ${(error as Error).message}`, {
          cause: error as Error,
        })
        throw new ContentError([vfile])
      }
    },
  }
}
