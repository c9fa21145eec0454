/**
 * Schemas of the structured content under `source/`.
 *
 * Content is checked once, where it enters (see `load.ts`); code downstream trusts the
 * typed result. Every object is strict, so a misspelt field is reported rather than
 * silently ignored.
 */
import { slug } from 'github-slugger'
import { z } from 'zod'

/** ISO 3166-1 alpha-3, upper case. Whether the code is known is checked against countries.json. */
export const countryCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 country code such as "THA"')

/** Identifiers are kebab-case so they can be used in file names, anchors and directives. */
export const identifier = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case identifier such as "greater-bangkok"')

/** A place on a route: a country code (`THA`) or the id of a place in places.json (`greater-bangkok`). */
export const placeReference = z.union([countryCode, identifier])

/** Inline Markdown (emphasis, strong, links), as the reference writes it. */
export const inlineMarkdown = z.string().min(1, 'must not be empty')

/**
 * A value the reference lost (a number in an infographic, say). A draft shows a mark in its
 * place; a final build refuses to run while one is left.
 */
export const missingValue = z.strictObject({
  missing: z.string().min(1, 'say what is missing and why'),
})

export const longitudeLatitude = z.tuple([
  z.number().min(-180).max(180),
  z.number().min(-90).max(90),
])

const signatory = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  role: z.string().min(1),
  country: countryCode,
  signature: z.union([
    z.strictObject({
      /** Path under `source/`, for example `assets/signatures/david-scott.svg`. */
      image: z.string().min(1),
      /** What the signature looks like, for readers who cannot see it. */
      description: z.string().min(1),
    }),
    // A placeholder image while the signature is missing: a draft shows it with a mark, a final build stops.
    z.strictObject({
      image: z.string().min(1),
      missing: z.string().min(1, 'say what is missing and why'),
    }),
  ]),
})

/** Who funds the event or its organiser, as the report acknowledges it, with the funder's country. */
const funder = z.strictObject({
  name: z.string().min(1),
  country: countryCode,
  support: z.string().min(1),
})

export const forumSchema = z.strictObject({
  $schema: z.string().optional(),
  slug: identifier,
  documentType: z.string().min(1),
  title: z.string().min(1),
  shortTitle: z.string().min(1),
  theme: z.string().min(1),
  dates: z.strictObject({
    start: z.iso.date(),
    end: z.iso.date(),
    display: z.string().min(1),
  }),
  venue: z.strictObject({ city: z.string().min(1), country: countryCode }),
  /** How many delegates came, as running text ("more than 120"); the brief leaves the number out when absent. */
  delegates: z.string().min(1).optional(),
  organiser: z.string().min(1),
  organiserShortName: z.string().min(1),
  series: z.string().min(1),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/, 'expected a language tag such as "en-GB", "id", "th-TH" or "fil"'),
  subject: z.string().min(1),
  keywords: z.array(z.string().min(1)).default([]),
  signatories: z.array(signatory).default([]),
  funders: z.array(funder).default([]),
  /** Where the briefs go under the output folder; `{slug}` stands for the slug. Give each event its own to share one output folder. */
  briefsFolder: z.string().regex(/^[a-z0-9{}/-]+$/, 'expected a folder such as "briefs" or "briefs/{slug}"').optional(),
  /** The words the documents add (headings, labels), over the defaults of `src/content/words.ts`. */
  words: z.record(z.string(), z.string()).optional(),
})

export const countriesSchema = z.strictObject({
  $schema: z.string().optional(),
  countries: z.array(
    z.strictObject({
      code: countryCode,
      /** The name as the report writes it in running text. */
      name: z.string().min(1),
      /** A shorter form the report also uses ("UAE"). */
      shortName: z.string().min(1).optional(),
      /** Whether the name takes "the" in running text ("the Philippines"). */
      article: z.boolean().default(false),
      /** The form used in the list of participants, where it differs. */
      listedAs: z.string().min(1).optional(),
      participant: z.boolean(),
      /** Where a map should put the country's label and arrows, if not at its shape's centroid. */
      anchor: longitudeLatitude.optional(),
    }),
  ),
})

