import { Ajv } from 'ajv'
import { linearRegExp } from '/work/wt-20/src/content/linear-patterns.ts'
const ajv = new Ajv({ code: { regExp: linearRegExp } })
const v = ajv.compile({ type: 'string', pattern: '^[A-Z]{3}$' })
console.log(v('FJI'), v('fji'))
import { RE2JS } from 're2js'
console.log(RE2JS.compile('^[A-Z]{3}$').matcher('FJI').find(), RE2JS.compile('^[A-Z]{3}$').test?.('FJI'))
