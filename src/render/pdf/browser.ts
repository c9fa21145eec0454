/**
 * Finds and starts the Chromium that prints PDFs. The browser is found from
 * PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, then the usual system paths; Puppeteer's own
 * download is never used. It is connected over a pipe, not a WebSocket, so it exits with
 * this process even when the process is killed outright. It sees only the fonts the project
 * ships (src/brand/font-folder.ts).
 *
 * The process is started here, as Puppeteer's `launch` starts it (the same arguments, the
 * same pipe), and Puppeteer is loaded while Chromium starts up and then connected to it:
 * loading Puppeteer takes a third of a second of this thread, which every build that prints
 * would otherwise spend before Chromium had even begun.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, ConnectionTransport } from 'puppeteer-core'
import type { Session } from '../../session/session.ts'
import { findBrowser } from './find-browser.ts'

export { BrowserNotFoundError, findBrowser } from './find-browser.ts'

/** Whether Chromium can use its sandbox here: not as root, where it refuses to start with one. */
export function sandboxAvailable(): boolean {
  return typeof process.getuid !== 'function' || process.getuid() !== 0
}

/**
 * Whether this process has said that Chromium runs without its sandbox. In module scope on
 * purpose: being root is the process's, not a session's, so a watching command (one
 * session per restart) says it once.
 */
let warnedAboutSandbox = false

export interface LaunchOptions {
  /** Where to say that the sandbox is off (once per process). */
  log?: (message: string) => void
  /**
   * The fontconfig file Chromium reads: the renderer passes the brand's own, which names
   * only the fonts the project ships (`brand.fontFolder.configFile`); tests pass others to
   * show the machine's fonts make no difference. Without one, Chromium reads the machine's
   * fonts: only for tests that print no document (the print's defences, axe).
   */
  fontConfigFile?: string
}

/**
 * What Puppeteer's `launch({ headless: true })` gives Chromium before the caller's own
 * arguments (`puppeteer.defaultArgs`, Puppeteer 24.9), which shape the PDF itself (tagged,
 * with an outline, in sRGB). `browser.unit.test.ts` holds this list equal to Puppeteer's, so
 * an upgrade that changes them fails there rather than printing differently.
 */
export const puppeteerDefaultArguments: readonly string[] = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,TabstripComboButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
  'about:blank',
]

/** Chromium features we turn off, besides Puppeteer's (see `ownArguments`). */
const ownDisabledFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess']

/** Our own arguments, after Puppeteer's. */
export function ownArguments(sandbox = sandboxAvailable()): string[] {
  return [
    ...(sandbox ? [] : ['--no-sandbox']),
    '--disable-gpu',
    // Nor a software stand-in for the GPU (SwiftShader, 17 MB in the GPU process): a print
    // rasterises nothing, and compositing falls back to software without it.
    '--disable-software-rasterizer',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-quic',
    '--no-first-run',
    '--font-render-hinting=none',
    // A second wall behind the request interception in print.ts: no host name resolves, so
    // nothing (a link's DNS prefetch included) can reach the network by name.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--dns-prefetch-disable',
    // Renderers that serve no print. Each holds 75 to 160 MB resident for the whole build
    // (most of it Chromium's own code, mapped again in each process): the start-up tab
    // (Puppeteer's `about:blank`), which would sit empty beside the print tabs; the address
    // bar's pop-ups, drawn ahead although a headless browser shows no address bar; and a
    // spare renderer kept warm for the next site opened, where the prints open two tabs and
    // keep them. A Chromium that does not know one of these features ignores it.
    '--no-startup-window',
    `--disable-features=${ownDisabledFeatures.join(',')}`,
  ]
}

/**
 * Every argument Chromium starts with, in the order Puppeteer's `launch` with `pipe: true`
 * gives them. Chromium reads the last `--disable-features` alone, so ours join Puppeteer's
 * list, as its `launch` joins a caller's.
 */
