/**
 * Bad input that check-errors.unit.test.ts does not cover: template mistakes (named with the
 * template file, line and column), an empty content folder, an unsupported option. Each
 * is one message that says what is wrong and what to do, without a stack trace.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadTemplates } from '../src/layout/templates.ts'
import { ContentError } from '../src/errors/catalogue.ts'
import { formatMessages } from '../src/errors/format.ts'
import { runCli } from './support/cli.ts'

const noStackTrace = /\n\s+at .+:\d+:\d+\)?\n/
const scratch: string[] = []
afterAll(async () => {
  await Promise.all(scratch.map((directory) => fs.rm(directory, { recursive: true, force: true })))
})

async function templatesWith(files: Record<string, string>): Promise<string> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-templates-'))
  scratch.push(directory)
  await fs.mkdir(path.join(directory, 'partials'))
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(directory, name), text)
  return directory
}

function messagesOf(run: () => unknown, cwd: string): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError)
    return formatMessages((error as ContentError).files, { cwd })
  }
  throw new Error('expected a ContentError')
}

describe('template mistakes', () => {
  it('a missing field is reported at the template file, line and column', async () => {
    const directory = await templatesWith({ 'document.hbs': '<h1>{{metadata.title}}</h1>\n<p>\n  {{metadata.subtitel}}\n</p>\n' })
    const templates = await loadTemplates(directory)
    const text = messagesOf(() => templates.render('document', { metadata: { title: 'x', subtitle: 'y' } }), directory)
    expect(text).toBe(
      [
        'document.hbs:3:5: error: The template uses "metadata.subtitel", but its data has no field "subtitel" [template]',
        '  hint: The template names a field that its data does not have, is not valid Handlebars, or uses what a template may not: partials, directives, helpers other than those the README lists.',
      ].join('\n'),
    )
  })

  it('a missing field in a partial names the partial', async () => {
    const directory = await templatesWith({ 'document.hbs': '{{> cover cover=cover}}\n', 'partials/cover.hbs': '<p>\n{{cover.subtitle}}</p>\n' })
    const templates = await loadTemplates(directory)
    expect(messagesOf(() => templates.render('document', { cover: {} }), directory)).toMatch(/^partials\/cover\.hbs:2:3: error: The template uses "cover\.subtitle"/)
  })

  it('invalid Handlebars is reported when the templates load', async () => {
    const directory = await templatesWith({ 'document.hbs': '<p>\n{{#if draft}}\n</p>\n' })
    const error = await loadTemplates(directory).then(() => undefined, (thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ContentError)
    expect(formatMessages((error as ContentError).files, { cwd: directory })).toMatch(/^document\.hbs:\d+:1: error: The template is not valid Handlebars: /)
  })

  it('the project templates load and render the real documents', async () => {
    await expect(loadTemplates()).resolves.toBeDefined()
  })
})

describe('the command line', () => {
  it('reports an empty content folder', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-empty-'))
    scratch.push(directory)
    const result = await runCli(['check', '--source', directory])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/rso-empty-\w+:1:1: error: The content folder .* is empty \[missing-source\]\n {2}hint: Run the command from the project folder, or pass --source DIR/)
    expect(result.stderr).not.toMatch(noStackTrace)
  })

  it('rejects an unsupported option and a wrong value with the way to the help, exit code 2', async () => {
    const option = await runCli(['build', '--colour', 'blue'])
    expect(option.code).toBe(2)
    expect(option.stderr).toContain("error: unknown option '--colour'")
    expect(option.stderr).toContain('(run with --help for the options)')
    const value = await runCli(['build', '--format', 'rtf'])
    expect(value.code).toBe(2)
    expect(value.stderr).toContain('"rtf" is not a format; choose from pdf, docx, html.')
    for (const result of [option, value]) expect(result.stderr).not.toMatch(noStackTrace)
  })
})
