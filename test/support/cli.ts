/** Running the real command line in a child process, on a scratch copy of the content. */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export const projectRoot = path.resolve(import.meta.dirname, '../..')

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), ...args], {
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
