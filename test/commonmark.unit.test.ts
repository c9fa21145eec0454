/**
 * An outside check on the Markdown set-up: every example of the CommonMark spec goes
 * through the Markdown stage (parse, directives, references, sanitise) without a crash.
 * The output is not compared with the spec's HTML: directives, GFM, the refusal of raw
 * HTML and unsafe links change it on purpose. What must hold is that each example ends in
 * a tree, with only catalogue messages, and with no script in it.
 */
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import { dangerIn, isContentMessage, markdownStage } from './fixtures/hostile/stage.ts'

const require = createRequire(import.meta.url)
const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; html: string; section: string; number: number }> }
// The spec shows tabs as →.
const examples = spec.tests.map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, '\t') }))

let stage: Awaited<ReturnType<typeof markdownStage>>
beforeAll(async () => {
  stage = await markdownStage()
})

describe('CommonMark spec examples through the Markdown stage', () => {
  it('has the examples', () => {
    expect(examples.length).toBeGreaterThan(600)
  })

  it.each(examples.map((example) => [example.number, example.section, example] as const))('example %i (%s)', async (_number, _section, example) => {
    const { file, tree, html } = await stage.run(`---\ntitle: Example\n---\n\n${example.markdown}`)
    expect(tree.type).toBe('root')
    expect(file.messages.filter((message) => !isContentMessage(message))).toEqual([])
    expect(dangerIn(html)).toEqual([])
  })
})
