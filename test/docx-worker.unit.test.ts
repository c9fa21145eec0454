/**
 * Which thread writes a build's DOCX packages (`render/docx/worker-thread.ts`): the main
 * thread for a command with a few short ones, the worker for many, for long ones beside a
 * print, and for every build of a session that started the worker as it warmed up (`watch`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DocxWorker } from '../src/render/docx/worker-thread.ts'

const workers: DocxWorker[] = []
const made = () => {
  const worker = new DocxWorker()
  workers.push(worker)
  return worker
}

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.close()))
})

describe('the DOCX worker', () => {
  it('is not used for a command with two short packages, with or without a print', () => {
    const worker = made()
    worker.plan(2, 12, true)
    expect(worker.onWorker).toBe(false)
    worker.plan(2, 12, false)
    expect(worker.onWorker).toBe(false)
  })

  it('is used for many packages, and for long ones beside a print', () => {
    const worker = made()
    worker.plan(4, 12, false)
    expect(worker.onWorker).toBe(true)
    worker.plan(1, 100, true)
    expect(worker.onWorker).toBe(true)
    worker.plan(1, 100, false)
    expect(worker.onWorker).toBe(false)
  })

  it('is used for every build once a lasting session started it as it warmed up', () => {
    const worker = made()
    worker.start()
    worker.plan(2, 12, true)
    expect(worker.onWorker).toBe(true)
  })
})
