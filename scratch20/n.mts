import Handlebars from 'handlebars'
for (const depth of [50, 100, 300, 1000]) {
  const src = '{{#each visits}}\n'.repeat(depth) + 'x\n' + '{{/each}}\n'.repeat(depth)
  const env = Handlebars.create()
  let t = performance.now(); env.parse(src); const p = performance.now() - t
  t = performance.now(); const f = env.compile(src, { strict: true, knownHelpersOnly: true }); try { f({ visits: [] }) } catch (e) { console.log((e as Error).message.slice(0, 80)) }; const c = performance.now() - t
  console.log(depth, p.toFixed(0), c.toFixed(0))
}
