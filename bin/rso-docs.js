#!/usr/bin/env node
// Runs the command line compiled at install (`npm run compile`, into dist/, and bundled
// into dist/bundle/), so no command compiles TypeScript or loads a thousand modules as it
// starts. When dist/ is missing or older than a file under src/ (an edit since the last
// compile), it runs the sources through tsx instead, so an edited tool never runs stale
// code.
// First it checks the Node.js version: an older one gets a plain message, not a stack trace.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { nodeVersionProblem } from './node-version.js'

const problem = nodeVersionProblem()
if (problem) {
  console.error(problem)
  process.exit(2)
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const compiled = path.join(root, 'dist', 'bundle', 'cli.js')

function compiledIsCurrent() {
  let built
  try {
    built = fs.statSync(path.join(root, 'dist', '.compiled')).mtimeMs
  } catch {
    return false
  }
  if (!fs.existsSync(compiled)) return false
  for (const entry of fs.readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs > built) return false
  }
  return true
}

if (compiledIsCurrent()) {
  await import(pathToFileURL(compiled).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(path.join(root, 'src', 'cli.ts')).href)
}
