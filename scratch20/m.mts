import fs from 'node:fs'
import { compileTemplate } from '../src/content/template-budget.ts'
import { limits } from '../src/content/limits.ts'
const dir = 'test/fixtures/events/pacific-workshop/collections/'
const t = compileTemplate(fs.readFileSync(dir + 'site-visits.hbs', 'utf8'), { countryNames: {}, language: 'en-GB' }) as any
const data = JSON.parse(fs.readFileSync(dir + 'site-visits.json', 'utf8'))
let lo = 0, hi = 100000
while (lo < hi) { const mid = (lo + hi) >> 1; (limits as any).templateWork = mid; if (t.render(data).ok) hi = mid; else lo = mid + 1 }
;(limits as any).templateWork = 1e9
console.log('work', lo, 'output', t.render(data).markdown.length)
// speed: 3000 entries, each over all
const big = { visits: Array.from({ length: 3000 }, (_, i) => ({ site: 's' + i, host: 'FJI', day: 1 })) }
const t2 = compileTemplate('{{#each visits}}{{#each @root.visits}}x{{/each}}{{/each}}', { countryNames: {}, language: 'en-GB' }) as any
;(limits as any).templateWork = 20_000_000
let s = performance.now(); const r = t2.render(big); console.log(r.ok, r.reason, ((performance.now() - s) / 1000).toFixed(2), 's')
