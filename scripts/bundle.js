// Part of `npm run compile`: the compiled command line (dist/cli.js) bundled with the
// packages it imports into dist/bundle/, which bin/rso-docs.js runs. Unbundled, every
// command first loads about 1,200 modules one file at a time (1,045 of them packages'),
// and Node's loader spent a third of a second of each command's start resolving, reading
// and linking them. The bundle keeps the lazy loading: each `import()` of the code becomes
// a chunk loaded when it is reached.
//
// The bundled code behaves as the files it came from:
// - `import.meta.url` and `import.meta.dirname` in our modules name the compiled file each
//   came from (dist/...), so the folders found from them (the project, the words tables,
//   the DOCX and collection workers, which run unbundled, `createRequire`) are the same;
// - a package that reads files beside its own (WebAssembly, data) stays out of the bundle
//   (`external`) and loads from node_modules as before. A package not listed that does so
//   fails the bundle here, named, rather than the command at run time.
import fs from 'node:fs'
import path from 'node:path'

/**
 * Packages loaded from node_modules as before: Resvg's native module, the WebAssembly of
 * HarfBuzz and of WOFF2, and Puppeteer, whose own dependencies (some with WebAssembly) load
 * only when a browser is connected.
 */
const external = ['@resvg/resvg-js', 'harfbuzzjs', 'puppeteer-core', 'wawoff2']

/** Use of a package's own location, outside comments: such a package must be external. */
const ownLocation = /\b__dirname\b|\b__filename\b|\bimport\.meta\.(url|dirname|filename)\b/
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1')

export async function bundle(root) {
  const { build } = await import('esbuild')
  const dist = path.join(root, 'dist')
  const outdir = path.join(dist, 'bundle')
  const problems = []
  const ownFiles = {
    name: 'own-files',
    setup(builder) {
      builder.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8')
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) {
          if (ownLocation.test(withoutComments(text))) problems.push(path.relative(root, args.path))
          return { contents: text, loader: 'js' }
        }
        // Our compiled modules: their own address is the file they were compiled to.
        const url = `new URL(${JSON.stringify(path.relative(outdir, args.path))}, import.meta.url).href`
        const rewritten = text.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', `__bundledDirectory(__bundledPath(${url}))`)
        const helper = rewritten.includes('__bundledDirectory(') ? "import { fileURLToPath as __bundledPath } from 'node:url';\nimport { dirname as __bundledDirectory } from 'node:path';\n" : ''
        return { contents: helper + rewritten, loader: 'js' }
      })
    },
  }
  fs.rmSync(outdir, { recursive: true, force: true })
  await build({
    entryPoints: [path.join(dist, 'cli.js')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages' ES modules before their CommonJS builds, as Node's own `import` picks them.
    mainFields: ['module', 'main'],
    external,
    // The CommonJS packages bundled call `require` for Node's own modules.
    banner: { js: "import { createRequire as __bundledRequire } from 'node:module';\nconst require = __bundledRequire(import.meta.url);" },
    plugins: [ownFiles],
    legalComments: 'none',
    logLevel: 'warning',
  })
  if (problems.length > 0) {
    fs.rmSync(outdir, { recursive: true, force: true })
    throw new Error(`These packages read files beside their own code and must stay out of the bundle (scripts/bundle.js, \`external\`):\n${[...new Set(problems.map((file) => file.replace(/^.*node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+).*$/, '$1')))].map((name) => `  ${name}`).join('\n')}`)
  }
}
