/**
 * A name made safe for every file system and URL: "Türkiye" → "turkiye", "Lao PDR" →
 * "lao-pdr", "Монгол Улс" → "mongol-uls", "Coastal Workshop 2031" → "coastal-workshop-2031".
 * Used for the briefs' file names and the slug `init` gives a new event. Letters of the
 * Latin, Greek and Cyrillic scripts are transliterated (any-ascii); a name in any other
 * script gives "" (a transliteration of Thai or Arabic letter by letter reads as neither),
 * and the caller names the file by its code alone. Shared by every stage.
 */
import anyAscii from 'any-ascii'

const otherScript = /[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]/u

export function fileSlug(name: string): string {
  if (otherScript.test(name)) return ''
  return anyAscii(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A file name from a code and a name: "THA-thailand", or "THA" when the name gives no slug. */
export function codeAndSlug(code: string, name: string): string {
  const slug = fileSlug(name)
  return slug ? `${code}-${slug}` : code
}
