import { describe, expect, it, vi } from 'vitest'
import { Deadline } from '../../../src/main/probes/deadline'
import { ProbeFailure } from '../../../src/main/probes/failures'
import { sleepWithin } from '../../../src/main/probes/sleep'

describe('Deadline', () => {
  it('runs each registered callback once when it passes, and not the cancelled ones', () => {
    const deadline = new Deadline(1000)
    const kept = vi.fn()
    const cancelled = vi.fn()
    deadline.onPass(kept)
    const cancel = deadline.onPass(cancelled)
    cancel()
    expect(deadline.aborted).toBe(false)
    const failure = new ProbeFailure('no answer within 1 s')
    deadline.pass(failure)
    deadline.pass(new ProbeFailure('again'))
    expect(kept).toHaveBeenCalledTimes(1)
    expect(cancelled).not.toHaveBeenCalled()
    expect(deadline.aborted).toBe(true)
    expect(deadline.reason).toBe(failure)
  })

  it('calls a callback registered after it passed at once', () => {
    const deadline = new Deadline(0)
    deadline.pass(new ProbeFailure('late'))
    const late = vi.fn()
    deadline.onPass(late)
    expect(late).toHaveBeenCalledTimes(1)
  })

  it('gives an AbortSignal that aborts with the failure, whether asked for before or after', () => {
    const early = new Deadline(0)
    const signal = early.signal
    expect(signal.aborted).toBe(false)
    const failure = new ProbeFailure('no answer within 10 s')
    early.pass(failure)
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBe(failure)

    const late = new Deadline(0)
    late.pass(failure)
    expect(late.signal.aborted).toBe(true)
    expect(late.signal.reason).toBe(failure)
  })
})

describe('sleepWithin', () => {
  it('waits out its time while the deadline holds, and leaves no callback on the deadline', async () => {
    const deadline = new Deadline(performance.now() + 60_000)
    const t0 = performance.now()
    await sleepWithin(20, deadline)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19)
    const late = vi.fn()
    deadline.onPass(late)
    deadline.pass(new ProbeFailure('no answer within 1 min'))
    // Only the callback registered here ran: the finished sleep had cancelled its own.
    expect(late).toHaveBeenCalledTimes(1)
  })

  it("rejects with the deadline's failure when the deadline passes first, or has passed", async () => {
    const deadline = new Deadline(performance.now() + 60_000)
    const sleeping = sleepWithin(60_000, deadline)
    const failure = new ProbeFailure('no answer within 5 s')
    deadline.pass(failure)
    await expect(sleeping).rejects.toBe(failure)
    await expect(sleepWithin(10, deadline)).rejects.toBe(failure)
  })
})
