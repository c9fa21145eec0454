/**
 * SVG is a document format, not only a picture: it can carry scripts, event handlers,
 * external stylesheets, and references to other files or addresses that a renderer
 * (Chromium, resvg for the DOCX fallback, Word) may follow. An SVG asset is therefore
 * checked before it is inlined, and refused — not cleaned — when it has any of these, so
 * the author learns which file to export again.
 *
 * The check reads the text after decoding XML character references, and errs on the side
 * of refusing: a reference is allowed only when it points inside the image (`#id`) or is
 * an embedded PNG or JPEG.
 */

const allowedReference = /^\s*(#|data:image\/(png|jpeg);base64,)/i

/** What makes `text` unsafe to inline, or undefined when it is a plain picture. */
export function unsafeSvgReason(text: string): string | undefined {
  const decoded = decodeCharacterReferences(text)
  if (/<!DOCTYPE|<!ENTITY/i.test(decoded)) return 'declares a DOCTYPE or entities'
  if (/<\?xml-stylesheet/i.test(decoded)) return 'links an external stylesheet'
  const element = /<\s*(script|foreignObject|iframe|object|embed|handler|listener)\b/i.exec(decoded)
  if (element) return `contains a <${element[1]}> element`
  const handler = /[\s"'/]on[a-z]+\s*=/i.exec(decoded)
  if (handler) return `has an event handler attribute (${handler[0].trim().replace(/^["'/]/, '').replace(/\s*=$/, '')})`
  if (/javascript\s*:/i.test(decoded)) return 'contains a javascript: URL'
  if (/@import/i.test(decoded)) return 'imports a stylesheet (@import)'
  for (const match of decoded.matchAll(/[\s"']((?:[a-z]+:)?(?:href|src))\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const value = match[3] ?? match[4] ?? ''
    if (!allowedReference.test(value)) return `refers to "${shorten(value)}" (${match[1]}); only #references and embedded PNG or JPEG images are allowed`
  }
  for (const match of decoded.matchAll(/url\s*\(\s*(["']?)([^)"']*)/gi)) {
    if (!allowedReference.test(match[2] ?? '')) return `refers to "${shorten(match[2] ?? '')}" in url(); only url(#id) is allowed`
  }
  // CSS escapes could spell any of the above (`\75 rl(`); a picture has no need for them.
  if (/<style[\s>][\s\S]*\\|style\s*=\s*("[^"]*\\|'[^']*\\)/i.test(decoded)) return 'uses escapes in its styles'
  return undefined
}

function decodeCharacterReferences(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|[0-9]+);?/gi, (reference, code: string) => {
    const value = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10)
    return Number.isFinite(value) && value >= 0 && value <= 0x10ffff ? String.fromCodePoint(value) : reference
  })
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value
}
