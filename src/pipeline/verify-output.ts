/**
 * The last look at an output before it replaces the previous one: a PDF that starts with
 * `%PDF-`, ends with `%%EOF` and has pages; a DOCX whose zip opens and whose XML parts are well formed;
 * an HTML page that is whole. A renderer bug or a truncated write then fails this one
 * output, and the last good file stays in place.
 */
import { unzipSync, strFromU8 } from 'fflate'
import { XMLValidator } from 'fast-xml-parser'
import { ToolError } from '../errors/catalogue.ts'

export class InvalidOutputError extends ToolError {
  constructor(output: string, reason: string) {
    super('invalid-output', `Internal error: ${output} is not a valid file (${reason}); the previous version is left in place`)
    this.name = 'InvalidOutputError'
  }
}

export function verifyOutput(output: string, bytes: Uint8Array | string): void {
  const format = output.slice(output.lastIndexOf('.') + 1)
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  const problem = format === 'pdf' ? pdfProblem(data) : format === 'docx' ? docxProblem(data) : format === 'html' ? htmlProblem(data) : undefined
  if (problem) throw new InvalidOutputError(output, problem)
}

/**
 * Checked on the bytes rather than by parsing again (finishPdf has just parsed and saved
 * them): pdf-lib writes without object streams, so every page object is readable text.
 */
function pdfProblem(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buffer.subarray(0, 5).toString('latin1') !== '%PDF-') return 'it does not start with %PDF-'
  if (!buffer.subarray(-32).toString('latin1').trimEnd().endsWith('%%EOF')) return 'it is truncated (no %%EOF at the end)'
  for (let at = buffer.indexOf('/Type /Page'); at >= 0; at = buffer.indexOf('/Type /Page', at + 1)) {
    if (buffer[at + '/Type /Page'.length] !== 0x73 /* s, as in /Pages */) return undefined
  }
  return 'it has no pages'
}

function docxProblem(bytes: Uint8Array): string | undefined {
  let parts: Record<string, Uint8Array>
  try {
    // Only the XML is inflated: the embedded fonts are most of the bytes and need no look.
    parts = unzipSync(bytes, { filter: (file) => /\.(xml|rels)$/.test(file.name) })
  } catch (error) {
    return `its zip does not open: ${(error as Error).message}`
  }
  for (const required of ['[Content_Types].xml', 'word/document.xml']) {
    if (!parts[required]) return `it has no ${required}`
  }
  for (const [name, content] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue
    const problem = xmlProblem(strFromU8(content))
    if (problem) return `${name}: ${problem}`
  }
  return undefined
}

function htmlProblem(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(bytes)
  if (!/^<!doctype html>/i.test(text) || !/<\/html>\s*$/i.test(text)) return 'it is not a whole HTML page'
  return undefined
}

/** Whether `text` is well-formed XML, by a real XML parser; the reason when it is not. */
export function xmlProblem(text: string): string | undefined {
  const result = XMLValidator.validate(text)
  return result === true ? undefined : `${result.err.msg} (line ${result.err.line}, column ${result.err.col})`
}
