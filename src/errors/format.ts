/**
 * Prints messages as `file:line:column: severity: reason [rule]`, the form editors and
 * terminals turn into links, with the hint on the next line.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import type { ToolError } from './catalogue.ts'

export interface FormatOptions {
  /** Paths are shown relative to this folder. */
  cwd?: string
}

export function formatMessages(files: readonly VFile[], options: FormatOptions = {}): string {
  const cwd = options.cwd ?? process.cwd()
  const lines: string[] = []
  const messages = files.flatMap((file) => file.messages.map((message) => ({ file, message })))
  messages.sort((a, b) => Number(b.message.fatal) - Number(a.message.fatal))
  for (const { file, message } of messages) {
    const name = file.path ? path.relative(cwd, file.path) || file.path : '<input>'
    const line = message.line ?? 1
    const column = message.column ?? 1
    const severity = message.fatal ? 'error' : 'warning'
    lines.push(`${name}:${line}:${column}: ${severity}: ${message.reason}${message.ruleId ? ` [${message.ruleId}]` : ''}`)
    if (message.note) lines.push(`  hint: ${message.note}`)
  }
  return lines.join('\n')
}

export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal) errors++
      else warnings++
    }
  }
  return { errors, warnings }
}

/** `error: message [rule]` with the hint on the next line, for problems that are not at a place in the content. */
export function formatToolError(error: ToolError): string {
  // A message may quote what came from outside (a reviewed file's name or text): no control character reaches the terminal.
  const line = (text: string) => text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, ' ')
  return `error: ${line(error.message)} [${error.ruleId}]\n  hint: ${line(error.hint)}`
}
