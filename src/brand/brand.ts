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
import { writeFontFolder, type FontFolder } from './font-folder.ts'
import { characterSet, woffToTrueType } from './woff.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const stylesDir = path.join(projectRoot, 'styles')

const hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour such as "#0B3B60"')

const webPackage = z.strictObject({ package: z.string().min(1), subsets: z.array(z.string().min(1)).min(1) })

/** A family shipped only as a Fontsource package: its WOFF subsets decoded to TrueType, for every format. */
const packagedFamily = z.strictObject({
  $comment: z.string().optional(),
  family: z.string().min(1),
  web: webPackage,
  faces: z.array(z.strictObject({ weight: z.number().int(), style: z.enum(['normal', 'italic']) })).min(1),
})

const brandSchema = z.strictObject({
  $comment: z.string().optional(),
  colors: z.record(z.string(), hex),
  fonts: z.strictObject({
    $comment: z.string().optional(),
    body: z.strictObject({
      $comment: z.string().optional(),
      family: z.string().min(1),
      web: webPackage,
      faces: z
        .array(z.strictObject({ weight: z.number().int(), style: z.enum(['normal', 'italic']), file: z.string().min(1) }))
        .min(1),
    }),
    code: packagedFamily,
    fallbacks: z.array(packagedFamily),
  }),
  sizes: z.record(z.string(), z.number().positive()),
  spacing: z.record(z.string(), z.number().nonnegative()),
  map: z.strictObject({
    $comment: z.string().optional(),
    printWidthMm: z.number().positive(),
    minTextPt: z.number().positive(),
    routes: z.array(hex).min(2).max(8),
  }),
  page: z.strictObject({
    size: z.literal('A4'),
    marginTop: z.string(),
    marginBottom: z.string(),
    marginInside: z.string(),
    marginOutside: z.string(),
  }),
})

export type BrandTokens = z.infer<typeof brandSchema>
type PackagedFamily = z.infer<typeof packagedFamily>

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
  /** As the package declares it; none for a package of one whole font. */
  unicodeRange: string | undefined
  /** The characters the subset has glyphs for. */
  characters: ReadonlySet<number>
  /** The same subset as WOFF (zlib-compressed TrueType), from which the TrueType file is made. */
  woff: string
  /** The subset as TrueType (from its WOFF), which the HTML edition cuts down to the characters a page shows. */
  trueType: Uint8Array
}

export interface Brand {
  tokens: BrandTokens
  /** TrueType faces, for the DOCX. */
  fonts: FontFace[]
  /** The package subsets (by script) of the body, code and fallback faces, for HTML and PDF. */
  webFonts: WebFontFace[]
  /** Every shipped font as TrueType on disk, and a fontconfig file that names only them (see font-folder.ts). */
  fontFolder: FontFolder
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
  const { body, code, fallbacks } = tokens.fonts
  const webFonts = (await Promise.all([body, code, ...fallbacks].map((family) => loadWebFonts(family)))).flat()
  const fontFolder = await writeFontFolder({ body: fonts, packaged: webFonts.filter((font) => font.family !== body.family), families: fontFamilies(tokens) })
  const digest = createHash('sha256').update(JSON.stringify(tokens))
  for (const font of fonts) digest.update('\0').update(font.data)
  // The fallback fonts' folder is named by a hash of the fonts it holds.
  digest.update('\0').update(fontFolder.directory)
  return { tokens, fonts, webFonts, fontFolder, files: [tokensPath, ...fonts.map((font) => font.absolutePath), ...webFonts.map((font) => font.woff)], digest: digest.digest('hex') }
}

/** The families in the order a glyph is looked for: the body (or code) face, then each fallback. */
export function fontFamilies(tokens: BrandTokens): { body: string[]; code: string[] } {
  const fallbacks = tokens.fonts.fallbacks.map((fallback) => fallback.family)
  return { body: [tokens.fonts.body.family, ...fallbacks], code: [tokens.fonts.code.family, ...fallbacks] }
}

/**
 * The subsets of each face (read from their WOFF as TrueType), with the unicode ranges the font package declares for
 * them (a package of one whole font declares none), and the characters each really has.
 */
async function loadWebFonts({ family, faces, web }: Pick<PackagedFamily, 'family' | 'faces' | 'web'>): Promise<WebFontFace[]> {
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
        if (!css.includes(`/* ${name} */`)) throw new Error(`Internal error: ${web.package} has no ${subset} subset for ${face.weight} ${face.style}`)
        const block = css.slice(css.indexOf(`/* ${name} */`)).split('}')[0] ?? ''
        const unicodeRange = /unicode-range:\s*([^;]+);/.exec(block)?.[1]
        const woff = path.join(packageDir, 'files', `${name}.woff`)
        const woffBytes = await fs.readFile(woff)
        const trueType = woffToTrueType(new Uint8Array(woffBytes))
        return { family, weight: face.weight, style: face.style, unicodeRange, characters: characterSet(trueType), woff, trueType }
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
    `--map-print-width: ${brand.tokens.map.printWidthMm}mm;`,
    `--font-body: ${fontStack(fontFamilies(brand.tokens).body, 'sans-serif')};`,
    `--font-code: ${fontStack(fontFamilies(brand.tokens).code, 'monospace')};`,
  ]
  return `:root {\n  ${lines.join('\n  ')}\n}`
}

/**
 * A CSS font stack. The generic family at its end reaches only the shipped fonts too:
 * Chromium's fontconfig names nothing else (font-folder.ts).
 */
export function fontStack(families: readonly string[], generic: string): string {
  return [...families.map((family) => `'${family}'`), generic].join(', ')
}
