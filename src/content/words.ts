/**
 * The words the documents add around the report's own: labels and headings that are not
 * the reference's text. Kept in one table so that each has one home (and can later come
 * from the content, with these as defaults). Each must be true of everything it labels.
 */
import type { Country } from './schema.ts'

export const words = {
  /**
   * Under each recommendation item, before the delegations it names. Not "Proposed by": the
   * items also record challenges raised and practice noted ("MONGOLIA raised the challenge
   * of ...", "CAMBODIA noted that ..."), and each was raised by the delegations it names.
   */
  raisedBy: 'Raised by',
  /** A brief's heading over the items its country raised. */
  whatCountryRaised: (name: string): string => `What ${name} raised`,
  /** The back cover's contact lines, as the reference prints them. */
  telephone: 'Tel.',
  fax: 'Fax.',
  /** Map legends and notes. */
  countryOnRoute: 'Country a route names',
  regionWithoutCountries: 'Region the report names without its countries',
  arrowsNote:
    'Arrows point the way people are moved. Each place is joined to the nearest place of the next stage of its route (origin; transit or hub; destination); the report does not say which origin uses which hub.',
  traffickingStyleNote: 'Trafficking routes are drawn by the heading the report lists them under.',
  insetNote: 'The framed box enlarges the area outlined on the map.',
  insetArea: 'Area shown enlarged in the framed box',
} as const

/**
 * A delegation as the recommendations write it: the short name in capitals, with "the"
 * where the report uses it ("the PHILIPPINES", "the UNITED STATES", "the UAE").
 */
export function delegationName(country: Pick<Country, 'name' | 'shortName' | 'article'>): string {
  const name = (country.shortName ?? country.name).toUpperCase()
  return country.article ? `the ${name}` : name
}
