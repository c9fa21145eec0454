/** Where the test build (test/support/global-setup.ts) says it has finished, and how a test file waits for it. */
import fs from 'node:fs/promises'
import path from 'node:path'

export interface TestBuildStatus {
  /** The run of global-setup.ts that wrote it. */
  run: string
  /** Why the build failed; undefined when every output was written. */
  failure: string | undefined
}

/** Beside the output folder, so that the build never sees it. */
export function testBuildStatusFile(outDir: string): string {
  return `${path.resolve(outDir)}.status.json`
}

/** Resolves once the build of run `run` has finished; throws its failure. */
export async function waitForTestBuild(outDir: string, run: string): Promise<void> {
  const file = testBuildStatusFile(outDir)
  for (;;) {
    const status = await fs.readFile(file, 'utf8').then((text) => JSON.parse(text) as TestBuildStatus).catch(() => undefined)
    if (status?.run === run) {
      if (status.failure !== undefined) throw new Error(status.failure)
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
