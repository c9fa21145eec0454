// The oldest Node.js the project runs on, and the message for an older one. Plain
// JavaScript, loaded before anything else, so that it works on the Node it refuses.
// 20.19: the test tools (vitest's vite and rolldown, pdfjs-dist) ask for it; it is also the
// first Node 20 that loads ES modules with require(), which the TypeScript loader relies on.

export const minimumNode = '20.19.0'

/** Whether `version` ("v20.18.1" or "20.18.1") is `minimum` or newer. */
export function isAtLeast(version, minimum = minimumNode) {
  const parse = (text) => text.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0)
  const [have, need] = [parse(version), parse(minimum)]
  for (let index = 0; index < 3; index++) {
    if (have[index] !== need[index]) return have[index] > need[index]
  }
  return true
}

/** The message for a Node.js older than the minimum, or undefined when it is new enough. */
export function nodeVersionProblem(version = process.version) {
  if (isAtLeast(version)) return undefined
  return `error: rso-docs needs Node.js ${minimumNode} or newer; this is Node.js ${version.replace(/^v/, '')}. Install a newer Node.js (20.19 or later, 22 or 24) and run the command again.`
}
