/**
 * `watch` as an editor runs it: the real command in a child process on a scratch copy of
 * the tiny invented event (one small brief, HTML and PDF), a free port, a save that shows up in the output and as a reload on the
 * preview's event stream, a broken save shown on the preview while the outputs stay, a
 * fix that recovers, and Ctrl-C that ends the process with its browser.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import fs from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commandLine, projectRoot } from './support/cli.ts'
import { copyTinyEvent } from './support/tiny-event.ts'

let sourceDir: string
let outDir: string
let child: ChildProcessByStdio<null, Readable, Readable>
let stderr = ''
let baseUrl: string
let events: EventStream

const briefHtml = 'briefs/THA-thailand.html'

interface Reload {
  paths: string[]
  all: boolean
}

/** The preview's server-sent events, parsed as they come. */
class EventStream {
  readonly reloads: Reload[] = []
  readonly #waiters: Array<{ test: (reload: Reload) => boolean; resolve: (reload: Reload) => void }> = []
  readonly #request: http.ClientRequest

  constructor(url: string, ready: () => void) {
    this.#request = http.get(url, (response) => {
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/)
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (!/^event: reload$/m.test(block)) continue
          const reload = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as Reload
          this.reloads.push(reload)
          for (const waiter of this.#waiters.filter((entry) => entry.test(reload))) {
            this.#waiters.splice(this.#waiters.indexOf(waiter), 1)
            waiter.resolve(reload)
          }
        }
      })
      ready()
    })
  }

  next(test: (reload: Reload) => boolean, timeoutMs = 90_000): Promise<Reload> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No matching reload event; output so far:\n${stderr}`)), timeoutMs)
      this.#waiters.push({ test, resolve: (reload) => (clearTimeout(timer), resolve(reload)) })
    })
  }

  close(): void {
    this.#request.destroy()
  }
}

function waitForOutput(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(stderr)
      if (match) {
        clearInterval(timer)
        clearTimeout(deadline)
        resolve(match)
      }
    }
    const timer = setInterval(check, 50)
    const deadline = setTimeout(() => {
      clearInterval(timer)
      reject(new Error(`"${pattern}" did not appear; output so far:\n${stderr}`))
    }, timeoutMs)
  })
}

async function get(pathname: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const response = await fetch(new URL(pathname, baseUrl))
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
}

/** Chromium processes under the watch process, from /proc. */
async function browserProcesses(root: number): Promise<number[]> {
  const found: number[] = []
  const parents = new Map<number, number>()
  for (const name of await fs.readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(name)) continue
    const stat = await fs.readFile(`/proc/${name}/stat`, 'utf8').catch(() => '')
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (stat) parents.set(Number(name), parent)
  }
  for (const [pid] of parents) {
    for (let up = parents.get(pid); up !== undefined; up = parents.get(up)) {
      if (up === root) {
        const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
        if (/chrom/i.test(command)) found.push(pid)
        break
      }
    }
  }
  return found
}

beforeAll(async () => {
  sourceDir = await copyTinyEvent()
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rso-watch-out-'))
  child = spawn(process.execPath, [...commandLine, 'watch', '--source', sourceDir, '--out', outDir, '--country', 'THA', '--format', 'html,pdf', '--port', '0'], {
    cwd: projectRoot,
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stderr.on('data', (chunk) => (stderr += chunk))
  child.stdout.on('data', (chunk) => (stderr += chunk))
  const [, url = ''] = await waitForOutput(/Preview at (http:\/\/127\.0\.0\.1:\d+\/)/)
  baseUrl = url
  await new Promise<void>((resolve) => (events = new EventStream(new URL('/events', baseUrl).href, resolve)))
  await waitForOutput(/Wrote \d+ files? in/)
})

afterAll(async () => {
  events?.close()
  if (child && child.exitCode === null) child.kill('SIGKILL')
  await fs.rm(sourceDir, { recursive: true, force: true })
  await fs.rm(outDir, { recursive: true, force: true })
})

describe('watch', () => {
  it('serves an index of the documents on the loopback address', async () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const index = await get('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain(`href="/${briefHtml}"`)
    expect(index.body).toContain('href="/briefs/THA-thailand.pdf"')
  })

  it('adds the reload script to the pages it serves, never to the files it writes', async () => {
    const served = await get(`/${briefHtml}`)
    expect(served.body).toContain("new EventSource('/events')")
    expect(served.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'; connect-src 'self'$/)
    expect(served.body).not.toContain('http-equiv="Content-Security-Policy"')
    const written = await fs.readFile(path.join(outDir, briefHtml), 'utf8')
    expect(written).not.toMatch(/<script/i)
    expect(written).toContain('http-equiv="Content-Security-Policy"')
  })

  it('serves nothing outside the documents, and only to local names', async () => {
    for (const pathname of ['/.manifest.json', '/report/../.manifest.json', '/%2e%2e/package.json', '/briefs/.build.lock']) {
      expect((await get(pathname)).status, pathname).toBe(404)
    }
    const foreign = await new Promise<number>((resolve, reject) => {
      http.get(new URL('/', baseUrl), { headers: { host: 'attacker.example' } }, (response) => resolve(response.statusCode ?? 0)).on('error', reject)
    })
    expect(foreign).toBe(403)
  })

  it('rebuilds after a save, and tells the page of the changed document to reload', async () => {
    const reload = events.next((event) => event.paths.includes(`/${briefHtml}`))
    await fs.writeFile(path.join(sourceDir, 'briefs/THA.md'), '---\ntitle: Notes for the meeting\n---\n\nA sentence saved while watching.\n')
    expect((await reload).all).toBe(false)
    expect(await fs.readFile(path.join(outDir, briefHtml), 'utf8')).toContain('A sentence saved while watching.')
    expect((await get(`/${briefHtml}`)).body).toContain('A sentence saved while watching.')
  })

  it('shows a broken save with its file, line and column, keeps the last good outputs, and recovers on the fix', async () => {
    const before = await Promise.all(['html', 'pdf'].map((format) => fs.readFile(path.join(outDir, `briefs/THA-thailand.${format}`))))
    const broken = events.next((event) => event.all)
    await fs.writeFile(path.join(sourceDir, 'briefs/THA.md'), '---\nplacement: middle\n---\n\nA sentence that must not appear.\n')
    await broken
    await waitForOutput(/briefs\/THA\.md:2:\d+: error: /)
    const page = await get(`/${briefHtml}`)
    expect(page.body).toMatch(/role="alert"[\s\S]*THA\.md:2:\d+: error: /)
    expect(page.body).toContain('A sentence saved while watching.')
    expect((await get('/')).body).toMatch(/THA\.md:2:\d+: error: /)
    const after = await Promise.all(['html', 'pdf'].map((format) => fs.readFile(path.join(outDir, `briefs/THA-thailand.${format}`))))
    expect(after).toEqual(before)

    const fixed = events.next((event) => event.all && event.paths.includes(`/${briefHtml}`))
    await fs.writeFile(path.join(sourceDir, 'briefs/THA.md'), '---\nplacement: end\n---\n\nThe fixed sentence.\n')
    await fixed
    const recovered = await get(`/${briefHtml}`)
    expect(recovered.body).toContain('The fixed sentence.')
    expect(recovered.body).not.toContain('role="alert"')
  })

  it('stops on Ctrl-C, closing its browser and its server', async () => {
    const pid = child.pid as number
    const browsers = await browserProcesses(pid)
    expect(browsers.length).toBeGreaterThan(0)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    // An ended child stays in /proc until it is reaped; give that a moment.
    const running = async () => (await Promise.all(browsers.map((browser) => fs.readFile(`/proc/${browser}/stat`, 'utf8').then((stat) => !/\) Z /.test(stat), () => false)))).some(Boolean)
    for (let attempt = 0; attempt < 20 && (await running()); attempt++) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await running()).toBe(false)
    await expect(fetch(baseUrl)).rejects.toThrow()
  })
})
