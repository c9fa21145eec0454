/**
 * Brand tokens from `styles/brand.json`, checked and with font files resolved. Both the
 * CSS (as custom properties) and the DOCX styles are built from these, so a change of
 * colour or type reaches every format at once.
 */
import { readFileSync } from 'node:fs'
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

const millimetres = z.string().regex(/^\d+(\.\d+)?mm$/, 'expected a length in millimetres such as "116mm"')

const webPackage = z.strictObject({ package: z.string().min(1), subsets: z.array(z.string().min(1)).min(1) })

/**
 * A family shipped as a Fontsource package (its WOFF subsets decoded to TrueType, for every
 * format), or as TrueType files in the repository (`file` on each face, from `styles/`)
 * where npm has no static font. A family whose package ships it in slices (CJK) names the
 * whole font's file on each face as well: a Word package embeds one font under a name, cut
 * from that file. `languages` are the documents it is the script's face for:
 * it comes first among the fallbacks there, and the DOCX names and embeds it in its `docx`
 * slot (complex script, or East Asian).
 */
const packagedFamily = z
  .strictObject({
    $comment: z.string().optional(),
    family: z.string().min(1),
    web: webPackage.optional(),
    faces: z.array(z.strictObject({ weight: z.number().int(), style: z.enum(['normal', 'italic']), file: z.string().min(1).optional() })).min(1),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).optional(),
    docx: z.enum(['cs', 'eastAsia']).optional(),
  })
  .refine((family) => family.web !== undefined || family.faces.every((face) => face.file !== undefined), 'a family needs a "web" package or a "file" on every face')

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
    marginTop: millimetres,
    marginBottom: millimetres,
    marginInside: millimetres,
    marginOutside: millimetres,
    $comment: z.string().optional(),
    textColumn: millimetres,
    gutter: millimetres,
    marginColumn: millimetres,
  }),
}).superRefine((tokens, context) => {
  const { page } = tokens
  const between = 210 - lengthInMillimetres(page.marginInside) - lengthInMillimetres(page.marginOutside)
  const grid = lengthInMillimetres(page.textColumn) + lengthInMillimetres(page.gutter) + lengthInMillimetres(page.marginColumn)
  if (Math.abs(between - grid) > 0.01) {
    context.addIssue({ code: 'custom', path: ['page', 'textColumn'], message: `textColumn, gutter and marginColumn add up to ${grid}mm; the page has ${between}mm between its margins` })
  }
})

/** A length such as "116mm", in millimetres. */
export function lengthInMillimetres(value: string): number {
  const match = /^(\d+(?:\.\d+)?)mm$/.exec(value)
  if (!match) throw new Error(`Internal error: length "${value}" in styles/brand.json is not in millimetres`)
  return Number(match[1])
}

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
  readonly trueType: Uint8Array
  /** Read only when a page needs it (a slice of a CJK font); not in Chromium's font folder. */
  lazy?: boolean
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
export function resolveFont(file: string): string {
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
  const webFonts = (await Promise.all([body, code, ...fallbacks].map((family) => loadWebFonts(family as PackagedFamily)))).flat()
  const fontFolder = await writeFontFolder({ body: fonts, packaged: webFonts.filter((font) => font.family !== body.family && !font.lazy), families: fontFamilies(tokens) })
  const digest = createHash('sha256').update(JSON.stringify(tokens))
  for (const font of fonts) digest.update('\0').update(font.data)
  // The fallback fonts' folder is named by a hash of the fonts it holds.
  digest.update('\0').update(fontFolder.directory)
  return { tokens, fonts, webFonts, fontFolder, files: [tokensPath, ...fonts.map((font) => font.absolutePath), ...webFonts.filter((font) => !font.lazy).map((font) => font.woff)], digest: digest.digest('hex') }
}

/**
 * The families in the order a glyph is looked for: the body (or code) face, then each
 * fallback; for a document in `language`, the fallbacks made for it come first (Urdu's
 * Nastaliq before the Naskh of Arabic and Persian).
 */
export function fontFamilies(tokens: BrandTokens, language?: string): { body: string[]; code: string[] } {
  const fallbacks = orderedFallbacks(tokens, language).map((fallback) => fallback.family)
  return { body: [tokens.fonts.body.family, ...fallbacks], code: [tokens.fonts.code.family, ...fallbacks] }
}

export function orderedFallbacks(tokens: BrandTokens, language?: string): BrandTokens['fonts']['fallbacks'] {
  const primary = language?.split('-')[0]?.toLowerCase()
  const own = tokens.fonts.fallbacks.filter((fallback) => primary !== undefined && fallback.languages?.includes(primary))
  return [...own, ...tokens.fonts.fallbacks.filter((fallback) => !own.includes(fallback))]
}

/** The fallback family that writes a language's script, if the language needs one (Thai, Arabic, ...). */
export function scriptFamily(tokens: BrandTokens, language: string): BrandTokens['fonts']['fallbacks'][number] | undefined {
  const primary = language.split('-')[0]?.toLowerCase() ?? ''
  return tokens.fonts.fallbacks.find((fallback) => fallback.languages?.includes(primary))
}

/**
 * The subsets of each face (read from their WOFF as TrueType), with the unicode ranges the font package declares for
 * them (a package of one whole font declares none), and the characters each really has.
 */
