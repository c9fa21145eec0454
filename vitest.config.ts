import { defineConfig } from 'vitest/config'

/**
 * Tests that need no browser and no built outputs: fixtures of the plugins, directives and
 * DOCX handlers, the rebuild loop on fake timers, checks of the code's own tables. They run
 * alone with `npm run test:unit`, in seconds. A new test of that kind goes here (or is
 * named `*.unit.test.ts`); every other test is in the `outputs` project.
 */
const unitTests = [
  'test/**/*.unit.test.ts',
  'test/transform-fixtures.test.ts',
  'test/docx-handlers.test.ts',
  'test/watch-rebuild-loop.test.ts',
  'test/commonmark.test.ts',
  'test/readme.test.ts',
  'test/brand-contrast.test.ts',
]

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: unitTests,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'outputs',
          include: ['test/**/*.test.ts'],
          exclude: unitTests,
          // Builds every document once for the tests that read the real outputs.
          globalSetup: ['test/support/global-setup.ts'],
          // Rendering tests start Chromium and LibreOffice; two cores are all CI has.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
