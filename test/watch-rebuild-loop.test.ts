/** When `watch` builds: saves coalesced, one build at a time, and no save lost to a running build. */
import { describe, expect, it } from 'vitest'
import { RebuildLoop } from '../src/watch/rebuild-loop.ts'

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

/** A build that takes `milliseconds` and records what it was given and whether another ran beside it. */
function recorder(milliseconds: number) {
  const builds: string[][] = []
  let running = 0
  let overlapped = false
  const run = async (changed: readonly string[]) => {
    running++
    overlapped ||= running > 1
    builds.push([...changed])
    await pause(milliseconds)
    running--
  }
  return { builds, run, overlapped: () => overlapped }
}

describe('rebuild loop', () => {
  it('turns a burst of saves into one build that knows every saved file', async () => {
    const { builds, run } = recorder(5)
    const loop = new RebuildLoop(run, { debounceMs: 30 })
    for (const file of ['a.md', 'b.json', 'a.md']) {
      loop.request(file)
      await pause(5)
    }
    await pause(40)
    await loop.idle()
    expect(builds).toEqual([['a.md', 'b.json']])
  })

  it('lets a running build finish and then builds once more for the saves made meanwhile', async () => {
    const { builds, run, overlapped } = recorder(80)
    const loop = new RebuildLoop(run, { debounceMs: 5 })
    loop.request('first.md')
    await pause(20)
    loop.request('second.md')
    await pause(20)
    loop.request('third.md')
    await pause(20)
    await loop.idle()
    expect(builds).toEqual([['first.md'], ['second.md', 'third.md']])
    expect(overlapped()).toBe(false)
  })

  it('keeps going after a build that throws', async () => {
    const builds: string[][] = []
    const loop = new RebuildLoop(
      async (changed) => {
        builds.push([...changed])
        if (builds.length === 1) throw new Error('broken content')
      },
      { debounceMs: 5 },
    )
    loop.request('broken.md')
    await pause(20)
    await loop.idle()
    loop.request('fixed.md')
    await pause(20)
    await loop.idle()
    expect(builds).toEqual([['broken.md'], ['fixed.md']])
  })

  it('waits for the build under way when closed, and starts no other', async () => {
    const { builds, run } = recorder(50)
    const loop = new RebuildLoop(run, { debounceMs: 5 })
    loop.request('one.md')
    await pause(15)
    loop.request('two.md')
    const started = performance.now()
    await loop.close()
    expect(performance.now() - started).toBeGreaterThan(20)
    await pause(30)
    expect(builds).toEqual([['one.md']])
    expect(loop.busy).toBe(false)
  })
})
