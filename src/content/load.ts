/**
 * Reads `source/`, checks every JSON file against its schema and every reference between
 * files, and returns the typed content. Markdown files are read here but parsed by the
 * transform stage (`src/transform/`).
 */
import { builtinTable } from './words.ts'
import fs from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { Position } from 'unist'
import type { z } from 'zod'
import { ContentError, folderName, hasErrors, report } from '../errors/catalogue.ts'
import { parseJson, type JsonPath } from './json-source.ts'
import { reportSchemaIssues } from './zod-issues.ts'
import { checkReferences, readSignatureImages } from './references.ts'
import type { Content, DataFileName, Origin } from './model.ts'
import { markdownFields } from './markdown-fields.ts'
import { sha256, stableJson } from './digest.ts'
import { checkJsonLimits, checkMarkdownLimits } from './limits.ts'
import { dataFiles } from './schema.ts'
import { absentValues, isRequired } from './collections.ts'
import { checkCollectionCountries, loadAuthorCollections } from './author-collections.ts'
import { unknownCountry } from './references.ts'

export type { Content, Origin } from './model.ts'

type Data = { [Name in DataFileName]: z.infer<(typeof dataFiles)[Name]> }

export interface LoadOptions {
  /**
   * Return the content even when it has errors (they are messages on `content.files`), so
   * that the caller checks the Markdown too before it throws: one run reports every
   * problem. The caller must throw `ContentError` itself.
   */
  deferErrors?: boolean
  /**
   * Seconds an author-defined collection's work may take on its thread
   * (`limits.collectionSeconds` unless given): tests of the limit pass less, so that they
   * do not spend the whole limit at full speed.
   */
  collectionSeconds?: number
}

/**
 * Loads and validates all content. Throws `ContentError` with every problem found, so one
 * run reports them all; returns only content that is whole and consistent (unless
 * `deferErrors`). A file that does not parse, or does not match its schema, is reported and
 * the others are still checked, their references too; only when `forum.json` or
 * `countries.json` cannot be read is there nothing to check references against.
 */
