/**
 * Finds and starts the Chromium that prints PDFs. The browser is found from
 * PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, then the usual system paths; Puppeteer's own
 * download is never used. It is connected over a pipe, not a WebSocket, so it exits with
 * this process even when the process is killed outright.
 */
import fs from 'node:fs'
import puppeteer, { type Browser } from 'puppeteer-core'

const systemPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

export class BrowserNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      [
        'No Chromium or Chrome browser was found to print PDFs.',
        `Tried: ${tried.join(', ')}.`,
        'Install one (on Debian or Ubuntu: `sudo apt-get install chromium`), or set',
        'PUPPETEER_EXECUTABLE_PATH to the browser\'s executable. To build without PDFs, use --format html,docx.',
      ].join('\n'),
    )
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

/** Whether Chromium can use its sandbox here: not as root, where it refuses to start with one. */
export function sandboxAvailable(): boolean {
  return typeof process.getuid !== 'function' || process.getuid() !== 0
}

let warnedAboutSandbox = false

export interface LaunchOptions {
  /** Where to say that the sandbox is off (once per process). */
  log?: (message: string) => void
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser()
  const sandbox = sandboxAvailable()
  if (!sandbox && !warnedAboutSandbox) {
    warnedAboutSandbox = true
    options.log?.('Chromium runs without its sandbox: this process runs as root, where Chromium cannot use it. Page JavaScript is off and every request but the document is blocked.')
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    // The caller decides what Ctrl-C means (watch closes its browser and server itself);
    // over a pipe, Chromium ends with this process however it ends.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // The user data directory is a fresh temporary one for each launch (Puppeteer's default).
    args: [
      ...(sandbox ? [] : ['--no-sandbox']),
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-default-apps',
      '--disable-quic',
      '--no-first-run',
      '--font-render-hinting=none',
      // A second wall behind the request interception in pdf.ts: no host name resolves, so
      // nothing (a link's DNS prefetch included) can reach the network by name.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--dns-prefetch-disable',
    ],
  })
}
