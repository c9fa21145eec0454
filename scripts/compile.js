// `npm run compile` (run by `npm ci` through `prepare`): TypeScript to JavaScript in dist/,
// the command line bundled from it (`bundle.js`), then a stamp that bin/rso-docs.js
// compares with the sources' times.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { bundle } from './bundle.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' })
// Data the code reads beside itself (the built-in words tables) goes where the compiled code looks for it.
fs.cpSync(path.join(root, 'src/content/words'), path.join(root, 'dist/content/words'), { recursive: true })
await bundle(root)
// Stamped with the time compiling started, so a source saved during the compile counts as newer.
fs.writeFileSync(path.join(root, 'dist', '.compiled'), '')
fs.utimesSync(path.join(root, 'dist', '.compiled'), new Date(started), new Date(started))
