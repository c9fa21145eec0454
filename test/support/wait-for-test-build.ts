/**
 * A setup file of the `outputs` project: runs before each of its test files is imported,
 * and holds it until the test build has written every document (a file may read them at
 * import). See global-setup.ts.
 */
import { inject } from 'vitest'
import { waitForTestBuild } from './test-build.ts'

await waitForTestBuild(inject('outDir'), inject('testBuild'))
