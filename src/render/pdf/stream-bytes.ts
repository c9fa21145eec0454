/**
 * A printed page's content stream, inflated once for the document pdf-lib parsed: the page
 * flow measures a print (`page-fill.ts`) and, when it keeps it, the same parsed document is
 * finished (`accessibility.ts`), which reads the same streams again.
 */
import { inflateSync } from 'node:zlib'
import { PDFName, decodePDFRawStream, type PDFRawStream } from 'pdf-lib'

/** By stream object: its bytes, held as long as the parsed document holds the stream. */
const inflatedStreams = new WeakMap<PDFRawStream, Uint8Array>()

/** A stream's bytes; Chromium deflates them, which Node's zlib undoes fastest. */
export function inflated(stream: PDFRawStream): Uint8Array {
  let bytes = inflatedStreams.get(stream)
  if (!bytes) {
    const filter = stream.dict.get(PDFName.of('Filter'))
    const plainFlate = filter instanceof PDFName && filter.asString() === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))
    bytes = plainFlate ? new Uint8Array(inflateSync(stream.contents)) : decodePDFRawStream(stream).decode()
    inflatedStreams.set(stream, bytes)
  }
  return bytes
}
