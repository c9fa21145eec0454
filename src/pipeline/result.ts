/** What a build gives back: made by `build.ts`, and by `up-to-date.ts` for a build with nothing to do. */
import type { VFile } from 'vfile'
import type { StageTime } from '../session/session.ts'

export interface BuildResult {
  written: string[]
  /** Outputs already current, not rendered again. */
  unchanged: string[]
  failed: Array<{ output: string; error: Error }>
  /** Outputs of this event that an earlier build made and this one no longer makes, removed from the output folder. */
  removed?: string[]
  /** Files with warnings (for example a value marked missing in a draft). */
  warnings: VFile[]
  /** The warnings as text, when they come from the manifest (a build with nothing to do, `up-to-date.ts`). */
  warningText?: string
  /** Time spent in each stage by the session, this build included (see `Session.time`). */
  stages: Record<string, StageTime>
}
