import { beforeAll, describe, expect, it } from 'vitest'
import { loadBrand, type Brand } from '../src/brand/brand.ts'
import { cssFontFaces } from '../src/brand/font-faces.ts'

let brand: Brand
beforeAll(async () => {
  brand = await loadBrand()
})

const families = (css: string) => new Set([...css.matchAll(/font-family: '([^']*)'/g)].map((match) => match[1]))

describe('the fonts a page carries', () => {
  it('are the body and code faces for English text with line breaks, soft hyphens and joiners', async () => {
    const css = await cssFontFaces(brand, '<p>Govern\u00adment\n\tco\u200doperation</p>\n<code>x</code>', undefined, 'en')
    expect(families(css)).toEqual(new Set([brand.tokens.fonts.body.family, brand.tokens.fonts.code.family]))
  })

  it('add the script\'s face for a script the body face lacks', async () => {
    const css = await cssFontFaces(brand, '<p>ភាសាខ្មែរ\n</p>', undefined, 'km')
    expect(families(css)).toContain('Noto Sans Khmer')
  })
})
