/** What a review finds and gives back: shared by the command (`index.ts`) and the review file (`report.ts`). */
import type { Edit } from './map-to-source.ts'

export type ReviewRule = 'review-change' | 'review-comment' | 'review-pipeline-words' | 'review-conflict' | 'review-ambiguous' | 'review-uncertain'

export interface ReviewItem {
  rule: ReviewRule
  /** Absolute path of the file the item is placed in. */
  file: string
  line: number
  column: number
  message: string
  /** Not carried into the content: the command exits 1. */
  left: boolean
  edits: Edit[]
}

export interface ReviewOptions {
  docx: string
  sourceDir: string
  apply: boolean
}

export interface ReviewResult {
  items: ReviewItem[]
  /** Content files written (with `apply`). */
  written: string[]
  reviewFile: string
  document: string
}