export const placesSchema = z.strictObject({
  $schema: z.string().optional(),
  places: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({
        id: identifier,
        kind: z.enum(['city', 'metropolitan-area', 'district']),
        name: z.string().min(1),
        country: countryCode,
        coordinates: longitudeLatitude,
      }),
      z.strictObject({
        id: identifier,
        kind: z.literal('region'),
        name: z.string().min(1),
        /** Countries the region stands for, where a source says so; absent when the report leaves it open. */
        members: z.array(countryCode).optional(),
        /** Where the list of members comes from. */
        membersSource: z.string().min(1).optional(),
        /** Why there are no members, when there are none. */
        note: z.string().min(1).optional(),
        /** Where a map labels the region. */
        anchor: longitudeLatitude,
      }),
      z.strictObject({
        id: identifier,
        /** A sea a route crosses: drawn as a band, labelled in italic at its anchor. */
        kind: z.literal('sea'),
        name: z.string().min(1),
        /** Where a map labels the sea. */
        anchor: longitudeLatitude,
      }),
    ]),
  ),
})

export const roles = [
  'origin',
  'transit',
  'hub',
  'departure-point',
  'staging-point',
  'exploitation-site',
  'destination',
  'forgery-centre',
] as const
export const role = z.enum(roles)

const stop = z.strictObject({
  place: placeReference,
  role,
  /** What the reference says of this place on this route, where it says more than the role. */
  note: z.string().min(1).optional(),
})

const route = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  description: inlineMarkdown,
  stops: z.array(stop).min(1),
  purposes: z
    .array(z.enum(['forced-criminality', 'sexual-exploitation', 'forced-labour', 'forced-marriage']))
    .optional(),
  tactics: z.array(z.string().min(1)).optional(),
  travel: z.array(z.enum(['air', 'land', 'sea'])).optional(),
  /** Seas the route crosses, where its text names them: drawn as a band, without inventing where it ends. */
  waters: z.array(placeReference).min(1).optional(),
  victimProfile: z.string().min(1).optional(),
})

export const corridorsSchema = z.strictObject({
  $schema: z.string().optional(),
  corridors: z.array(route),
})

const figure = z.strictObject({
  id: identifier,
  value: z.union([z.number(), z.string().min(1), missingValue]),
  text: z.string().min(1),
})

export const traffickingSchema = z.strictObject({
  $schema: z.string().optional(),
  groups: z.array(
    z.strictObject({
      id: identifier,
      name: z.string().min(1),
      description: z.array(inlineMarkdown).default([]),
      figures: z.array(figure).default([]),
      flows: z.array(route),
    }),
  ),
})

export const smugglingSchema = z.strictObject({
  $schema: z.string().optional(),
  routes: z.array(route),
})

const statement = z.strictObject({
  id: identifier,
  text: inlineMarkdown,
  /** Countries the statement names as its authors or subjects; empty for unnamed delegations. */
  countries: z.array(countryCode).default([]),
})

export const challengesSchema = z.strictObject({
  $schema: z.string().optional(),
  challenges: z.array(
    z.strictObject({
      id: identifier,
      title: z.string().min(1),
      summary: inlineMarkdown,
      points: z.array(statement).min(1),
    }),
  ),
})

export const recommendationsSchema = z.strictObject({
  $schema: z.string().optional(),
  themes: z.array(
    z.strictObject({
      id: identifier,
      title: z.string().min(1),
      subtitle: z.string().min(1),
      propositions: z.array(statement).min(1),
    }),
  ),
})

export const keyOutcomesSchema = z.strictObject({
  $schema: z.string().optional(),
  outcomes: z.array(
    z.strictObject({ id: identifier, title: z.string().min(1), text: inlineMarkdown }),
  ),
})

