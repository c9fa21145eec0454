/**
 * Text written into XML by hand (SVG maps, the DOCX's added parts, the PDF's XMP packet,
 * the fontconfig file): content is untrusted, so every value is escaped, for element text
 * and attribute values alike. Shared by every stage; imports nothing.
 */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
