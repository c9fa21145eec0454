/**
 * Running the command line on a scratch copy of the content: `runCli` calls the command's
 * own `main()` in this process, with its output captured, which is what nearly every test
 * of messages and commands needs; `runCliProcess` starts the real command in a child
 * process, for what only a process shows (exit by a signal, a lock held by another process,
 * fault injection read at start, a hang or a crash that must not take the test with it).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export const projectRoot = path.resolve(import.meta.dirname, '../..')

export interface RunResult {
  /** The exit code; null when a child process ended by a signal. */
  code: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
}

/** Variables a module reads once, at import: an in-process run cannot set them, so it goes to a child process. */
const readAtImport = ['RSO_FAULT_AT']

/**
 * How a child process runs the command: as a user does, through `bin/rso-docs.js`, which
 * runs the compiled `dist/` when it is newer than every file under `src/` and the sources
 * through tsx otherwise, so a test never runs stale code and seldom waits for a compile.
 */
export const commandLine = [path.join(projectRoot, 'bin/rso-docs.js')]

/** The real command in a child process, killed after `timeoutMs`. */
export function runCliProcess(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...commandLine, ...args], {
      cwd: options.cwd ?? projectRoot,
      env: { ...process.env, CI: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** In-process runs one at a time: each takes over the process's stdout, stderr, exit code and environment while it runs. */
let queue: Promise<unknown> = Promise.resolve()

/**
 * The command as `src/cli.ts` runs it, in this process: `main(args)` with stdout and stderr
 * captured and its exit code returned. What the entry point would do with an error `main`
 * throws (Node prints it and exits 1) is done here too, so a test sees the same result.
 * Signal handlers the command adds are removed after it, and the process's exit code,
 * environment and working folder are put back.
 */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  if (readAtImport.some((name) => options.env?.[name] !== undefined)) return runCliProcess(args, options)
  const run = queue.then(() => runInProcess(args, options))
  queue = run.catch(() => undefined)
  return run
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

async function runInProcess(args: string[], options: RunOptions): Promise<RunResult> {
  const { main } = await import('../../src/cli.ts')
  let stdout = ''
  let stderr = ''
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write }
  const capture = (append: (text: string) => void) =>
    function write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined
      callback?.()
      return true
    }
  const listeners = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]))
  const environment = { CI: '1', ...options.env }
  const previousEnvironment = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]))
  const previousExitCode = process.exitCode
  const previousCwd = process.cwd()
  process.exitCode = undefined
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  process.chdir(options.cwd ?? projectRoot)
  process.stdout.write = capture((text) => (stdout += text)) as typeof process.stdout.write
  process.stderr.write = capture((text) => (stderr += text)) as typeof process.stderr.write
  let timer: NodeJS.Timeout | undefined
  try {
    const timeoutMs = options.timeoutMs ?? 120_000
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`rso-docs ${args.join(' ')} did not finish in ${timeoutMs / 1000} s`)), timeoutMs)
    })
    let code: number
    try {
      code = await Promise.race([main(args), timeout])
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('rso-docs ')) throw error
      // As Node does for an error the entry point does not catch.
      stderr += `${error instanceof Error ? error.stack : String(error)}\n`
      code = 1
    }
    return { code, stdout, stderr }
  } finally {
    clearTimeout(timer)
    process.stdout.write = writes.stdout
    process.stderr.write = writes.stderr
    process.chdir(previousCwd)
    for (const [name, value] of Object.entries(previousEnvironment)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    process.exitCode = previousExitCode
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!listeners.get(signal)!.has(listener)) process.removeListener(signal, listener as (...args: unknown[]) => void)
      }
    }
  }
}

/** A copy of `source/` in a temporary folder, to break on purpose. */
export async function copySource(): Promise<string> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-source-'))
  await fs.cp(path.join(projectRoot, 'source'), directory, { recursive: true })
  return directory
}

/** Replaces `search` in a file of the copy; returns the 1-based line and column where the replacement starts. */
export async function edit(directory: string, file: string, search: string, replacement: string): Promise<{ line: number; column: number }> {
  const full = path.join(directory, file)
  const text = await fs.readFile(full, 'utf8')
  const offset = text.indexOf(search)
  if (offset < 0) throw new Error(`"${search}" is not in ${file}`)
  await fs.writeFile(full, text.slice(0, offset) + replacement + text.slice(offset + search.length))
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}
