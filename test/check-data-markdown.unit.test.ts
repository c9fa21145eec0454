/**
 * The Markdown in the JSON files is checked once per input in a session
 * (`transform/check-data-markdown.ts`): what was found clean is not checked again, and what
 * was not is checked, and said, at every build. On the tiny invented event.
 */
import { describe, expect, it } from 'vitest'
import { loadContent } from '../src/content/load.ts'
import { checkDataMarkdown, type CleanChecks } from '../src/transform/check-data-markdown.ts'
import { tinyEvent } from './support/tiny-event.ts'

const messagesOf = (content: Awaited<ReturnType<typeof loadContent>>) => [...content.files.values()].flatMap((file) => file.messages.map((message) => message.reason))

function remembering(): CleanChecks & { keys: Set<string> } {
  const keys = new Set<string>()
  return { keys, has: (key) => keys.has(key), add: (key) => void keys.add(key) }
}

describe('the JSON\'s Markdown, checked in a session', () => {
  it('is remembered when clean, under a key of the Markdown and the folder', async () => {
    const content = await loadContent(tinyEvent, { deferErrors: true })
    expect(content.markdownFields.length).toBeGreaterThan(0)
    const clean = remembering()
    await checkDataMarkdown(content, clean)
    expect(clean.keys.size).toBe(1)
    await checkDataMarkdown(content, clean)
    expect(clean.keys.size).toBe(1)
    expect(messagesOf(content)).toEqual([])
  })

  it('is not remembered with a problem, which every check then says again; a remembered input is not checked', async () => {
    const content = await loadContent(tinyEvent, { deferErrors: true })
    const field = content.markdownFields[0]!
    field.markdown = `${field.markdown} [a link](javascript:alert(1))`
    const clean = remembering()
    await checkDataMarkdown(content, clean)
    const said = messagesOf(content).length
    expect(said).toBeGreaterThan(0)
    expect(clean.keys.size).toBe(0)
    await checkDataMarkdown(content, clean)
    expect(messagesOf(content).length).toBe(2 * said)
    // Told that this input was found clean, the check does nothing (the key is all it reads).
    await checkDataMarkdown(content, { has: () => true, add: () => undefined })
    expect(messagesOf(content).length).toBe(2 * said)
  })
})
