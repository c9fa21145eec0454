/**
 * Fixture tests in unified's style: a folder per case holds its input beside its expected
 * outputs, one loop runs them all, and `UPDATE_FIXTURES=1` rewrites the expected files on
 * purpose (then read the diff before committing it).
 */
import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type { VFileMessage } from 'vfile-message'

export const fixturesRoot = path.resolve(import.meta.dirname, '../fixtures')

/** The tiny invented event that fixture and mechanics tests load instead of `source/`. */
export const tinyEvent = path.join(fixturesRoot, 'events/tiny')

const updating = process.env.UPDATE_FIXTURES === '1'

export interface FixtureCase {
  /** `<group>/<case>`, for the test's name. */
  name: string
  group: string
  directory: string
}

/** Every `<group>/<case>/` folder under `root`, in name order; `root` holds the groups. */
export function fixtureCases(root: string): FixtureCase[] {
  const folders = (directory: string) =>
    fs
      .readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  return folders(root).flatMap((group) =>
    folders(path.join(root, group)).map((name) => ({ name: `${group}/${name}`, group, directory: path.join(root, group, name) })),
  )
}

/** The case's input: the first of `names` that exists. */
export function readInput(fixture: FixtureCase, names: readonly string[]): { name: string; text: string } {
  for (const name of names) {
    const file = path.join(fixture.directory, name)
    if (fs.existsSync(file)) return { name, text: fs.readFileSync(file, 'utf8') }
  }
  throw new Error(`${fixture.name} has none of ${names.join(', ')}`)
}

/** The text of the case's file `name`, or undefined when the case has none. */
export function readOptional(fixture: FixtureCase, name: string): string | undefined {
  const file = path.join(fixture.directory, name)
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined
}

/**
 * Compares `actual` with the expected file `name` of the case; with `UPDATE_FIXTURES=1`
 * writes it instead. A missing expected file fails, so a new case is written on purpose.
 */
export function expectFixtureFile(fixture: FixtureCase, name: string, actual: string): void {
  const file = path.join(fixture.directory, name)
  const text = actual.endsWith('\n') || actual === '' ? actual : `${actual}\n`
  if (updating) {
    fs.writeFileSync(file, text)
    return
  }
  if (!fs.existsSync(file)) throw new Error(`${fixture.name}/${name} does not exist: run the tests with UPDATE_FIXTURES=1 to write it, then read it`)
  expect(text, `${fixture.name}/${name}`).toBe(fs.readFileSync(file, 'utf8'))
}

const projectRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Messages, one a line, as `line:column: severity ruleId reason`, sorted by place;
 * `prefix` names the file when it is not the case's input. Paths of this checkout in a
 * reason are written from the project's folder, so the files read the same everywhere.
 */
export function formatFixtureMessages(messages: readonly VFileMessage[], prefix = ''): string {
  return [...messages]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map((message) => {
      const severity = message.fatal ? 'error' : 'warning'
      const reason = message.reason.replaceAll(`${projectRoot}${path.sep}`, '')
      return `${prefix}${message.line ?? 1}:${message.column ?? 1}: ${severity} ${message.ruleId ?? 'unknown'} ${reason}\n`
    })
    .join('')
}
