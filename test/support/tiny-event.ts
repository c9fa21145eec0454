/** The tiny invented event (`test/fixtures/events/tiny/`), copied to a temporary folder to edit or break. */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { tinyEvent } from './fixtures.ts'

export { tinyEvent }

export async function copyTinyEvent(): Promise<string> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-tiny-'))
  await fs.cp(tinyEvent, directory, { recursive: true })
  return directory
}
