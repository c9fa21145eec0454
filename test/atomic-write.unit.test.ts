import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../src/session/atomic-write.ts'

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-atomic-'))
afterAll(() => fs.rm(root, { recursive: true, force: true }))

describe('writing an output whole', () => {
  it('makes its folder, and makes it again when it was removed after the first write', async () => {
    const file = path.join(root, 'out', 'briefs', 'a.txt')
    await writeFileAtomic(file, 'first')
    await fs.rm(path.join(root, 'out'), { recursive: true })
    await writeFileAtomic(file, 'second')
    expect(await fs.readFile(file, 'utf8')).toBe('second')
    expect(await fs.readdir(path.dirname(file))).toEqual(['a.txt'])
  })
})
