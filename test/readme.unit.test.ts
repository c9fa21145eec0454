/** The README's directive and error tables are made from the code; this fails while they differ (run `npm run readme`). */
import fs from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { readmePath, withTables } from '../scripts/readme-tables.ts'
import { contentFields } from '../src/content/fields.ts'
import { fieldDescriptions } from '../src/content/field-descriptions.ts'

describe('README', () => {
  it('lists every directive and every error of the code, as the code says them', async () => {
    const readme = await fs.readFile(readmePath, 'utf8')
    expect(readme).toBe(withTables(readme))
  })

  it('says what every field of every content file means, and names no field the schemas lack', () => {
    for (const [file, fields] of contentFields()) {
      const paths = fields.map((field) => field.path)
      for (const path of paths) expect(fieldDescriptions[file][path], `${file}: ${path}`).toBeTruthy()
      expect(Object.keys(fieldDescriptions[file]).filter((path) => !paths.includes(path)), file).toEqual([])
    }
  })

  it('documents the fields a new user once missed, in the table the README shows', async () => {
    const readme = await fs.readFile(readmePath, 'utf8')
    for (const field of ['countries[].article', 'countries[].shortName', 'countries[].listedAs', 'delegates', 'themes[].subtitle']) {
      expect(readme).toMatch(new RegExp(`\\| \`${field.replace(/[[\]]/g, '\\$&')}\` \\|`))
    }
  })
})
