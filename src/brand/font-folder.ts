/**
 * The fonts the project ships, as one folder of TrueType files with a fontconfig file that
 * names that folder and nothing else. Chromium is started with FONTCONFIG_FILE pointing at
 * it, so a glyph that no `@font-face` covers still comes from a shipped font, never from
 * whatever the machine has installed; resvg is given the same files for the map images.
 *
 * The folder is named by a hash of what it holds, under the system's temporary folder: it
 * is written once per machine and font set, and a changed brand gets a new one.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { escapeXml } from '../text/xml.ts'

export interface FontFolder {
  /** Holds `fonts.conf`, the TrueType files made from the packaged fonts, and fontconfig's cache. */
  directory: string
  /** The fontconfig file for Chromium: only the shipped fonts, generic families mapped to them. */
  configFile: string
  /** Every shipped TrueType file: the body faces (from their package) and the packaged fonts made TrueType. */
  trueTypeFiles: string[]
}

export interface FontFolderInput {
  body: ReadonlyArray<{ absolutePath: string }>
  /** Packaged (web-only) subsets, each with its TrueType bytes (made from its WOFF, or its file as it is). */
  packaged: ReadonlyArray<{ woff: string; trueType: Uint8Array }>
  families: { body: readonly string[]; code: readonly string[] }
}

export async function writeFontFolder(input: FontFolderInput, parent = path.join(os.tmpdir(), 'rso-docs-fonts')): Promise<FontFolder> {
  // A family shipped as TrueType files keeps its file's name.
  const packaged = input.packaged.map((font) => ({ name: font.woff.endsWith('.ttf') ? path.basename(font.woff) : `${path.basename(font.woff, '.woff')}.ttf`, data: font.trueType }))
  const bodyDirectories = [...new Set(input.body.map((font) => path.dirname(font.absolutePath)))]
  const hash = createHash('sha256')
  for (const directory of bodyDirectories) hash.update(directory).update('\0')
  for (const font of packaged) hash.update(font.name).update('\0').update(font.data)
  // The configuration's own text too (with a stand-in for the folder it names), so that a change to it makes a new folder.
  hash.update(fontConfig(['.', ...bodyDirectories], '.', input.families))
  const directory = path.join(parent, hash.digest('hex').slice(0, 16))
  const configFile = path.join(directory, 'fonts.conf')
  const trueTypeFiles = [...input.body.map((font) => font.absolutePath), ...packaged.map((font) => path.join(directory, font.name))]
  if (await exists(configFile)) return { directory, configFile, trueTypeFiles }

  // Written beside the final folder and renamed into place, so a reader never sees half of it.
  await fs.mkdir(parent, { recursive: true })
  const staging = await fs.mkdtemp(path.join(parent, '.staging-'))
  try {
    await Promise.all(packaged.map((font) => fs.writeFile(path.join(staging, font.name), font.data)))
    await fs.writeFile(path.join(staging, 'fonts.conf'), fontConfig([directory, ...bodyDirectories], path.join(directory, 'cache'), input.families))
    await fs.rename(staging, directory).catch(async (error: NodeJS.ErrnoException) => {
      // Another process wrote the same folder first: its content is the same.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    })
  } finally {
    await fs.rm(staging, { recursive: true, force: true })
  }
  return { directory, configFile, trueTypeFiles }
}

/** A fontconfig file that includes no system configuration, so it sees only `directories`. */
export function fontConfig(directories: readonly string[], cacheDirectory: string, families: FontFolderInput['families']): string {
  const prefer = (list: readonly string[]) => list.map((family) => `<family>${escapeXml(family)}</family>`).join('')
  const alias = (generic: string, list: readonly string[]) => `  <alias binding="same"><family>${generic}</family><prefer>${prefer(list)}</prefer></alias>`
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<!-- Written by rso-docs (src/brand/font-folder.ts): Chromium sees the fonts the project ships, and only those. -->',
    '<fontconfig>',
    ...directories.map((directory) => `  <dir>${escapeXml(directory)}</dir>`),
    `  <cachedir>${escapeXml(cacheDirectory)}</cachedir>`,
    alias('sans-serif', families.body),
    alias('serif', families.body),
    alias('system-ui', families.body),
    alias('monospace', families.code),
    // Rendering settings pinned here rather than left to the machine's configuration, which
    // sets hinting and the like and so moves glyphs and line breaks.
    '  <match target="font"><edit name="hinting" mode="assign"><bool>false</bool></edit><edit name="autohint" mode="assign"><bool>false</bool></edit><edit name="antialias" mode="assign"><bool>true</bool></edit><edit name="rgba" mode="assign"><const>none</const></edit><edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit></match>',
    '  <config><rescan><int>0</int></rescan></config>',
    '</fontconfig>',
    '',
  ].join('\n')
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  )
}
