import type { Dispatcher } from 'undici'
import type { AbortState } from './deadline'
import { describeNetworkError, ProbeFailure } from './failures'
import type { HttpRequestSpec, ProbeAgent } from './http-exchange'

/** One timed request of a latency probe: its status and response time. */
export interface TimedResponse {
  status: number
  /** From the moment the request is written to its socket until the response's last byte, ms. */
  ms: number
}

/** A request split for `dispatch`, parsed once per probe rather than once per request. */
export interface DispatchTarget {
  origin: string
  path: string
  method: Dispatcher.HttpMethod
  headers: Record<string, string>
  body?: string
  url: string
}

export function dispatchTarget(spec: HttpRequestSpec): DispatchTarget {
  const url = new URL(spec.url)
  return {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: spec.method as Dispatcher.HttpMethod,
    headers: spec.headers,
    ...(spec.body !== undefined && { body: spec.body }),
    url: spec.url,
  }
}

/**
 * A request as a load tool times it: the clock starts when the request goes onto its socket
 * (undici's onRequestStart), not when it is queued, and stops at the response's last byte. The
 * body is counted, not kept, and no stream or header record is built: a latency probe sends
 * hundreds of these, and on a busy machine every bit of its own CPU work shows up in the figures.
 * A body over `maxBodyBytes` ends the request there (its connection is dropped, as a capped
 * exchange does) and counts as answered.
 */
export function timedRequest(
  agent: ProbeAgent,
  target: DispatchTarget,
  maxBodyBytes: number,
  deadline: AbortState,
): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    let started = performance.now()
    let status = 0
    let bytes = 0
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      resolve({ status, ms: performance.now() - started })
    }
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart() {
        started = performance.now()
      },
      onResponseStart(_controller, statusCode) {
        status = statusCode
      },
      onResponseData(controller, chunk) {
        bytes += chunk.length
        if (bytes > maxBodyBytes) {
          finish()
          controller.abort(BODY_CAPPED)
        }
      },
      onResponseEnd: finish,
      onResponseError(_controller, error) {
        if (settled) return
        settled = true
        reject(
          new ProbeFailure(
            describeNetworkError(error, target.url, deadline, status ? bytes : undefined),
          ),
        )
      },
    }
    agent.dispatcher.dispatch(
      {
        origin: target.origin,
        path: target.path,
        method: target.method,
        headers: target.headers,
        ...(target.body !== undefined && { body: target.body }),
      },
      handler,
    )
  })
}

/** Why a capped body's request is ended (made once: its stack is never shown). */
const BODY_CAPPED = new Error('response body over the probe cap')
