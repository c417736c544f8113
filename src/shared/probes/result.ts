import type { ProbeKind } from '../plan/probes'
import type { ConditionOutcome } from '../conditions/evaluate'

/** Timings of one HTTP exchange, in ms; phases that did not happen (a reused connection) are absent. */
export interface Timing {
  dns?: number
  connect?: number
  tls?: number
  ttfb?: number
  total: number
}

/** One HTTP exchange as evidence: what was asked (redacted) and what came back (selected, capped, redacted). */
export interface HttpEvidence {
  request: { method: string; url: string }
  status?: number
  headers?: Record<string, string>
  bodyExcerpt?: string
  bodyBytes?: number
  truncated?: boolean
  timing?: Timing
  redirects?: string[]
  /** TLS verification was switched off for this request (plan opt-out). */
  insecure?: boolean
  /** 429 responses waited out (Retry-After) before this one. */
  retries?: number
  /** A paginated list: pages read (this evidence is the last one's) and items gathered. */
  pages?: number
  items?: number
}

export interface StepEvidence extends HttpEvidence {
  id: string
  attempts: number
  conditions: ConditionOutcome[]
  captured: Record<string, string>
  error?: string
}

/** Everything a probe result carries besides its verdict: it goes into probe.result as is. */
export interface ProbeEvidence {
  engine: string
  kind: ProbeKind
  startedAt: string
  endedAt: string
  durationMs: number
  conditions: ConditionOutcome[]
  http?: HttpEvidence
  steps?: StepEvidence[]
  /** Ids captured by a flow and marked as evidence (job ids, request ids). */
  ids?: Record<string, string>
  cert?: Record<string, unknown>
  dns?: Record<string, unknown>
  latency?: Record<string, unknown>
  findings?: string[]
  metric?: Record<string, unknown>
}

export interface ProbeResult {
  item: string
  status: 'pass' | 'fail'
  /** For a failure: the first thing that went wrong, with the actual value. */
  reason?: string
  observedAt: string
  durationMs: number
  evidence: ProbeEvidence
}
