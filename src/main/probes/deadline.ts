import { formatDuration } from '../../shared/plan/duration'
import { ProbeFailure } from './failures'

/** What a network error needs to know to tell "the deadline passed" from other failures. */
export type AbortState = Pick<AbortSignal, 'aborted' | 'reason'>

/**
 * A probe's deadline. An 'abort' listener on an AbortSignal (an EventTarget) costs more than all
 * the rest of the engine's own work on a fast loopback probe, so the HTTP exchange registers a
 * plain callback here instead; the AbortSignal is only made for code that needs one (sleeps,
 * DNS, TLS handshakes, token exchanges).
 */
export class Deadline implements AbortState {
  private controller: AbortController | undefined
  private callbacks: Set<() => void> | undefined
  private failure: ProbeFailure | undefined

  /** `at`: the performance.now() time the probe must be done by. */
  constructor(readonly at: number) {}

  get aborted(): boolean {
    return this.failure !== undefined
  }

  get reason(): ProbeFailure | undefined {
    return this.failure
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController()
      if (this.failure) this.controller.abort(this.failure)
    }
    return this.controller.signal
  }

  /** Call `callback` when the deadline passes (at once if it has); returns what cancels that. */
  onPass(callback: () => void): () => void {
    if (this.failure) {
      callback()
      return () => undefined
    }
    const callbacks = (this.callbacks ??= new Set())
    callbacks.add(callback)
    return () => callbacks.delete(callback)
  }

  /** The deadline passed: abort the signal and run every callback, once. */
  pass(failure: ProbeFailure): void {
    if (this.failure) return
    this.failure = failure
    this.controller?.abort(failure)
    for (const callback of this.callbacks ?? []) callback()
    this.callbacks = undefined
  }
}

/**
 * Run `work` with a deadline `allowedMs` from now: at the deadline it is failed with "no answer
 * within …" (its connections torn down through the Deadline), even when it is busy between awaits.
 */
export function withinDeadline<T>(
  allowedMs: number,
  work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  const deadline = new Deadline(performance.now() + allowedMs)
  // One promise settled by whichever comes first (cheaper than racing two, once per probe).
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const failure = new ProbeFailure(`no answer within ${formatDuration(allowedMs)}`)
      deadline.pass(failure)
      reject(failure)
    }, allowedMs)
    const settle = () => clearTimeout(timer)
    let working: Promise<T>
    try {
      working = work(deadline)
    } catch (e) {
      settle()
      reject(e)
      return
    }
    working.then(
      (value) => {
        settle()
        resolve(value)
      },
      (error: unknown) => {
        settle()
        reject(error)
      },
    )
  })
}
