import { defineConfig } from 'vitest/config'
import LongestFirst from './test/support/sequencer.ts'

/**
 * Three projects, chosen by a test file's name, so a new file lands where it belongs:
 *
 * - `unit`: `*.unit.test.ts`. Needs no browser, no LibreOffice, no child process and no
 *   built output: the fixtures of the plugins, directives and DOCX handlers, the rebuild
 *   loop on fake timers, the code's own tables, the messages of `check` on a copy of the
 *   content (in this process). `npm run test:unit`, in seconds.
 * - `outputs`: `*.outputs.test.ts`. Reads the documents the test build wrote (all 90, once
 *   per run, incrementally: test/support/global-setup.ts) through `inject('outDir')`.
 * - `integration`: every other test. Builds, prints and converts on the small invented
 *   events, runs the real command in a child process (signals, locks, `watch`), starts
 *   Chromium. It runs while the test build renders.
 */
const unit = 'test/**/*.unit.test.ts'
const outputs = 'test/**/*.outputs.test.ts'

/**
 * Two files at a time: the machine this is sized for has two cores, and these tests spend
 * much of their time waiting for Chromium, LibreOffice or a child process.
 */
const maxWorkers = 2

export default defineConfig({
  test: {
    maxWorkers,
    // The longest files first within each project, also on a clean clone with no cache of durations.
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [unit],
          // The files share a worker's modules (loading the pipeline once, not once per file):
          // they keep no state outside a test, and runCli puts back what it changes.
          isolate: false,
          // Generous for a loaded machine; the tests themselves take seconds.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // As in `unit`: the files share a worker's modules, so the pipeline loads once per
          // worker; each test makes its own session and temporary folder.
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: [unit, outputs],
          // Read by a file that should be named *.outputs.test.ts: a folder that does not exist, named for the fix.
          provide: { outDir: '/the-test-build-is-only-for-files-named-*.outputs.test.ts', testBuild: '' },
          testTimeout: 120_000,
          hookTimeout: 360_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'outputs',
          // Shared modules as above; these files only read the test build.
          isolate: false,
          include: [outputs],
          // Starts the build of every document; each file waits for it before it is imported.
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/wait-for-test-build.ts'],
          testTimeout: 120_000,
          hookTimeout: 360_000,
          // After the other projects, which run while the test build renders.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
