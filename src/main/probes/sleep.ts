import type { Deadline } from './deadline'

/** Wait, unless the signal aborts first (then reject with its reason). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason as Error)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Wait, unless the deadline passes first (then reject with its failure). A plain callback on the
 * Deadline, not an 'abort' listener: a latency probe waits once per request.
 */
export function sleepWithin(ms: number, deadline: Deadline): Promise<void> {
  return new Promise((resolve, reject) => {
    if (deadline.aborted) {
      reject(deadline.reason as Error)
      return
    }
    const timer = setTimeout(() => {
      cancel()
      resolve()
    }, ms)
    const cancel = deadline.onPass(() => {
      clearTimeout(timer)
      reject(deadline.reason as Error)
    })
  })
}
