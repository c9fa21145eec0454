/**
 * For `check`: every country of countries.json can be put on a map, as a route's stop or as
 * the country a brief highlights (any country the report names can have a brief), so one
 * the atlas has no shape for and that has no `anchor` is reported at its entry before any
 * map is drawn, rather than found by a render half-way through a build.
 */
import type { Content } from '../../content/model.ts'
import { report } from '../../errors/catalogue.ts'
import countryCodes from 'i18n-iso-countries'
import { loadAtlas } from './geography.ts'

export function checkMapPlaces(content: Content): void {
  const atlas = loadAtlas()
  content.countries.forEach((country, index) => {
    // A code that is no country at all is already an error at its place, with what was meant.
    if (country.anchor || atlas.shapeOf(country.code) || !countryCodes.isValid(country.code)) return
    const { file, place } = content.origin('countries.json', ['countries', index])
    report(file, 'map-place', `The map cannot place ${country.name} (${country.code}): the atlas has no shape for it`, { place })
  })
}
