/** A designer's measures of a page's fill, shared by the PDF's and the DOCX's page flow. */

/** Under this a page is a runt (covers aside). */
export const runtFill = 0.25
/** Under this a page whose part goes on overleaf is left half empty. */
export const gapFill = 0.55

export interface FillFailure {
  page: number
  kind: 'runt' | 'gap'
  /** How much fuller the page would have to be, as a fraction of the area between the margins. */
  short: number
}

/**
 * What a designer would send back: runt pages, and pages left half empty whose part goes on
 * overleaf. `pages` are those the measures apply to (covers left out), each with whether its
 * part ends with it (the next page opens a chapter, or is a cover).
 */
export function fillFailures(pages: Iterable<{ number: number; fill: number; partEnds: boolean }>): FillFailure[] {
  const failures: FillFailure[] = []
  for (const page of pages) {
    if (page.fill < runtFill) failures.push({ page: page.number, kind: 'runt', short: runtFill - page.fill })
    else if (page.fill < gapFill && !page.partEnds) failures.push({ page: page.number, kind: 'gap', short: gapFill - page.fill })
  }
  return failures
}

/**
 * How far a layout falls short, in all: a mend that floats a map may leave a smaller runt
 * where a chapter ends, which the next mend can take on, and a layout with two small
 * shortfalls is nearer a designer's page than one with a large one.
 */
export const shortfall = ({ failures }: { failures: readonly FillFailure[] }): number => failures.reduce((sum, failure) => sum + failure.short, 0)
