/**
 * Builds every document once for the test files that read the real outputs (PDF text, DOCX
 * XML, HTML tree). The folder persists between runs and the build is the project's own
 * incremental one, so a second test run renders only what changed since the first; the
 * manifest's keys cover the code, templates, styles and content, so nothing stale is read.
 */
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { build } from '../../src/pipeline/build.ts'
import { silentReporter } from '../../src/pipeline/reporter.ts'
import { projectRoot } from '../../src/brand/brand.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    outDir: string
  }
}

export default async function setup(project: TestProject) {
  const outDir = process.env.RSO_TEST_OUT ?? path.join(projectRoot, 'node_modules', '.cache', 'rso-test-out')
  const result = await build({
    sourceDir: path.join(projectRoot, 'source'),
    outDir,
    mode: 'draft',
    formats: ['pdf', 'html', 'docx'],
    report: true,
    briefs: 'all',
    reporter: silentReporter,
  })
  if (result.failed.length > 0) {
    throw new Error(`The test build failed:\n${result.failed.map((failure) => `${failure.output}: ${failure.error.stack}`).join('\n')}`)
  }
  project.provide('outDir', outDir)
}
