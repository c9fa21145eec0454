/**
 * The files of a document's package, as docx writes them, before they are zipped.
 *
 * `Packer.toBuffer` would deflate every file (the PNGs and fonts too, for nothing) into a
 * zip that `normalise-package.ts` then had to unzip to make it reproducible, and zip again.
 * docx's compiler gives the same files unzipped; it is not in docx's typed API, so it is
 * reached here alone, and checked: docx is pinned to an exact version in package.json, and
 * a version without it fails the first DOCX with an internal error rather than writing
 * anything wrong.
 */
import { Packer, type Document } from 'docx'

/** A package's files by path, in docx's order; XML as text, media and fonts as bytes. */
export type PackageFiles = Map<string, string | Uint8Array>

interface Compiler {
  compile(file: Document): Map<string, string | Uint8Array>
}

export function compilePackage(file: Document): PackageFiles {
  const compiler = (Packer as unknown as { compiler?: Compiler }).compiler
  if (typeof compiler?.compile !== 'function') throw new Error('Internal error: this docx version has no Packer.compiler.compile; pin the version in package.json')
  return compiler.compile(file)
}
