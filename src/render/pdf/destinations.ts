/**
 * Reads where a printed PDF's headings landed: Chromium writes each link to `#id` as a
 * named destination, in the catalog's /Dests or its /Names name tree, and the contents'
 * page numbers come from those (`contents-pages.ts`).
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib'

/**
 * The page (1-based) that each internal link's target lies on, by target id. Chromium
 * writes links to `#id` as named destinations, which is how the contents find the pages
 * of their headings.
 */
export function destinationPages(document: PDFDocument): Map<string, number> {
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  const result = new Map<string, number>()
  const catalog = document.catalog
  const collect = (name: string, destination: unknown) => {
    const array = destination as { get?: (index: number) => unknown; lookup?: (key: PDFName) => unknown }
    const target = typeof array.get === 'function' ? array.get(0) : undefined
    const page = target ? pageIndex.get(String(target)) : undefined
    if (page !== undefined) result.set(name, page)
  }
  // PDF 1.1 style: /Dests dictionary in the catalog.
  const dests = catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (dests) {
    for (const [key, value] of dests.entries()) collect(decodeName(key.asString()), dests.context.lookup(value))
  }
  // PDF 1.2 style: /Names << /Dests name tree >>.
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (tree) walkNameTree(tree, collect)
  return result
}

function walkNameTree(node: PDFDict, collect: (name: string, destination: unknown) => void): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
  if (names) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const key = names.lookup(index)
      const value = names.lookup(index + 1)
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : String(key)
      const destination = value instanceof PDFDict ? value.lookup(PDFName.of('D')) : value
      collect(name, destination)
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
  if (kids) for (let index = 0; index < kids.size(); index++) walkNameTree(kids.lookup(index, PDFDict), collect)
}

/** A PDF name's text: without its slash, `#xx` escapes decoded. */
export function decodeName(name: string): string {
  return name.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
