/**
 * What the fault tests share: the Chromium processes a build left, the real command started
 * in a child process that a test can signal, and an output folder's files as bytes.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'vitest'
import { verifyOutput } from '../../src/pipeline/verify-output.ts'
import { commandLine, projectRoot } from './cli.ts'

/** Chromium processes started with a profile under `directory` (Puppeteer puts its profile in TMPDIR). */
export function browsersUnder(directory: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `user-data-dir=${directory}`], { encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch {
    return [] // pgrep exits 1 when nothing matches
  }
}

export async function waitUntilNoBrowser(directory: string, timeoutMs = 15_000): Promise<string[]> {
  const until = Date.now() + timeoutMs
  let left = browsersUnder(directory)
  while (left.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    left = browsersUnder(directory)
  }
  return left
}

export interface Started {
  child: ChildProcess
  stderr: () => string
  /** Resolves when stderr matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [...commandLine, ...args], {
    cwd: projectRoot,
    env: { ...process.env, CI: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = []
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(stderr)) waiter.resolve()
      else waiters.push(waiter)
    }
  })
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })))
  return {
    child,
    stderr: () => stderr,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve()
        waiters.push({ pattern, resolve })
        void exit.then(() => reject(new Error(`The command ended before printing ${pattern}:\n${stderr}`)))
      }),
    exit,
  }
}

export async function snapshot(directory: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await fs.readdir(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name)
      files.set(path.relative(directory, full), await fs.readFile(full))
    }
  }
  return files
}

/** Temporary files, map-cache `.partial` files and lock files in an output folder's listing. */
export const leftovers = (names: Iterable<string>) => [...names].filter((name) => /\.rso-tmp-|\.partial$|\.build\.(lock|owner)|\.takeover/.test(name))

/** Every output in `files` opens (temporary files aside): a PDF parses with its pages, a DOCX's zip and XML open. */
export function expectWhole(files: Map<string, Buffer>): void {
  for (const [name, bytes] of files) {
    if (/\.(pdf|docx|html)$/.test(name) && !path.basename(name).startsWith('.rso-tmp-')) expect(() => verifyOutput(name, new Uint8Array(bytes)), name).not.toThrow()
  }
}
