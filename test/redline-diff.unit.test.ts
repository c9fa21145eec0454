/** The redline's tree merge (`src/redline/diff-tree.ts`) on small invented sections. */
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it } from 'vitest'
import { createTally, redlineTree } from '../src/redline/diff-tree.ts'
import { roundName } from '../src/redline/earlier-round.ts'
import { UsageError } from '../src/errors/catalogue.ts'

const merge = (earlier: string | undefined, today: string | undefined) => {
  const tally = createTally()
  const tree = redlineTree(earlier === undefined ? undefined : fromHtml(earlier, { fragment: true }), today === undefined ? undefined : fromHtml(today, { fragment: true }), tally)
  return { html: toHtml(tree), changes: tally.changes }
}

describe('redlineTree', () => {
  it('leaves unchanged blocks as they are, without a mark', () => {
    const html = '<h2 id="a">Title</h2><p>Same <em>words</em>.</p><ul><li>One</li></ul>'
    expect(merge(html, html)).toEqual({ html, changes: [] })
  })

  it('marks the words of a changed block, a replaced phrase as one change, and keeps the formatting around them, each round\'s own', () => {
    const { html, changes } = merge('<p>Delegates <strong>offer a useful</strong> route. It met.</p><p>Same.</p>', '<p>Delegates <strong>provide an effective</strong> route. It met. It wrote.</p><p>Same.</p>')
    expect(html).toBe(
      '<p id="redline-change-1" class="redline-changed">Delegates <strong><del class="redline">offer a useful</del></strong><strong><ins class="redline">provide an effective</ins></strong> route. It met.<ins class="redline"> It wrote.</ins></p><p>Same.</p>',
    )
    expect(changes).toEqual([{ anchor: 'redline-change-1' }])
  })

  it('pairs the items of a changed list, and marks an item added or removed whole', () => {
    const { html } = merge('<ul><li>One thing</li><li>Two things</li><li>Gone entirely</li></ul>', '<ul><li>One thing</li><li>Three things</li><li>A new item here</li></ul>')
    expect(html).toBe(
      '<ul><li>One thing</li><li id="redline-change-1" class="redline-changed"><del class="redline">Two</del><ins class="redline">Three</ins> things</li><li id="redline-change-2" class="redline-inserted"><ins class="redline">A new item here</ins></li><li id="redline-change-3" class="redline-deleted"><del class="redline">Gone entirely</del></li></ul>',
    )
  })

  it('marks a section that is new, or gone, whole; a gone heading keeps no id of its own', () => {
    expect(merge(undefined, '<p>New.</p>').html).toBe('<p id="redline-change-1" class="redline-inserted"><ins class="redline">New.</ins></p>')
    expect(merge('<h1 id="old">Old</h1>', undefined).html).toBe('<h1 id="redline-change-1" class="redline-deleted"><del class="redline">Old</del></h1>')
  })

  it('reads an image whose alternative text changed as the old image deleted and the new inserted', () => {
    const { html } = merge('<p>Signed <img src="data:image/png;base64,AA==" alt="A signature"></p>', '<p>Signed <img src="data:image/png;base64,AA==" alt="A blue signature"></p>')
    expect(html).toBe('<p id="redline-change-1" class="redline-changed">Signed <del class="redline"><img src="data:image/png;base64,AA==" alt="A signature"></del><ins class="redline"><img src="data:image/png;base64,AA==" alt="A blue signature"></ins></p>')
  })
})

describe('roundName', () => {
  it('makes the earlier round\'s name safe in a file name, and refuses one that leaves nothing', () => {
    expect(roundName('Sent 3 March')).toBe('sent-3-march')
    expect(roundName('v1.2^{}')).toBe('v1-2')
    expect(() => roundName('…')).toThrow(UsageError)
  })
})
