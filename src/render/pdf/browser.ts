/**
 * Finds and starts the Chromium that prints PDFs. The browser is found from
 * PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, then the usual system paths; Puppeteer's own
 * download is never used. It is connected over a pipe, not a WebSocket, so it exits with
 * this process even when the process is killed outright. It sees only the fonts the project
 * ships (src/brand/font-folder.ts).
 */
import path from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'
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

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser()
  const sandbox = sandboxAvailable()
  if (!sandbox && !warnedAboutSandbox) {
    warnedAboutSandbox = true
    options.log?.('Chromium runs without its sandbox: this process runs as root, where Chromium cannot use it. Page JavaScript is off and every request but the document is blocked.')
  }
  const { fontConfigFile } = options
  return puppeteer.launch({
    executablePath,
    // Chromium finds fonts through fontconfig, which reads this file instead of the system's.
    env: fontConfigFile ? { ...process.env, FONTCONFIG_FILE: fontConfigFile, FONTCONFIG_PATH: path.dirname(fontConfigFile) } : process.env,
    headless: true,
    pipe: true,
    // The caller decides what Ctrl-C means (watch closes its browser and server itself);
    // over a pipe, Chromium ends with this process however it ends.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // No start-up tab (below): the prints open their own.
    waitForInitialPage: false,
    // The user data directory is a fresh temporary one for each launch (Puppeteer's default).
    args: [
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
      // (most of it Chromium's own code, mapped again in each process): the start-up tab,
      // which would sit empty beside the print tabs; the address bar's pop-ups, drawn ahead
      // although a headless browser shows no address bar; and a spare renderer kept warm for
      // the next site opened, where the prints open two tabs and keep them. Puppeteer adds
      // these features to its own disabled ones; a Chromium that does not know one ignores it.
      '--no-startup-window',
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess',
    ],
  })
}
