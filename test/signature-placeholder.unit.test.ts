/**
 * A placeholder signature is a missing value: on a fresh `init` event (whose signature is a
 * placeholder), a draft shows the placeholder with a mark and says so, its text alternative
 * says what is there (an empty box), and a final check stops at the place in forum.json.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/cli.ts'

let scratch: string
let event: string

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-signature-placeholder-'))
  event = path.join(scratch, 'workshop')
  expect((await runCli(['init', event])).code).toBe(0)
}, 60_000)

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true })
})

/** Line and column of the first `needle` in a file of the event. */
async function placeOf(file: string, needle: string): Promise<string> {
  const text = await fs.readFile(path.join(event, file), 'utf8')
  const before = text.slice(0, text.indexOf(needle)).split('\n')
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
}

describe('a placeholder signature', () => {
  it('fails a final check at its place in forum.json', async () => {
    const result = await runCli(['check', '--final', '--source', event])
    expect(result.code).toBe(1)
    expect(result.stderr.toLowerCase()).toContain(`forum.json:${await placeOf('forum.json', '"The signature is a placeholder')}: error: missing: the signature of name of the signatory.`)
  })

  it('shows in a draft as the placeholder with its mark, described as what it is', async () => {
    const out = path.join(scratch, 'out')
    const built = await runCli(['build', '--source', event, '--out', out, '--documents', 'report', '--format', 'html', '--quiet'])
    expect(built.code).toBe(0)
    expect(built.stderr.toLowerCase()).toContain('warning: missing: the signature of name of the signatory.')
    const html = await fs.readFile(path.join(out, 'report', 'workshop-outcome-report.html'), 'utf8')
    const images = [...html.matchAll(/<img[^>]*class="signature-image"[^>]*>/g)].map((match) => match[0])
    expect(images).toHaveLength(1)
    expect(images[0]).toContain('alt="An empty box where the signature will be"')
    expect(html).toMatch(/<mark class="missing">\[missing: [Tt]he signature of Name of the signatory\]<\/mark>/)
  })
})
