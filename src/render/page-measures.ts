/** A designer's measures of a page's fill, shared by the PDF's and the DOCX's page flow. */

/** Under this a page is a runt (covers aside). */
export const runtFill = 0.25
/** Under this a page whose part goes on overleaf is left half empty. */
export const gapFill = 0.55
