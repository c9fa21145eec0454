/** The README's directive and error tables are made from the code; this fails while they differ (run `npm run readme`). */
import fs from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { readmePath, withTables } from '../scripts/readme-tables.ts'

describe('README', () => {
  it('lists every directive and every error of the code, as the code says them', async () => {
    const readme = await fs.readFile(readmePath, 'utf8')
    expect(readme).toBe(withTables(readme))
  })
})
