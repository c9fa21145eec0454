/**
 * `--redline git:REV`: the earlier round read from git into a temporary folder, loaded as
 * content, and the folder removed afterwards; a revision that does not exist is a usage
 * error. On a git repository made here from the tiny invented event.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContentError, UsageError } from '../src/errors/catalogue.ts'
import { withEarlierRound } from '../src/redline/earlier-round.ts'
import { tinyEvent } from './support/tiny-event.ts'

let repository: string
let content: string

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: repository, stdio: 'pipe' })

beforeAll(async () => {
  repository = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-redline-git-'))
  content = path.join(repository, 'events', 'tiny')
  await fs.cp(tinyEvent, content, { recursive: true })
  git('init', '-q')
  git('add', '.')
  git('commit', '-q', '-m', 'round 1')
  git('tag', 'round-1')
  // A round whose content does not load: its errors name the files as git does.
  const forum = path.join(content, 'forum.json')
  const original = await fs.readFile(forum, 'utf8')
  await fs.writeFile(forum, original.replace('"slug"', '"slug": 1, "unknownField"'))
  git('commit', '-q', '-a', '-m', 'broken')
  git('tag', 'broken')
  await fs.writeFile(forum, original)
  // Today's content differs from the tagged round, and so does a file outside the content folder.
  const outcomes = path.join(content, 'key-outcomes.json')
  await fs.writeFile(outcomes, (await fs.readFile(outcomes, 'utf8')).replace('an *invented* outcome', 'a *revised* outcome'))
  await fs.writeFile(path.join(repository, 'elsewhere.json'), '{}')
})

afterAll(async () => {
  if (repository) await fs.rm(repository, { recursive: true, force: true })
})

describe('--redline git:REV', () => {
  it('loads the content folder as the revision holds it, then removes the copy', async () => {
    let folder = ''
    const text = await withEarlierRound('git:round-1', content, undefined, async ({ round, content: earlier }) => {
      folder = path.dirname(earlier.files.get('key-outcomes.json')?.path ?? '')
      expect(round).toBe('round-1')
      expect(earlier.files.has('elsewhere.json')).toBe(false)
      return String(earlier.files.get('key-outcomes.json')?.value)
    })
    expect(text).toContain('an *invented* outcome')
    expect(folder).not.toBe(content)
    await expect(fs.stat(folder)).rejects.toThrow()
  })

  it('names the files of a round that does not load as git names them', async () => {
    const error = await withEarlierRound('git:broken', content, undefined, async () => 'read').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContentError)
    const named = (error as ContentError).files.filter((file) => file.messages.length > 0).map((file) => file.path)
    expect(named).toEqual(['git:broken/forum.json'])
  })

  it('says so when the revision does not exist', async () => {
    await expect(withEarlierRound('git:no-such-tag', content, undefined, async () => 'read')).rejects.toBeInstanceOf(UsageError)
    await expect(withEarlierRound('git:--output=x', content, undefined, async () => 'read')).rejects.toThrow(/not a revision name/)
  })
})
