import { describe, expect, it, vi } from 'vitest'
import { Deadline } from '../../../src/main/probes/deadline'
import { ProbeFailure } from '../../../src/main/probes/failures'

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