export function chromiumArguments(userDataDir: string, sandbox = sandboxAvailable()): string[] {
  const disabled = '--disable-features='
  const own = ownArguments(sandbox)
  const ownFeatures = own.filter((argument) => argument.startsWith(disabled)).map((argument) => argument.slice(disabled.length))
  const defaults = puppeteerDefaultArguments.map((argument) => (argument.startsWith(disabled) ? [argument, ...ownFeatures].join(',') : argument))
  return [...defaults, ...own.filter((argument) => !argument.startsWith(disabled)), '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`]
}

/** The Chromium process behind each browser this module connected, to kill it when `close()` does not end it. */
const processes = new WeakMap<Browser, ChildProcess>()

/** The process of a browser `launchBrowser` started. */
export function browserProcess(browser: Browser): ChildProcess | undefined {
  return processes.get(browser) ?? browser.process() ?? undefined
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser()
  const sandbox = sandboxAvailable()
  if (!sandbox && !warnedAboutSandbox) {
    warnedAboutSandbox = true
    options.log?.('Chromium runs without its sandbox: this process runs as root, where Chromium cannot use it. Page JavaScript is off and every request but the document is blocked.')
  }
  const { fontConfigFile } = options
  // A fresh profile for each launch, removed when the browser has gone (as Puppeteer's own).
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'puppeteer_dev_chrome_profile-'))
  const child = spawn(executablePath, chromiumArguments(userDataDir, sandbox), {
    // Its own process group, so the whole tree can be killed at once (as Puppeteer does).
    detached: true,
    // Chromium finds fonts through fontconfig, which reads this file instead of the system's.
    env: fontConfigFile ? { ...process.env, FONTCONFIG_FILE: fontConfigFile, FONTCONFIG_PATH: path.dirname(fontConfigFile) } : process.env,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  })
  const killGroup = () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }
  // A process that ends without closing its browser takes the browser with it.
  const onExit = () => {
    killGroup()
    rmSync(userDataDir, { recursive: true, force: true })
  }
  process.once('exit', onExit)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => {
    process.off('exit', onExit)
    return fs.rm(userDataDir, { recursive: true, force: true, maxRetries: 3 })
  }).catch(() => undefined)
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject)
    void exited.then(() => reject(new Error(`Chromium (${executablePath}) exited as it started (exit code ${child.exitCode ?? child.signalCode})`)))
  })
  failed.catch(() => undefined)
  try {
    const { default: puppeteer } = await Promise.race([import('puppeteer-core'), failed])
    const browser = await Promise.race([
      puppeteer.connect({ transport: new PipeTransport(child), defaultViewport: { width: 800, height: 600 } }),
      failed,
    ])
    processes.set(browser, child)
    // However the connection ends (closed, crashed, killed), the process goes with it.
    let going: Promise<void> | undefined
    const gone = () => {
      if (going) return going
      const timer = setTimeout(killGroup, closeGraceMs)
      return (going = exited.then(() => clearTimeout(timer)))
    }
    browser.once('disconnected', () => void gone())
    // As with a launched browser, `close()` returns once the process has exited.
    const close = browser.close.bind(browser)
    browser.close = async () => {
      await close().catch(() => undefined)
      await gone()
    }
    return browser
  } catch (error) {
    killGroup()
    throw error
  }
}

/** The session's resource name for a browser started ahead of its print queue. */
const earlyKey = 'early-browser'

/** The session's resource name for the print queue (`index.ts`), here so that this light module can see one is running. */
export const printQueueKey = 'print-queue'

interface EarlyBrowser {
  browser: Promise<Browser>
  taken: boolean
}

/**
 * Starts the session's browser now, before the PDF renderer is loaded, when a build knows
 * early that it will print: this module loads nothing but Node's own, so Chromium starts
 * while the content is read and transformed. The print queue's first launch takes it
 * (`takeEarlyBrowser`); one never taken is closed with the session.
 */
export function startBrowserEarly(session: Session, options: LaunchOptions): void {
  // A session that prints already (a watch) has its browser.
  if (session.existing(printQueueKey)) return
  session.resource<EarlyBrowser>(
    earlyKey,
    () => {
      const browser = launchBrowser(options)
      browser.catch(() => undefined)
      return { browser, taken: false }
    },
    async (early) => {
      if (!early.taken) await (await early.browser.catch(() => undefined))?.close()
    },
  )
}

/** The browser `startBrowserEarly` started, once: a browser that replaces it (after a crash) is launched anew. */
export function takeEarlyBrowser(session: Session): Promise<Browser> | undefined {
  const early = session.existing<EarlyBrowser>(earlyKey)
  if (!early || early.taken) return undefined
  early.taken = true
  return early.browser
}

/** How long a disconnected browser has to exit by itself before it is killed. */
const closeGraceMs = 5_000

/**
 * DevTools messages over Chromium's pipe (`--remote-debugging-pipe`): JSON, each ended by a
 * NUL byte, written to its fourth descriptor and read from its fifth. Bytes are joined before
 * they are decoded, so a character split between two reads stays whole.
 */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void
  onclose?: () => void
  readonly #write: NodeJS.WritableStream
  #pending: Buffer[] = []
  #closed = false

  constructor(child: ChildProcess) {
    this.#write = child.stdio[3] as NodeJS.WritableStream
    const read = child.stdio[4] as NodeJS.ReadableStream
    this.#write.on('error', () => undefined)
    read.on('error', () => undefined)
    read.on('data', (chunk: Buffer) => this.#receive(chunk))
    read.on('close', () => {
      if (!this.#closed) this.onclose?.()
    })
  }

  send(message: string): void {
    if (this.#closed) return
    this.#write.write(`${message}\0`)
  }

  close(): void {
    this.#closed = true
  }

  #receive(chunk: Buffer): void {
    let start = 0
    for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
      this.#pending.push(chunk.subarray(start, end))
      const message = Buffer.concat(this.#pending).toString('utf8')
      this.#pending = []
      start = end + 1
      if (!this.#closed) this.onmessage?.(message)
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start))
  }
}
