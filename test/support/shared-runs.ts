/**
 * How much of each brief every brief repeats: the words of a brief that lie in a run of
 * `runLength` consecutive words that more than half of the briefs also hold. Read from the
 * PDF's text, so covers, running heads and back covers count as the reader sees them.
 *
 * A brief's own country is written as one placeholder word before the runs are cut, so that
 * a paragraph every brief repeats with its own country's name in it ("Japan was one of the
 * 29 countries ...") counts as repeated, not as the country's own.
 */

export interface BriefText {
  /** The brief's name in the results (its file or code). */
  name: string
  /** The brief's whole text, pages joined. */
  text: string
  /** Every way the brief writes its own country (name, short name, the form in the participants' list). */
  countryNames: readonly string[]
}

export interface SharedWords {
  name: string
  /** Words in the brief. */
  words: number
  /** Of those, words inside a run that more than half of the briefs hold. */
  shared: number
}

const placeholder = '\u0000country'

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Lower-case words without the punctuation around them; the country written as one placeholder. */
export function wordsOf(text: string, countryNames: readonly string[]): string[] {
  // Longest first, so "Timor-Leste" goes before a shorter form inside it; spaces and hyphens alike (the participants' list writes "Timor Leste").
  const names = [...new Set(countryNames)].filter((name) => name.trim() !== '').sort((a, b) => b.length - a.length)
  let normalised = text.normalize('NFC')
  for (const name of names) {
    const pattern = escape(name).replace(/\\?[-\s]+/g, '[-\\s]+')
    normalised = normalised.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:the\\s+)?${pattern}(?![\\p{L}\\p{N}])`, 'giu'), ` ${placeholder} `)
  }
  const words = normalised
    .split(/\s+/)
    .map((word) => word.toLowerCase().replace(/^[^\p{L}\p{N}\u0000]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '')
  // Letter-spaced lettering ("T H E B A L I") reads as words, not letters; its word breaks are
  // lost in the PDF's text, so each spaced run counts as one word.
  const joined: string[] = []
  for (let index = 0; index < words.length; ) {
    let end = index
    while (end < words.length && /^\p{L}$/u.test(words[end]!)) end++
    if (end - index >= 3) {
      joined.push(words.slice(index, end).join(''))
      index = end
    } else {
      joined.push(words[index]!)
      index++
    }
  }
  return joined
}

/** For each brief, how many of its words lie in a run of `runLength` words that more than half of the briefs hold. */
export function sharedWords(briefs: readonly BriefText[], runLength = 8): SharedWords[] {
  const tokenised = briefs.map((brief) => ({ name: brief.name, words: wordsOf(brief.text, brief.countryNames) }))
  const runsOf = (words: readonly string[]) => {
    const runs: string[] = []
    for (let start = 0; start + runLength <= words.length; start++) runs.push(words.slice(start, start + runLength).join(' '))
    return runs
  }
  const holders = new Map<string, number>()
  for (const brief of tokenised) {
    for (const run of new Set(runsOf(brief.words))) holders.set(run, (holders.get(run) ?? 0) + 1)
  }
  const threshold = briefs.length / 2
  return tokenised.map(({ name, words }) => {
    const covered = new Uint8Array(words.length)
    runsOf(words).forEach((run, start) => {
      if ((holders.get(run) ?? 0) > threshold) covered.fill(1, start, start + runLength)
    })
    return { name, words: words.length, shared: covered.reduce((sum, value) => sum + value, 0) }
  })
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
