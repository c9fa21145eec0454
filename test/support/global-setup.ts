/**
 * Builds every document once for the test files that read the real outputs (PDF text, DOCX
 * XML, HTML tree): the `outputs` project, files named `*.outputs.test.ts`. The folder
 * persists between runs and the build is the project's own incremental one, so a second
 * test run renders only what changed since the first; the manifest's keys cover the code,
 * templates, styles and content, so nothing stale is read.
 *
 * The build is started here and not awaited: the other projects run while it renders
 * (`outputs` runs last, see `sequence.groupOrder` in vitest.config.ts), and each file of
 * `outputs` waits for it before it is imported (test/support/wait-for-test-build.ts),
 * through a status file that names this run.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { build } from '../../src/pipeline/build.ts'
import { silentReporter } from '../../src/pipeline/reporter.ts'
import { projectRoot } from '../../src/brand/brand.ts'
import { testBuildStatusFile, type TestBuildStatus } from './test-build.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    outDir: string
    /** Names this run's test build in its status file. */
    testBuild: string
  }
}

export default function setup(project: TestProject) {
  const outDir = process.env.RSO_TEST_OUT ?? path.join(projectRoot, 'node_modules', '.cache', 'rso-test-out')
  const run = randomUUID()
  const statusFile = testBuildStatusFile(outDir)
  fs.mkdirSync(path.dirname(statusFile), { recursive: true })
  fs.rmSync(statusFile, { force: true })
  // Written whole, then renamed: a waiting file never reads half of it.
  const write = (status: TestBuildStatus) => {
    fs.writeFileSync(`${statusFile}.partial`, JSON.stringify(status))
    fs.renameSync(`${statusFile}.partial`, statusFile)
  }
  const building = build({
    sourceDir: path.join(projectRoot, 'source'),
    outDir,
    mode: 'draft',
    formats: ['pdf', 'html', 'docx'],
    report: true,
    briefs: 'all',
    reporter: silentReporter,
  }).then(
    (result) => {
      if (result.failed.length === 0) write({ run, failure: undefined })
      else write({ run, failure: `The test build failed:\n${result.failed.map((failure) => `${failure.output}: ${failure.error.stack}`).join('\n')}` })
    },
    (error: unknown) => write({ run, failure: `The test build failed:\n${error instanceof Error ? error.stack : String(error)}` }),
  )
  project.provide('outDir', outDir)
  project.provide('testBuild', run)
  // Vitest ends only once the build has.
  return async () => {
    await building
  }
}
