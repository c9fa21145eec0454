/**
 * Where the browser that prints PDFs is: PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, then
 * the usual system paths. Kept apart from the launcher so the build can say at once that
 * none is installed, without loading Puppeteer.
 */
import fs from 'node:fs'
import { ToolError } from '../../errors/catalogue.ts'

const systemPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

export class BrowserNotFoundError extends ToolError {
  constructor(tried: string[]) {
    super('browser-not-found', `No Chromium or Chrome browser was found to print PDFs. Tried: ${tried.join(', ')}.`)
    this.name = 'BrowserNotFoundError'
  }
}

export function findBrowser(environment: NodeJS.ProcessEnv = process.env): string {
  const fromEnvironment = [environment.PUPPETEER_EXECUTABLE_PATH, environment.CHROME_PATH].filter((value): value is string => Boolean(value))
  for (const candidate of [...fromEnvironment, ...systemPaths]) {
    if (isExecutable(candidate)) return candidate
  }
  throw new BrowserNotFoundError([...fromEnvironment, ...systemPaths])
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

