/**
 * A name made safe for every file system and URL: "Türkiye" → "turkiye", "Lao PDR" →
 * "lao-pdr", "Coastal Workshop 2031" → "coastal-workshop-2031". Used for the briefs' file
 * names and the slug `init` gives a new event. Shared by every stage; imports nothing.
 */
export function fileSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
