/**
 * Brand tokens from `styles/brand.json`, checked and with font files resolved. Both the
 * CSS (as custom properties) and the DOCX styles are built from these, so a change of
 * colour or type reaches every format at once.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const stylesDir = path.join(projectRoot, 'styles')

const hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour such as "#0B3B60"')

const brandSchema = z.strictObject({
  $comment: z.string().optional(),
  colors: z.record(z.string(), hex),
  fonts: z.strictObject({
    body: z.strictObject({
      $comment: z.string().optional(),
      family: z.string().min(1),
      web: z.strictObject({ package: z.string().min(1), subsets: z.array(z.string().min(1)).min(1) }),
      faces: z
        .array(z.strictObject({ weight: z.number().int(), style: z.enum(['normal', 'italic']), file: z.string().min(1) }))
        .min(1),
    }),
  }),
  sizes: z.record(z.string(), z.number().positive()),
  spacing: z.record(z.string(), z.number().nonnegative()),
  page: z.strictObject({
    size: z.literal('A4'),
    marginTop: z.string(),
    marginBottom: z.string(),
    marginInside: z.string(),
    marginOutside: z.string(),
  }),
})

export type BrandTokens = z.infer<typeof brandSchema>

export interface FontFace {
  family: string
  weight: number
  style: 'normal' | 'italic'
  /** TrueType bytes. */
  data: Uint8Array
  absolutePath: string
}

export interface WebFontFace {
  family: string
  weight: number
  style: 'normal' | 'italic'
  /** WOFF2 bytes of one subset. */
  data: Uint8Array
  unicodeRange: string
}

export interface Brand {
  tokens: BrandTokens
  /** TrueType faces, for the DOCX. */
  fonts: FontFace[]
  /** WOFF2 subsets of the same faces, for HTML and PDF. */
  webFonts: WebFontFace[]
  /** Files the brand is made of, for rebuild decisions. */
  files: string[]
  /** Hash of the tokens and the font files: what drawn maps depend on. */
  digest: string
}

const require = createRequire(import.meta.url)

/** Resolves a font file: a package path (`@scope/name/file.ttf`) or a path relative to `styles/`. */
function resolveFont(file: string): string {
  if (file.startsWith('.') || file.startsWith('/')) return path.resolve(stylesDir, file)
  return require.resolve(file)
}

export async function loadBrand(directory = stylesDir): Promise<Brand> {
  const tokensPath = path.join(directory, 'brand.json')
  const tokens = brandSchema.parse(JSON.parse(await fs.readFile(tokensPath, 'utf8')))
  const fonts = await Promise.all(
    tokens.fonts.body.faces.map(async (face) => {
      const absolutePath = resolveFont(face.file)
      return { family: tokens.fonts.body.family, weight: face.weight, style: face.style, data: new Uint8Array(await fs.readFile(absolutePath)), absolutePath }
    }),
  )
  const webFonts = await loadWebFonts(tokens)
  const digest = createHash('sha256').update(JSON.stringify(tokens))
  for (const font of fonts) digest.update('\0').update(font.data)
  return { tokens, fonts, webFonts, files: [tokensPath, ...fonts.map((font) => font.absolutePath)], digest: digest.digest('hex') }
}

/** The WOFF2 subsets of each face, with the unicode ranges the font package declares for them. */
async function loadWebFonts(tokens: BrandTokens): Promise<WebFontFace[]> {
  const { family, faces, web } = tokens.fonts.body
  const packageDir = path.dirname(require.resolve(`${web.package}/package.json`))
  const slug = path.basename(web.package)
  const stylesheets = new Map<string, Promise<string>>()
  const stylesheet = (name: string) => {
    if (!stylesheets.has(name)) stylesheets.set(name, fs.readFile(path.join(packageDir, name), 'utf8'))
    return stylesheets.get(name) as Promise<string>
  }
  const result = await Promise.all(
    faces.flatMap((face) =>
      web.subsets.map(async (subset) => {
        const name = `${slug}-${subset}-${face.weight}-${face.style}`
        const css = await stylesheet(`${face.weight}${face.style === 'italic' ? '-italic' : ''}.css`)
        const block = css.slice(css.indexOf(`/* ${name} */`))
        const unicodeRange = /unicode-range:\s*([^;]+);/.exec(block)?.[1]
        if (!css.includes(`/* ${name} */`) || !unicodeRange) throw new Error(`Internal error: ${web.package} has no ${subset} subset for ${face.weight} ${face.style}`)
        const data = new Uint8Array(await fs.readFile(path.join(packageDir, 'files', `${name}.woff2`)))
        return { family, weight: face.weight, style: face.style, data, unicodeRange }
      }),
    ),
  )
  return result
}

/** A colour token, without its `#`, as DOCX wants it. */
export function docxColor(brand: Brand, name: string): string {
  const value = brand.tokens.colors[name]
  if (!value) throw new Error(`Internal error: no colour "${name}" in styles/brand.json`)
  return value.slice(1).toUpperCase()
}

/** `:root { --color-primary: ...; --size-body: 10.5pt; ... }` for the stylesheets. */
export function cssCustomProperties(brand: Brand): string {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
  const lines = [
    ...Object.entries(brand.tokens.colors).map(([name, value]) => `--color-${kebab(name)}: ${value};`),
    ...Object.entries(brand.tokens.sizes).map(([name, value]) => `--size-${kebab(name)}: ${value}pt;`),
    ...Object.entries(brand.tokens.spacing).map(([name, value]) =>
      name === 'lineHeight' ? `--line-height: ${value};` : `--space-${kebab(name)}: ${value}pt;`,
    ),
    `--font-body: '${brand.tokens.fonts.body.family}', sans-serif;`,
  ]
  return `:root {\n  ${lines.join('\n  ')}\n}`
}

/** `@font-face` rules with the fonts inlined, so the browser loads nothing. */
export function cssFontFaces(brand: Brand): string {
  return brand.webFonts
    .map(
      (font) =>
        `@font-face { font-family: '${font.family}'; font-weight: ${font.weight}; font-style: ${font.style}; font-display: block; src: url(data:font/woff2;base64,${Buffer.from(font.data).toString('base64')}) format('woff2'); unicode-range: ${font.unicodeRange}; }`,
    )
    .join('\n')
}
