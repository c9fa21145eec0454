/**
 * The order test files start in: within a project (and `sequence.groupOrder`), the longest
 * first, so that the two workers end together rather than one running a two-minute file
 * alone at the end while the other waits. Vitest's own order does this from its cache of
 * the last run's durations, but a clean clone (CI) has no cache, and then Vitest starts the
 * largest files first, which put the fault files, short in lines and long in time, last.
 *
 * The durations below are seconds each file took on the 2-core machine (6 December 2026,
 * in the last CI run, or scaled from a same-load pair of `npx vitest run <file>` runs
 * after a change); only their order matters. A file missing here starts before
 * the ones listed (Vitest's cache, when it has the file, decides among those), so a new
 * heavy file is never the one left running at the end: add it here once measured.
 */
import path from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

export const measuredSeconds: Readonly<Record<string, number>> = {
  // integration
  'faults-signals.test.ts': 139,
  'faults-kill-steps.test.ts': 120,
  'review.test.ts': 51,
  'review-hostile.test.ts': 32,
  'words.test.ts': 31,
  'security.test.ts': 31,
  'faults-print-queue.test.ts': 27,
  'events.test.ts': 26,
  'collections.test.ts': 24,
  'collection-fuzz.test.ts': 21,
  'page-fit.test.ts': 20,
  'watch.test.ts': 19,
  'limits.test.ts': 18,
  'incremental.test.ts': 18,
  'languages.test.ts': 17,
  'maps.test.ts': 17,
  'property.test.ts': 11,
  'print-defences.test.ts': 10,
  'redline-git.test.ts': 8,
  'node-version.test.ts': 1,
  'check-one-run.test.ts': 0.2,
  // outputs
  'determinism.outputs.test.ts': 85,
  'accessibility-html.outputs.test.ts': 45,
  'fonts.outputs.test.ts': 28,
  'readers.outputs.test.ts': 25,
  'redline.outputs.test.ts': 20,
  'accessibility-html-final.outputs.test.ts': 20,
  'map-legibility.outputs.test.ts': 10,
  'pdf-accessibility.outputs.test.ts': 5,
  'typography.outputs.test.ts': 4,
  'page-design.outputs.test.ts': 3,
  'review-real-report.outputs.test.ts': 2.5,
  'brief-repetition.outputs.test.ts': 2,
  'report-pdf.outputs.test.ts': 1.3,
  'maps-in-outputs.outputs.test.ts': 1,
  'docx-accessibility.outputs.test.ts': 0.2,
  // unit
  'check-errors.unit.test.ts': 10,
  'up-to-date.unit.test.ts': 5,
  'docx.unit.test.ts': 4.5,
  'render-content-errors.unit.test.ts': 3,
  'briefs.unit.test.ts': 3,
  'review-hostile.unit.test.ts': 2.6,
  'docx-handlers.unit.test.ts': 2.3,
  'map-text-metrics.unit.test.ts': 2,
  'commonmark.unit.test.ts': 1.2,
  'languages.unit.test.ts': 1.1,
  'signature-placeholder.unit.test.ts': 1,
  'docx-flow.unit.test.ts': 0.4,
  'page-flow.unit.test.ts': 0.2,
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's order first (its groups, its projects one after another, and its cache), then ours within each project.
    const vitestOrder = await super.sort(files)
    const position = new Map(vitestOrder.map((file, index) => [file, index]))
    const seconds = (file: TestSpecification) => measuredSeconds[path.basename(file.moduleId)]
    return [...files].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder
      if (group !== 0) return group
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1
      const [timeA, timeB] = [seconds(a), seconds(b)]
      if (timeA === undefined || timeB === undefined) {
        if (timeA !== timeB) return timeA === undefined ? -1 : 1
        return position.get(a)! - position.get(b)!
      }
      return timeB - timeA || position.get(a)! - position.get(b)!
    })
  }
}