export async function loadContent(sourceDir: string, options: LoadOptions = {}): Promise<Content> {
  const root = path.resolve(sourceDir)
  await assertSourceFolder(root)

  const files = new Map<string, VFile>()
  const locators = new Map<string, (jsonPath: JsonPath) => Position | undefined>()
  const data: Partial<Data> = {}
  const present = new Set<DataFileName>()

  await Promise.all(
    (Object.keys(dataFiles) as DataFileName[]).map(async (name) => {
      if (!isRequired(name) && !(await exists(path.join(root, name)))) {
        ;(data as Record<string, unknown>)[name] = absentValues[name]
        return
      }
      present.add(name)
      const file = await readFile(root, name)
      files.set(name, file)
      // A file that could not be read is already reported; an empty one is reported by parseJson.
      if (file.messages.length > 0 || !checkJsonLimits(file)) return
      const json = parseJson(file)
      if (!json) return
      locators.set(name, (jsonPath) => json.locate(jsonPath))
      const result = dataFiles[name].safeParse(json.value)
      if (result.success) (data as Record<string, unknown>)[name] = result.data
      else reportSchemaIssues(file, result.error.issues, json.locate)
    }),
  )

  const sections = await readMarkdownFolder(root, 'report', files)
  if (sections.length === 0) {
    const file = new VFile({ path: path.join(root, 'report'), data: { contentFolder: root } })
    files.set('report', file)
    report(file, 'missing-file', `The report has no sections: ${folderName(root)}/report/ holds no Markdown files`)
  }
  const notes = await readMarkdownFolder(root, 'briefs', files)
  const briefNotes = new Map(notes.map((file) => [file.stem ?? '', file]))
  // Templates write country names as countries.json does, and join lists in the event's language.
  const countryNames = Object.fromEntries((data['countries.json']?.countries ?? []).map((country) => [country.code, country.name]))
  const collections = await loadAuthorCollections(root, files, { countryNames, language: data['forum.json']?.language ?? 'en' }, options.collectionSeconds)

  const all = [...files.values()]
  const unreadable = new Set([...present].filter((name) => data[name] === undefined || hasErrors([files.get(name) as VFile])))
  if ([...unreadable].some(isRequired)) throw new ContentError(all)
  // An optional file with errors of its own stands for an empty collection, so the rest is still checked.
  for (const name of unreadable) (data as Record<string, unknown>)[name] = absentValues[name]

  const complete = data as Data
  const origin = (fileName: DataFileName, jsonPath: JsonPath): Origin => {
    const file = files.get(fileName)
    if (!file) throw new Error(`Internal error: ${fileName} was not loaded`)
    return { file, place: locators.get(fileName)?.(jsonPath) }
  }

  const content: Content = {
    sourceDir: root,
    forum: complete['forum.json'],
    countries: complete['countries.json'].countries,
    places: complete['places.json'].places,
    organisations: complete['organisations.json'].organisations,
    keyOutcomes: complete['key-outcomes.json'].outcomes,
    corridors: complete['corridors.json'].corridors,
    trafficking: complete['trafficking-routes.json'].groups,
    smuggling: complete['smuggling-routes.json'].routes,
    challenges: complete['challenges.json'].challenges,
    themes: complete['recommendations.json'].themes,
    glossary: complete['glossary.json'].terms,
    contact: complete['contact.json'],
    signatureImages: new Map(),
    present,
    unreadable,
    collections,
    markdownFields: markdownFields(data),
    digests: { mapData: '' },
    sections,
    briefNotes,
    files,
    origin,
  }

  // Maps say their titles, legends and alt texts in the event's words and language.
  content.digests.mapData = sha256(stableJson({ words: content.forum.words ?? {}, builtin: builtinTable(content.forum.language)?.words ?? {}, language: content.forum.language, countries: content.countries, places: content.places, corridors: content.corridors, trafficking: content.trafficking, smuggling: content.smuggling }))
  checkReferences(content)
  content.signatureImages = await readSignatureImages(content)
  checkCollectionCountries(collections, new Set(content.countries.map((country) => country.code)), unknownCountry)
  if (hasErrors(all) && !options.deferErrors) throw new ContentError(all)
  return content
}

async function assertSourceFolder(root: string): Promise<void> {
  const stat = await fs.stat(root).catch(() => undefined)
  const file = new VFile({ path: root, data: { contentFolder: root } })
  if (!stat?.isDirectory()) {
    report(file, 'missing-source', `The content folder ${root} does not exist`)
    throw new ContentError([file])
  }
  const entries = await fs.readdir(root)
  if (entries.length === 0) {
    report(file, 'missing-source', `The content folder ${root} is empty`)
    throw new ContentError([file])
  }
}

async function exists(filePath: string): Promise<boolean> {
  return fs.stat(filePath).then(() => true, () => false)
}

async function readFile(root: string, name: string): Promise<VFile> {
  const filePath = path.join(root, name)
  try {
    return new VFile({ path: filePath, value: await fs.readFile(filePath, 'utf8'), data: { contentFolder: root } })
  } catch (error) {
    const file = new VFile({ path: filePath, value: '', data: { contentFolder: root } })
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      report(file, 'missing-file', `Missing ${name}: every content folder needs it`)
    } else {
      report(file, 'missing-file', `Cannot read ${name}: ${(error as Error).message}`, { cause: error as Error })
    }
    return file
  }
}

async function readMarkdownFolder(root: string, folder: string, files: Map<string, VFile>): Promise<VFile[]> {
  const directory = path.join(root, folder)
  const names = await fs.readdir(directory).catch(() => [] as string[])
  // A name starting with a dot is never content: an editor's backup, or a temporary file of
  // `review --apply` or of an atomic write that a killed process left.
  const markdown = names.filter((name) => name.endsWith('.md') && !name.startsWith('.')).sort()
  const read = await Promise.all(markdown.map((name) => readFile(root, path.join(folder, name))))
  for (const file of read) {
    files.set(path.relative(root, file.path), file)
    if (file.messages.length === 0) checkMarkdownLimits(file)
  }
  return read
}
