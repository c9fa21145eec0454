/**
 * The `watch` preview serves every document it lists, wherever the event's briefsFolder
 * puts the briefs (`init`'s `"briefs/{slug}"` once gave 404 on every brief). A fresh
 * `init` event is built (HTML only, no browser) and every link of the preview's index is
 * followed; the index names the documents by their titles, not their file names.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../src/watch/preview-server.ts'
import { runCli } from './support/cli.ts'

let scratch: string
let out: string
let server: PreviewServer
let outputs: string[]

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-preview-links-'))
  const event = path.join(scratch, 'workshop')
  out = path.join(scratch, 'out')
  expect((await runCli(['init', event])).code).toBe(0)
  const built = await runCli(['build', '--source', event, '--out', out, '--format', 'html', '--quiet'])
  // The scaffold's signature is a placeholder: a missing value, the draft's one warning.
  expect(built.stderr.split('\n').filter((line) => line.includes(': warning: ') || line.includes(': error: '))).toEqual([expect.stringContaining('[missing-value]')])
  outputs = (await fs.readdir(out, { recursive: true })).filter((name) => /\.(html|pdf|docx)$/.test(name)).map((name) => name.split(path.sep).join('/'))
  server = await startPreviewServer({ outDir: out, port: 0, state: () => ({ outputs, building: false }) })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('the preview of an event whose briefs are in briefs/<slug>/', () => {
  it('answers 200 on every link of its index, with the document', async () => {
    expect(outputs.some((output) => output.startsWith('briefs/workshop-outcome-report/'))).toBe(true)
    const index = await (await fetch(server.url)).text()
    const links = [...index.matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? '')
    expect(links.sort()).toEqual(outputs.map((output) => `/${output}`).sort())
    for (const link of links) {
      const response = await fetch(new URL(link, server.url))
      expect(response.status, link).toBe(200)
      expect(await response.text(), link).toContain('<main id="content">')
    }
  })

  it('lists the documents by their titles', async () => {
    const index = await (await fetch(server.url)).text()
    for (const output of outputs) {
      const title = /<title>([^<]*)<\/title>/.exec(await fs.readFile(path.join(out, output), 'utf8'))?.[1]
      expect(title).toBeTruthy()
      expect(index).toContain(`<a href="/${output}">${title}</a>`)
    }
    expect(index).not.toMatch(/>[A-Z]{3}-[a-z-]+</)
  })

  it('still refuses what it does not list outside report/ and briefs/, and paths out of the folder', async () => {
    await fs.writeFile(path.join(out, 'secret.html'), 'no')
    for (const link of ['/secret.html', '/../secret.html', '/briefs/%2e%2e/secret.html', '/.manifest.json']) {
      expect((await fetch(new URL(link, server.url))).status, link).toBe(404)
    }
  })

  it('serves no symlink whose real path is outside the output folder, and answers 400 to a malformed escape', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-preview-outside-'))
    await fs.writeFile(path.join(outside, 'leak.html'), '<title>outside</title>')
    await fs.symlink('/etc/passwd', path.join(out, 'report', 'passwd.html'))
    await fs.symlink(outside, path.join(out, 'report', 'elsewhere'))
    // A symlink that stays inside is still a built file.
    const [first] = outputs
    await fs.symlink(path.join(out, first as string), path.join(out, 'report', 'alias.html'))
    try {
      for (const link of ['/report/passwd.html', '/report/elsewhere/leak.html']) {
        const response = await fetch(new URL(link, server.url))
        expect(response.status, link).toBe(404)
        expect(await response.text(), link).not.toMatch(/root:|outside/)
      }
      expect((await fetch(new URL('/report/alias.html', server.url))).status).toBe(200)
      const malformed = await fetch(new URL('/report/%E0%A4%A.html', server.url))
      expect(malformed.status).toBe(400)
      expect(await malformed.text()).toMatch(/^Bad request/)
    } finally {
      await fs.rm(outside, { recursive: true, force: true })
    }
  })
})
