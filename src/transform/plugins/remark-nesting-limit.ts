/**
 * Refuses a Markdown tree nested beyond `limits.markdownTreeDepth` before any plugin or
 * converter walks it: they recurse, and thousands of nested quotes, lists or emphases would
 * overflow the stack. Runs first; the line scan at loading catches most cases earlier.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { checkMarkdownTree } from '../../content/limits.ts'

export function remarkNestingLimit() {
  return (tree: Root, file: VFile) => {
    checkMarkdownTree(tree, file)
  }
}
