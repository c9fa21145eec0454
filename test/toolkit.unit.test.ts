/**
 * A watching command's session keeps the toolkit (the brand with its fonts made ready, the
 * templates, the stylesheet) between builds while no file it is made from changes.
 */
import { describe, expect, it } from 'vitest'
import { toolkitOf } from '../src/pipeline/plan.ts'
import { Session } from '../src/session/session.ts'

describe('the session toolkit', () => {
  it('is loaded once per session while styles, templates and the lock file stay the same', async () => {
    const session = new Session()
    try {
      const first = await toolkitOf(session)
      expect(await toolkitOf(session)).toBe(first)
      const other = new Session()
      try {
        expect(await toolkitOf(other)).not.toBe(first)
      } finally {
        await other.close()
      }
    } finally {
      await session.close()
    }
  })
})
