/**
 * The preview server of `watch`: the built documents on the loopback interface only, an
 * index page, and a live-reload channel (server-sent events on `/events`).
 *
 * The HTML editions are script-free files with a Content-Security-Policy that allows no
 * script, and they stay so on disk. Only what this server sends carries the reload
 * snippet: one inline script, allowed by its hash in the policy sent with the page, which
 * reloads the page when its own document (or the state of the build) changes. When the
 * last build failed, every page also shows the errors with their file:line:column above
 * the last good document.
 */
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

export interface PreviewState {
  /** Outputs of the last good build, relative to the output folder (`report/x.html`). */
  outputs: readonly string[]
  /** What went wrong in the last build, as `file:line:column: ...` lines; none when it went well. */
  problem?: { title: string; details: string }
  building: boolean
  /** When the last build ended. */
  builtAt?: Date
}

export interface PreviewServerOptions {
  outDir: string
  /** 0 picks a free port. */
  port: number
  state: () => PreviewState
}

export interface PreviewServer {
  url: string
  port: number
  /** Tells open pages that these outputs changed (`all`: every page, as when the errors change). */
  reload(outputs: readonly string[], all: boolean): void
  close(): Promise<void>
}

const host = '127.0.0.1'

/** Reloads the page when the server says its path changed; reconnects on its own after a restart. */
const reloadScript =
  "(()=>{const here=decodeURIComponent(location.pathname);const events=new EventSource('/events');" +
  "events.addEventListener('reload',(event)=>{const change=JSON.parse(event.data);if(change.all||change.paths.includes(here))location.reload()})})()"
const reloadScriptHash = createHash('sha256').update(reloadScript).digest('base64')
const reloadSnippet = `<script>${reloadScript}</script>`

/** The policy of the HTML editions, when a page carries none of its own. */
const documentPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
const withReload = (policy: string) => `${policy}; script-src '${`sha256-${reloadScriptHash}`}'; connect-src 'self'`

/**
 * What the server hands out: the documents it lists (wherever the event's `briefsFolder`
 * puts them), and documents under report/ and briefs/ and their subfolders; nothing else in
 * the folder. Every part of a path starts with a letter or digit, so none is `..`.
 */
