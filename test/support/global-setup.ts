/**
 * Builds every document once, into a temporary folder, for the test files that read the
 * real outputs (PDF text, DOCX XML, HTML tree).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { build } from '../../src/build/build.ts'
import { silentReporter } from '../../src/build/reporter.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    outDir: string
  }
}

export default async function setup(project: TestProject) {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-test-out-'))
  const result = await build({
    sourceDir: 'source',
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
  return async () => {
    await fs.rm(outDir, { recursive: true, force: true })
  }
}
