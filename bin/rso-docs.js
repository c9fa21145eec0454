#!/usr/bin/env node
// Runs the TypeScript command line without a compile step (tsx registers the loader),
// after checking the Node.js version: an older one gets a plain message, not a stack trace.
import { nodeVersionProblem } from './node-version.js'

const problem = nodeVersionProblem()
if (problem) {
  console.error(problem)
  process.exit(2)
}
const { register } = await import('tsx/esm/api')
register()
await import('../src/cli.ts')
