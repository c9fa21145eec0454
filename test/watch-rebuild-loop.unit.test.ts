/**
 * When `watch` builds: saves coalesced, one build at a time, and no save lost to a running
 * build. On vitest's fake timers: time moves only when the test moves it, so each
 * assertion says what has happened by a given moment, without sleeping or timing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RebuildLoop } from '../src/watch/rebuild-loop.ts'

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))
/** Moves the fake clock on, running the timers and promises due meanwhile. */
const advance = (milliseconds: number) => vi.advanceTimersByTimeAsync(milliseconds)

/** A build that takes `milliseconds` of (fake) time and records what it was given and whether another ran beside it. */
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
  return { builds, run, overlapped: () => overlapped, running: () => running }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('rebuild loop', () => {
  it('turns a burst of saves into one build that knows every saved file, after the quiet time that follows the last save', async () => {
    const { builds, run } = recorder(5)
    const loop = new RebuildLoop(run, { debounceMs: 30 })
    for (const file of ['a.md', 'b.json', 'a.md']) {
      loop.request(file)
      await advance(5)
    }
    // 10 ms after the last save (25 ms after the first): still quiet time.
    await advance(20)
    expect(builds).toEqual([])
    expect(loop.busy).toBe(true)
    await advance(5)
    expect(builds).toEqual([['a.md', 'b.json']])
    await advance(5)
    await loop.idle()
    expect(loop.busy).toBe(false)
    expect(builds).toEqual([['a.md', 'b.json']])
  })

  it('builds at once when asked to, without the quiet time', async () => {
    const { builds, run } = recorder(5)
    const loop = new RebuildLoop(run, { debounceMs: 1_000 })
    loop.request('first-build', true)
    await advance(0)
    expect(builds).toEqual([['first-build']])
    await advance(5)
    await loop.idle()
    expect(loop.busy).toBe(false)
  })

  it('lets a running build finish and then builds once more for the saves made meanwhile', async () => {
    const { builds, run, overlapped, running } = recorder(80)
    const loop = new RebuildLoop(run, { debounceMs: 5 })
    loop.request('first.md')
    await advance(20)
    expect(builds).toEqual([['first.md']])
    loop.request('second.md')
    await advance(20)
    loop.request('third.md')
    await advance(20)
    // The first build (5 to 85 ms) is still running: nothing else has started.
    expect(builds).toEqual([['first.md']])
    expect(running()).toBe(1)
    await advance(30)
    expect(builds).toEqual([['first.md'], ['second.md', 'third.md']])
    await advance(80)
    await loop.idle()
    expect(builds).toEqual([['first.md'], ['second.md', 'third.md']])
    expect(overlapped()).toBe(false)
    expect(loop.busy).toBe(false)
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
    await advance(5)
    await loop.idle()
    loop.request('fixed.md')
    await advance(5)
    await loop.idle()
    expect(builds).toEqual([['broken.md'], ['fixed.md']])
  })

  it('waits for the build under way when closed, and starts no other', async () => {
    const { builds, run } = recorder(50)
    const loop = new RebuildLoop(run, { debounceMs: 5 })
    loop.request('one.md')
    await advance(15)
    loop.request('two.md')
    let closed = false
    const closing = loop.close().then(() => (closed = true))
    // The build started at 5 ms and ends at 55 ms; `close` resolves then, not before.
    await advance(39)
    expect(closed).toBe(false)
    await advance(1)
    await closing
    expect(closed).toBe(true)
    await vi.runAllTimersAsync()
    expect(builds).toEqual([['one.md']])
    expect(loop.busy).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})
