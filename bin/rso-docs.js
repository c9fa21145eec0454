#!/usr/bin/env node
// Runs the TypeScript command line without a compile step (tsx registers the loader).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
