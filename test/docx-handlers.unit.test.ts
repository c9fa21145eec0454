/**
 * The DOCX handlers (`src/render/docx/handlers/`) on fixtures, without a browser: each
 * case's hast fragment (`input.html`, or `input.json` for a tree HTML cannot write) beside
 * the `word/document.xml` fragment its blocks become (`output.xml`). A case may set the
 * handlers' context in `options.json` (`{ "listed": false, "pageBreak": true, ... }`;
 * `"sectionLevel": true` for blocks that are a section's own children).
 * `UPDATE_FIXTURES=1` rewrites the expected files.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import type { Root } from 'hast'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadBrand, projectRoot, type Brand } from '../src/brand/brand.ts'
import { createState, type RevisionAuthor } from '../src/render/docx/create-state.ts'
import { styleIds } from '../src/render/docx/styles.ts'
import { pageSetup } from '../src/render/docx/page-setup.ts'
import type { BlockContext } from '../src/render/docx/state.ts'
import { documentXmlFragment } from './support/docx-fragment.ts'
import { expectFixtureFile, fixtureCases, fixturesRoot, readInput, readOptional, type FixtureCase } from './support/fixtures.ts'

let brand: Brand

beforeAll(async () => {
  brand = await loadBrand()
})

interface CaseOptions extends Partial<BlockContext> {
  pageBreak?: boolean
  /** A redline's: who its tracked changes are by. */
  revisions?: RevisionAuthor
}

function inputTree(fixture: FixtureCase): Root {
  const input = readInput(fixture, ['input.html', 'input.json'])
  if (input.name === 'input.json') return JSON.parse(input.text) as Root
  return fromHtml(input.text.trim(), { fragment: true })
}

const cases = fixtureCases(path.join(fixturesRoot, 'docx'))

/** Every handler file, by name; `index.ts` is the table and `class-names.ts` a helper. */
const handlerFiles = fs
  .readdirSync(path.join(projectRoot, 'src/render/docx/handlers'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'class-names.ts')
  .map((name) => name.replace(/\.ts$/, ''))

describe('DOCX handlers, on fixtures', () => {
  it('has fixtures for every handler file', () => {
    expect(handlerFiles.length).toBeGreaterThan(0)
    expect(new Set(cases.map((fixture) => fixture.group))).toEqual(new Set(handlerFiles))
  })

  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const options = JSON.parse(readOptional(fixture, 'options.json') ?? '{}') as CaseOptions
    const { pageBreak = false, revisions, sectionLevel, ...context } = options
    const state = createState({
      brand,
      ...(revisions ? { revisions } : {}),
      counters: { listInstances: 0, drawings: 0 },
      pageBreak,
      // The report's body: A4 with the brand's margins and grid, the text column's width.
      context: { paragraphStyle: styleIds.body, listed: true, maxImageWidth: pageSetup(brand).maxImageWidth, listLevel: -1, ...context },
    })
    // As the body converts a section's own children; nested content never inherits it.
    const blocks = state.blocks(inputTree(fixture).children, sectionLevel ? { sectionLevel } : {})
    expectFixtureFile(fixture, 'output.xml', await documentXmlFragment(blocks, brand))
  })
})