const servable = /^\/((?:[A-Za-z0-9][A-Za-z0-9._-]*\/)+[A-Za-z0-9][A-Za-z0-9._-]*\.(html|pdf|docx))$/
const conventional = /^(report|briefs)\//
const mediaTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const clients = new Set<http.ServerResponse>()
  let port = options.port

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `Internal error: ${(error as Error).message}\n`)
      else response.destroy()
    })
  })

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // Another site's page in the same browser may try this port by a name of its own (DNS rebinding).
    if (!isLocalHost(request.headers.host, port)) return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden\n')
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { allow: 'GET, HEAD' })
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad request: the address has a malformed % escape\n')
    }
    if (pathname === '/events') return openEvents(response)
    if (pathname === '/' || pathname === '/index.html') {
      const state = options.state()
      return send(response, 200, 'text/html; charset=utf-8', indexPage(state, await titlesOf(options.outDir, state.outputs)), { 'content-security-policy': withReload("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'") })
    }
    const match = servable.exec(pathname)
    const listed = match !== null && options.state().outputs.includes(match[1] ?? '')
    if (!match || !(listed || conventional.test(match[1] ?? ''))) return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n')
    const [, relative = '', extension = ''] = match
    const bytes = await readInside(options.outDir, relative)
    if (!bytes) return send(response, 404, 'text/plain; charset=utf-8', `${relative} has not been built (yet).\n`)
    if (extension !== 'html') {
      const download = extension === 'docx' ? { 'content-disposition': `attachment; filename="${path.basename(relative)}"` } : {}
      return send(response, 200, mediaTypes[extension] ?? 'application/octet-stream', bytes, { 'content-security-policy': 'sandbox', ...download })
    }
    const { html, policy } = withoutPolicy(bytes.toString('utf8'))
    send(response, 200, mediaTypes.html as string, servedDocument(html, options.state()), { 'content-security-policy': withReload(policy) })
  }

  function openEvents(response: http.ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' })
    response.write('retry: 1000\n: connected\n\n')
    clients.add(response)
    response.on('close', () => clients.delete(response))
  }

  // Comments keep idle connections open through proxies and tell a closed tab from an open one.
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n')
  }, 15_000)
  heartbeat.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${host}:${port}/`,
    port,
    reload(outputs, all) {
      const paths = ['/', ...outputs.filter((output) => output.endsWith('.html')).map((output) => `/${output}`)]
      const message = `event: reload\ndata: ${JSON.stringify({ paths, all })}\n\n`
      for (const client of clients) client.write(message)
    },
    async close() {
      clearInterval(heartbeat)
      for (const client of clients) client.end()
      clients.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

/**
 * A built file, only when it is a regular file whose real path lies inside the output
 * folder: a symlink in `out/` (to /etc/passwd, or to a folder outside) is never followed
 * out, and a FIFO or device never read. Opened without following a final symlink, and
 * looked at once open, so the name cannot be swapped between the look and the read.
 */
async function readInside(outDir: string, relative: string): Promise<Buffer | undefined> {
  try {
    const root = await fs.realpath(outDir)
    const real = await fs.realpath(path.join(outDir, relative))
    const inside = path.relative(root, real)
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined
    const handle = await fs.open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
    try {
      if (!(await handle.stat()).isFile()) return undefined
      return await handle.readFile()
    } finally {
      await handle.close()
    }
  } catch {
    return undefined
  }
}

function isLocalHost(header: string | undefined, port: number): boolean {
  return header === `${host}:${port}` || header === `localhost:${port}` || header === `[::1]:${port}`
}

function send(response: http.ServerResponse, status: number, type: string, body: string | Uint8Array, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...headers,
  })
  response.end(response.req.method === 'HEAD' ? undefined : body)
}

/**
 * The page's own policy, taken out of its `<meta>` so that it is sent as a header with the
 * reload script added: a browser applies every policy it is given, so the script would be
 * refused while the meta's stayed.
 */
function withoutPolicy(html: string): { html: string; policy: string } {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">\n?/i.exec(html)
  if (!meta) return { html, policy: documentPolicy }
  return { html: html.replace(meta[0], ''), policy: (meta[1] ?? documentPolicy).replace(/&#x27;|&#39;/g, "'").replace(/;\s*$/, '') }
}

function servedDocument(html: string, state: PreviewState): string {
  const banner = state.problem ? problemBanner(state.problem) : ''
  const withBanner = banner ? html.replace(/<body[^>]*>/, (body) => `${body}\n${banner}`) : html
  return withBanner.includes('</body>') ? withBanner.replace('</body>', `${reloadSnippet}\n</body>`) : `${withBanner}\n${reloadSnippet}`
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function problemBanner(problem: NonNullable<PreviewState['problem']>): string {
  return (
    '<div role="alert" style="position:sticky;top:0;z-index:1000;margin:0;padding:1em 1.5em;background:#FEE4E2;color:#7A271A;border-bottom:3px solid #B42318;font:14px/1.45 system-ui,sans-serif">' +
    `<strong>${escapeHtml(problem.title)}</strong>` +
    `<pre style="white-space:pre-wrap;margin:.5em 0 0;font:13px/1.45 ui-monospace,monospace">${escapeHtml(problem.details)}</pre></div>`
  )
}

/**
 * The title of each HTML edition (its `<title>`), by output without extension, so the
 * index lists "Country brief: Fiji" rather than "FJI-fiji". Only the head is read.
 */
async function titlesOf(outDir: string, outputs: readonly string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>()
  await Promise.all(
    outputs.filter((output) => output.endsWith('.html')).map(async (output) => {
      const handle = await fs.open(path.join(outDir, output)).catch(() => undefined)
      if (!handle) return
      try {
        const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(16_384), position: 0 })
        const title = /<title>([^<]*)<\/title>/.exec(buffer.subarray(0, bytesRead).toString('utf8'))?.[1]
        if (title?.trim()) titles.set(output.replace(/\.html$/, ''), decodeEntities(title.trim()))
      } finally {
        await handle.close()
      }
    }),
  )
  return titles
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" }
const decodeEntities = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name] ?? '')

function indexPage(state: PreviewState, titles: ReadonlyMap<string, string>): string {
  const documents = new Map<string, string[]>()
  for (const output of state.outputs) {
    const stem = output.replace(/\.(html|pdf|docx)$/, '')
    documents.set(stem, [...(documents.get(stem) ?? []), output.slice(stem.length + 1)])
  }
  const row = (stem: string) => {
    const formats = (documents.get(stem) ?? []).sort((a, b) => ['html', 'pdf', 'docx'].indexOf(a) - ['html', 'pdf', 'docx'].indexOf(b))
    const name = titles.get(stem) ?? path.basename(stem)
    const primary = formats.includes('html') ? `<a href="/${escapeHtml(stem)}.html">${escapeHtml(name)}</a>` : escapeHtml(name)
    const others = formats.filter((format) => format !== 'html').map((format) => `<a href="/${escapeHtml(stem)}.${format}">${format.toUpperCase()}</a>`)
    return `<li>${primary}${others.length > 0 ? ` <small>(${others.join(', ')})</small>` : ''}</li>`
  }
  // Briefs go wherever the event's briefsFolder says; everything that is not the report is one.
  const section = (title: string, belongs: (stem: string) => boolean) => {
    const stems = [...documents.keys()].filter(belongs).sort()
    return stems.length > 0 ? `<h2>${title}</h2>\n<ul>\n${stems.map(row).join('\n')}\n</ul>` : ''
  }
  const status = state.building ? 'Building…' : state.builtAt ? `Last build ended at ${state.builtAt.toLocaleTimeString('en-GB')}.` : 'Waiting for the first build.'
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: documents</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em;color:#1F2933}a{color:#0B3B60}small a{margin-right:.3em}</style>
</head>
<body>
${state.problem ? problemBanner(state.problem) : ''}
<h1>Documents</h1>
<p>${escapeHtml(status)} Pages reload themselves when their document is rebuilt.</p>
${section('Outcome report', (stem) => stem.startsWith('report/'))}
${section('Country briefs', (stem) => !stem.startsWith('report/'))}
${documents.size === 0 ? '<p>No documents yet.</p>' : ''}
${reloadSnippet}
</body>
</html>
`
}