async function loadWebFonts({ family, faces, web }: Pick<PackagedFamily, 'family' | 'faces' | 'web'>): Promise<WebFontFace[]> {
  if (!web) {
    return Promise.all(
      faces.map(async (face) => {
        const file = resolveFont(face.file as string)
        const trueType = new Uint8Array(await fs.readFile(file))
        return { family, weight: face.weight, style: face.style, unicodeRange: undefined, characters: characterSet(trueType), woff: file, trueType }
      }),
    )
  }
  const packageDir = path.dirname(require.resolve(`${web.package}/package.json`))
  const slug = path.basename(web.package)
  const stylesheets = new Map<string, Promise<string>>()
  const stylesheet = (name: string) => {
    if (!stylesheets.has(name)) stylesheets.set(name, fs.readFile(path.join(packageDir, name), 'utf8'))
    return stylesheets.get(name) as Promise<string>
  }
  // "*": every subset the package declares (a CJK font comes in a hundred slices by frequency).
  const declared = async (face: { weight: number; style: string }) => {
    if (!web.subsets.includes('*')) return web.subsets
    const css = await stylesheet(`${face.weight}${face.style === 'italic' ? '-italic' : ''}.css`)
    const suffix = `-${face.weight}-${face.style} */`
    return [...css.matchAll(/\/\* (\S+) \*\//g)].map((match) => match[1] as string).filter((name) => name.startsWith(`${slug}-`) && `${name} */`.endsWith(suffix)).map((name) => name.slice(slug.length + 1, -(suffix.length - 3)))
  }
  const subsetsOf = await Promise.all(faces.map(declared))
  const result = await Promise.all(
    faces.flatMap((face, faceIndex) =>
      (subsetsOf[faceIndex] ?? []).map(async (subset) => {
        const name = `${slug}-${subset}-${face.weight}-${face.style}`
        const css = await stylesheet(`${face.weight}${face.style === 'italic' ? '-italic' : ''}.css`)
        if (!css.includes(`/* ${name} */`)) throw new Error(`Internal error: ${web.package} has no ${subset} subset for ${face.weight} ${face.style}`)
        const block = css.slice(css.indexOf(`/* ${name} */`)).split('}')[0] ?? ''
        const unicodeRange = /unicode-range:\s*([^;]+);/.exec(block)?.[1]
        // The file as the package's stylesheet names it (a CJK slice "[0]" is the file "0").
        const woff = path.join(packageDir, 'files', /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1] ?? `${name}.woff`)
        if (web.subsets.includes('*') && unicodeRange) {
          // A font in a hundred slices (CJK): each slice's range is its characters, and a
          // slice is read only when a page shows one of them; it stays out of Chromium's
          // font folder, since every page that uses it inlines it.
          return lazyFace({ family, weight: face.weight, style: face.style, unicodeRange, woff })
        }
        const woffBytes = await fs.readFile(woff)
        const trueType = woffToTrueType(new Uint8Array(woffBytes))
        return { family, weight: face.weight, style: face.style, unicodeRange, characters: characterSet(trueType), woff, trueType }
      }),
    ),
  )
  return result
}

/** A face read only when a page needs it: its characters are its slice's range. */
export function lazyFace({ family, weight, style, unicodeRange, woff }: Pick<WebFontFace, 'family' | 'weight' | 'style' | 'woff'> & { unicodeRange: string }): WebFontFace {
  let trueType: Uint8Array | undefined
  return {
    family, weight, style, unicodeRange, characters: rangeCharacters(unicodeRange), woff, lazy: true,
    get trueType() {
      trueType ??= woffToTrueType(new Uint8Array(readFileSync(woff)))
      return trueType
    },
  }
}

/** A colour token, without its `#`, as DOCX wants it. */
export function docxColor(brand: Brand, name: string): string {
  const value = brand.tokens.colors[name]
  if (!value) throw new Error(`Internal error: no colour "${name}" in styles/brand.json`)
  return value.slice(1).toUpperCase()
}

/** `:root { --color-primary: ...; --size-body: 10.5pt; ... }` for the stylesheets. */
export function cssCustomProperties(brand: Brand, language?: string): string {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
  const lines = [
    ...Object.entries(brand.tokens.colors).map(([name, value]) => `--color-${kebab(name)}: ${value};`),
    ...Object.entries(brand.tokens.sizes).map(([name, value]) => `--size-${kebab(name)}: ${value}pt;`),
    ...Object.entries(brand.tokens.spacing).map(([name, value]) =>
      name === 'lineHeight' ? `--line-height: ${value};` : `--space-${kebab(name)}: ${value}pt;`,
    ),
    `--text-column: ${brand.tokens.page.textColumn};`,
    `--gutter: ${brand.tokens.page.gutter};`,
    `--margin-column: ${brand.tokens.page.marginColumn};`,
    `--map-print-width: ${brand.tokens.map.printWidthMm}mm;`,
    `--font-body: ${fontStack(fontFamilies(brand.tokens, language).body, 'sans-serif')};`,
    `--font-code: ${fontStack(fontFamilies(brand.tokens, language).code, 'monospace')};`,
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

/** The code points of a CSS `unicode-range` ("U+4e00-4e0f, U+3001"). */
function rangeCharacters(range: string): Set<number> {
  const result = new Set<number>()
  for (const part of range.split(',')) {
    const match = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim())
    if (!match) continue
    const [, from = '', to] = match
    const low = parseInt(from.replace(/\?/g, '0'), 16)
    const high = to ? parseInt(to, 16) : parseInt(from.replace(/\?/g, 'f'), 16)
    for (let point = low; point <= high; point++) result.add(point)
  }
  return result
}
