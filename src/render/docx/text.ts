/**
 * Text as WordprocessingML accepts it. XML 1.0 forbids most C0 control characters, and
 * Word refuses a file that has one ("unreadable content"), so content that carries them
 * (pasted from another editor, say) must lose them before it reaches a run.
 */
// Tab, line feed and carriage return are legal; the rest of C0, the surrogates without a
// pair and the two non-characters U+FFFE and U+FFFF are not.
const illegalCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function xmlSafeText(value: string): string {
  return value.replace(illegalCharacters, '')
}
