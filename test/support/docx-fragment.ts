/**
 * What a DOCX handler writes, as a small XML fragment: the blocks go into a package of
 * their own (as `renderDocx` packs a document, made reproducible by the same
 * `normalisePackage`), and the body of its `word/document.xml` is read back, without the
 * section properties, one element a line. Compared as text, never as a binary.
 */
import { Document } from 'docx'
import { strFromU8, unzipSync } from 'fflate'
import type { Brand } from '../../src/brand/brand.ts'
import { docxNumbering } from '../../src/render/docx/numbering.ts'
import { compilePackage } from '../../src/render/docx/compile.ts'
import { DocxKit } from '../../src/render/docx/kit.ts'
import { normalisePackage } from '../../src/render/docx/normalise-package.ts'
import type { Block } from '../../src/render/docx/state.ts'

export async function documentXmlFragment(blocks: Block[], brand: Brand): Promise<string> {
  const file = new Document({ numbering: docxNumbering(brand), sections: [{ children: blocks }] })
  const packed = await normalisePackage(compilePackage(file), { date: new Date('2030-01-01T00:00:00Z'), language: 'en-GB' }, new DocxKit(brand).subset)
  const documentXml = unzipSync(packed)['word/document.xml']
  if (!documentXml) throw new Error('The package has no word/document.xml')
  const xml = strFromU8(documentXml)
  const body = /<w:body>([\s\S]*?)(?:<w:sectPr[\s\S]*<\/w:sectPr>)?<\/w:body>/.exec(xml)?.[1]
  if (body === undefined) throw new Error(`No <w:body> in word/document.xml:\n${xml.slice(0, 500)}`)
  return indentXml(body)
}

/** One element a line, indented by depth; an element that holds only text stays on its line. */
export function indentXml(xml: string): string {
  const tokens = xml.match(/<[^>]+>|[^<]+/g) ?? []
  const lines: string[] = []
  let depth = 0
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string
    const pad = '  '.repeat(depth)
    if (token.startsWith('</')) {
      depth--
      lines.push('  '.repeat(depth) + token)
    } else if (token.startsWith('<') && !token.endsWith('/>') && !token.startsWith('<?')) {
      const text = tokens[index + 1]
      const close = tokens[index + 2]
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad + token + text + close)
        index += 2
      } else {
        lines.push(pad + token)
        depth++
      }
    } else if (token.startsWith('<')) {
      lines.push(pad + token)
    } else if (token.trim() !== '') {
      lines.push(pad + token)
    }
  }
  return `${lines.join('\n')}\n`
}
