/**
 * The same content gives the same bytes: two clean builds, one by the command line in a
 * fresh process and one in this process, write identical files, PDF included. A third,
 * forced build in this process starts from what the second left in memory (drawn maps,
 * PNGs, the contents' page numbers), and must not differ either. These three are builds
 * of the tiny invented event (test/fixtures/events/tiny/), which has every kind of part a
 * build makes (maps, tables, signatures, briefs). Once at full size, a clean build of the
 * real report and a brief in this process must match what the test build wrote in
 * another process (test/support/global-setup.ts).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { build } from '../src/pipeline/build.ts'
import { loadContent } from '../src/content/load.ts'
import type { Manifest } from '../src/pipeline/manifest.ts'
import { silentReporter } from '../src/pipeline/reporter.ts'
import { Session } from '../src/session/session.ts'
import { projectRoot, runCliProcess } from './support/cli.ts'
import { tinyEvent } from './support/tiny-event.ts'

const folders: string[] = []
let byCommand: Map<string, string>
let inProcess: Map<string, string>
let warm: Map<string, string>

async function scratchFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-determinism-'))
  folders.push(folder)
  return folder
}

/** sha256 of every file the build wrote (outputs and the manifest's record of them), by relative path. */
async function hashes(outDir: string): Promise<Map<string, string>> {
  const entries = await fs.readdir(outDir, { recursive: true, withFileTypes: true })
  const result = new Map<string, string>()
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name)
    const relative = path.relative(outDir, full)
    if (!entry.isFile() || (relative.startsWith('.') && relative !== '.manifest.json')) continue
    const bytes = await fs.readFile(full)
    // The manifest's keys include a hash of the tool's own files, which an edit to the code
    // between two builds changes; what it records of the outputs must agree.
    const compared = relative === '.manifest.json' ? JSON.stringify(Object.entries((JSON.parse(bytes.toString('utf8')) as Manifest).outputs).map(([output, { sha256 }]) => [output, sha256])) : bytes
    result.set(relative, createHash('sha256').update(compared).digest('hex'))
  }
  return new Map([...result].sort(([a], [b]) => a.localeCompare(b)))
}

beforeAll(async () => {
  const environment = { SOURCE_DATE_EPOCH: '' }
  const first = await scratchFolder()
  for (const args of [['--documents', 'report'], ['--country', 'THA']]) {
    const result = await runCliProcess(['build', '--quiet', '--source', tinyEvent, '--out', first, ...args], { env: environment })
    expect(result.code, result.stderr).toBe(0)
  }
  byCommand = await hashes(first)

  const session = new Session()
  try {
    const options = { sourceDir: tinyEvent, mode: 'draft', formats: ['pdf', 'docx', 'html'], report: true, briefs: ['THA'], reporter: silentReporter, session } as const
    const second = await scratchFolder()
    expect((await build({ ...options, outDir: second })).failed).toEqual([])
    inProcess = await hashes(second)
    const third = await scratchFolder()
    expect((await build({ ...options, outDir: third, force: true })).failed).toEqual([])
    warm = await hashes(third)
  } finally {
    await session.close()
  }
})

afterAll(async () => {
  for (const folder of folders) await fs.rm(folder, { recursive: true, force: true })
})

describe('deterministic builds', () => {
  it('writes every format of the report and a brief, and the manifest', () => {
    expect([...byCommand.keys()]).toEqual([
      '.manifest.json',
      ...['docx', 'html', 'pdf'].map((format) => `briefs/THA-thailand.${format}`),
      ...['docx', 'html', 'pdf'].map((format) => `report/tiny-example-forum-outcome-report.${format}`),
    ])
  })

  it('gives identical bytes in two clean builds in different processes', () => {
    expect(inProcess).toEqual(byCommand)
  })

  it('gives identical bytes when a build reuses what an earlier one kept in memory', () => {
    expect(warm).toEqual(byCommand)
  })

  it('gives the same bytes at full size: the real report and a brief, built here, as the test build wrote them in another process', async () => {
    const out = await scratchFolder()
    const result = await build({ sourceDir: path.join(projectRoot, 'source'), outDir: out, mode: 'draft', formats: ['pdf', 'docx', 'html'], report: true, briefs: ['THA'], reporter: silentReporter })
    expect(result.failed).toEqual([])
    const here = await hashes(out)
    here.delete('.manifest.json')
    const { forum } = await loadContent(path.join(projectRoot, 'source'))
    expect([...here.keys()]).toEqual([
      ...['docx', 'html', 'pdf'].map((format) => `briefs/THA-thailand.${format}`),
      ...['docx', 'html', 'pdf'].map((format) => `report/${forum.slug}.${format}`),
    ])
    const testBuild = await hashes(inject('outDir'))
    for (const [file, hash] of here) expect(testBuild.get(file), file).toBe(hash)
  }, 300_000)
})
