/** The Node.js version check that runs before the command loads anything else. */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAtLeast, minimumNode, nodeVersionProblem } from '../bin/node-version.js'
import { projectRoot } from './support/cli.ts'

describe('Node.js version', () => {
  it('compares versions part by part, not as text', () => {
    expect(isAtLeast('v20.19.0', '20.19.0')).toBe(true)
    expect(isAtLeast('v20.18.3', '20.19.0')).toBe(false)
    expect(isAtLeast('v20.9.0', '20.19.0')).toBe(false)
    expect(isAtLeast('v20.20.2', '20.19.0')).toBe(true)
    expect(isAtLeast('v22.0.0', '20.19.0')).toBe(true)
    expect(isAtLeast('v18.20.4', '20.19.0')).toBe(false)
    expect(isAtLeast('v24.1.0-nightly20250101', '20.19.0')).toBe(true)
  })

  it('says plainly what an older Node.js needs, and nothing for a new enough one', () => {
    expect(nodeVersionProblem('v18.20.4')).toBe(`error: rso-docs needs Node.js ${minimumNode} or newer; this is Node.js 18.20.4. Install a newer Node.js (20.19 or later, 22 or 24) and run the command again.`)
    expect(nodeVersionProblem('v20.19.0')).toBeUndefined()
  })

  it('is what package.json asks for', async () => {
    const { engines } = (await import('../package.json', { with: { type: 'json' } })).default as { engines: { node: string } }
    expect(engines.node).toBe(`>=${minimumNode}`)
  })

  it('stops the command on an older Node.js with that message and exit code 2, before loading anything', () => {
    // The Node.js running the test pretends to be 20.18.0 before the command starts.
    const pretend = `data:text/javascript,Object.defineProperty(process, 'version', { value: 'v20.18.0' })`
    const result = spawnSync(process.execPath, ['--import', pretend, path.join(projectRoot, 'bin/rso-docs.js'), 'build', '--out', '/nonexistent'], { encoding: 'utf8', cwd: projectRoot })
    expect(result.stderr.trim()).toBe(nodeVersionProblem('v20.18.0'))
    expect(result.status).toBe(2)
  })

  it('lets a new enough Node.js through', () => {
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin/rso-docs.js'), '--help'], { encoding: 'utf8', cwd: projectRoot })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain('build')
  })
})
