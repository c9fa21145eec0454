/**
 * A redline's blocks added or removed whole (`redline/diff-tree.ts` classes them) have
 * their paragraph marks tracked as well as their text, so that Accept All and Reject All
 * leave no empty paragraph behind and join none. The handlers that convert an element's
 * children themselves (list items, captions) ask here too.
 */
import type { Element } from 'hast'
import { hasClass } from './handlers/class-names.ts'
import type { Revision, State } from './state.ts'

function blockRevision(node: Element): Revision | undefined {
  if (hasClass(node, 'redline-inserted')) return 'inserted'
  if (hasClass(node, 'redline-deleted')) return 'deleted'
  return undefined
}

/** The state to convert `node` in: with its paragraph marks tracked when a redline added or removed it whole. */
export function stateFor(node: Element, state: State): State {
  const revision = blockRevision(node)
  return revision ? state.within({ revision }) : state
}