export const organisationsSchema = z.strictObject({
  $schema: z.string().optional(),
  organisations: z.array(
    z.strictObject({
      id: identifier,
      name: z.string().min(1),
      abbreviation: z.string().min(1).optional(),
      /** As the participation paragraph writes it, article included. */
      listedAs: z.string().min(1),
      /** What the reference prints after it in the list where that is not the list's comma (it has none after "(UNHCR)"). */
      followedBy: z.string().optional(),
    }),
  ),
})

export const glossarySchema = z.strictObject({
  $schema: z.string().optional(),
  terms: z.array(z.strictObject({ term: z.string().min(1), definition: z.string().min(1) })),
})

export const contactSchema = z.strictObject({
  $schema: z.string().optional(),
  organisation: z.string().min(1),
  address: z.array(z.string().min(1)).default([]),
  telephone: z.string().min(1).optional(),
  fax: z.string().min(1).optional(),
  email: z.email().optional(),
  moreInformation: z.string().min(1).optional(),
  links: z.array(z.strictObject({ label: z.string().min(1), url: z.url({ protocol: /^https$/ }) })).default([]),
})

/**
 * Front matter of a report section. The section's id is settled here, once: the one
 * written, or a slug of the title (as GitHub slugs a heading).
 */
export const sectionFrontMatterSchema = z
  .strictObject({
    title: z.string().min(1),
    /** Anchor of the section; defaults to a slug of the title. */
    id: identifier.optional(),
    /** Whether the section is listed in the table of contents. */
    toc: z.boolean().default(true),
    /** Start the section on a new page in print. */
    newPage: z.boolean().default(true),
  })
  .transform((frontMatter) => ({ ...frontMatter, id: frontMatter.id ?? slug(frontMatter.title) }))

/** Front matter of a brief's notes. */
export const briefNotesFrontMatterSchema = z.strictObject({
  title: z.string().min(1).default('Notes'),
  /** Who wrote the notes; shown under them. */
  author: z.string().min(1).optional(),
  /** Where the notes go in the brief. */
  placement: z.enum(['after-summary', 'end']).default('end'),
})

/** Every JSON file of the content, by its name under `source/`. */
export const dataFiles = {
  'forum.json': forumSchema,
  'countries.json': countriesSchema,
  'places.json': placesSchema,
  'organisations.json': organisationsSchema,
  'key-outcomes.json': keyOutcomesSchema,
  'corridors.json': corridorsSchema,
  'trafficking-routes.json': traffickingSchema,
  'smuggling-routes.json': smugglingSchema,
  'challenges.json': challengesSchema,
  'recommendations.json': recommendationsSchema,
  'glossary.json': glossarySchema,
  'contact.json': contactSchema,
} as const

export type Forum = z.infer<typeof forumSchema>
export type Country = z.infer<typeof countriesSchema>['countries'][number]
export type Place = z.infer<typeof placesSchema>['places'][number]
export type Route = z.infer<typeof route>
export type Stop = z.infer<typeof stop>
export type Role = z.infer<typeof role>
export type TraffickingGroup = z.infer<typeof traffickingSchema>['groups'][number]
export type Figure = z.infer<typeof figure>
export type Challenge = z.infer<typeof challengesSchema>['challenges'][number]
export type Theme = z.infer<typeof recommendationsSchema>['themes'][number]
export type Statement = z.infer<typeof statement>
export type KeyOutcome = z.infer<typeof keyOutcomesSchema>['outcomes'][number]
export type Organisation = z.infer<typeof organisationsSchema>['organisations'][number]
export type GlossaryTerm = z.infer<typeof glossarySchema>['terms'][number]
export type Contact = z.infer<typeof contactSchema>
export type SectionFrontMatter = z.infer<typeof sectionFrontMatterSchema>
export type BriefNotesFrontMatter = z.infer<typeof briefNotesFrontMatterSchema>
