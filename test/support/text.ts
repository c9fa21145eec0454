/** Text as tests compare it: the typographic pass's characters (soft hyphens, quotes, dashes of ranges) set aside. */

/**
 * White space collapsed, and the soft hyphens of the typographic pass removed: a word broken
 * at the end of a line ("import-" "ance") reads whole, as a reader reads it.
 */
export const normalise = (text: string) => text.replace(/\u00ad\s*/g, '').replace(/\s+/g, ' ').trim()

/**
 * Text with its punctuation as the source writes it: the typographic pass changes only
 * quotes, apostrophes and the dashes of ranges (and break opportunities), so "every
 * sentence unchanged, punctuation aside" is a comparison of this form of both texts.
 */
export const asWritten = (text: string): string => punctuationAsWritten(normalise(text))

/** `asWritten` with the text's lines and spaces kept (no-break spaces as spaces). */
export const punctuationAsWritten = (text: string): string =>
  text.replace(/\u00ad/g, '').replace(/\u00a0/g, ' ').replace(/[‘’‚‛‹›]/g, "'").replace(/[“”„«»]/g, '"').replace(/(\d)–(\d)/g, '$1-$2')


/**
 * `asWritten` without hyphens: a word the print breaks at a line's end reads "Recruit-
 * ment" (a hyphen that is not in the text), and a compound broken there reads "cross-
 * border" (one that is); without any, both read as the source does. A line may end after a
 * dash or a slash too, where the text has no space.
 */
export const withoutHyphens = (text: string): string => asWritten(text).replace(/\s*-\s*/g, '').replace(/\s*—\s*/g, '—').replace(/\/\s+/g, '/')
