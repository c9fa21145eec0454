/** The redline's tree merge (`src/redline/diff-tree.ts`) and document (`redline-document.ts`) on small invented sections. */
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it } from 'vitest'
import { createTally, redlineTree } from '../src/redline/diff-tree.ts'
import { roundName } from '../src/redline/earlier-round.ts'
import { UsageError } from '../src/errors/catalogue.ts'
import { redlineDocument } from '../src/redline/redline-document.ts'
import type { DocumentSection, PublishedDocument } from '../src/assemble/model.ts'
import type { Words } from '../src/content/words.ts'
import type { Root } from 'hast'

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

describe('redlineDocument', () => {
  const words = { say: (key: string, values: Record<string, unknown> = {}) => `${key} ${JSON.stringify(values)}` } as unknown as Words
  const section = (html: string): DocumentSection => ({ id: 'routes', title: 'Routes', toc: true, newPage: true, tree: fromHtml(html, { fragment: true }) })
  const documentOf = (html: string) => ({ outputPath: 'report/invented', metadata: { title: 'Invented', date: new Date('2030-01-01T00:00:00Z') }, sections: [section(html)] }) as unknown as PublishedDocument
  const map = '<figure class="map" data-map="corridors"></figure>'

  it('bars the maps when what they are drawn from changed, without touching today\'s document', () => {
    const today = documentOf(`<p>Same.</p>${map}`)
    const redline = redlineDocument(documentOf(`<p>Same.</p>${map}`), today, { round: 'round-1', author: 'RSO', mapsChanged: true }, words)
    expect(redline.outputPath).toBe('report/invented.changes-since-round-1')
    expect(redline.redline).toEqual({ round: 'round-1', author: 'RSO', date: '2030-01-01T00:00:00Z', documentId: 'report/invented' })
    expect(toHtml(redline.sections[1]?.tree as Root)).toBe('<p>Same.</p><figure class="map redline-changed" data-map="corridors" id="redline-change-1"></figure>')
    expect(toHtml(today.sections[0]?.tree as Root)).toBe(`<p>Same.</p>${map}`)
    expect(redline.sections[0]?.redlineSummary).toBe(true)
    expect(toHtml(redline.sections[0]?.tree as Root)).toContain('href="#redline-change-1"')
  })

  it('leaves the maps unmarked when their data did not change', () => {
    const redline = redlineDocument(documentOf(map), documentOf(map), { round: 'round-1', author: 'RSO' }, words)
    expect(toHtml(redline.sections[1]?.tree as Root)).toBe(map)
  })
})
