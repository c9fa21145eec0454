import { CollectionSandbox } from '../dist/content/collection-sandbox.js'
const s = new CollectionSandbox()
let t = performance.now()
const r = await s.run({ schema: { type: 'object' }, data: {}, template: 'x', words: { countryNames: {}, language: 'en-GB' } })
console.log('first job (worker start)', (performance.now() - t).toFixed(0), 'ms', r.ok)
t = performance.now()
await s.run({ schema: { type: 'object' }, data: {}, template: 'x', words: { countryNames: {}, language: 'en-GB' } })
console.log('second job', (performance.now() - t).toFixed(0), 'ms')
await s.close()
