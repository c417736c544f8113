import type { ConditionOutcome } from '../../shared/conditions/evaluate'
import type { ProbeEvidence } from '../../shared/probes/result'
import type { Deadline } from './deadline'
import type { Placeholders } from './request-spec'
import type { Redactor } from './redact'

/** What every probe kind gets to run with. */
export interface KindContext {
  vars: Readonly<Record<string, string>>
  placeholders: Placeholders
  /** The probe's deadline (its `signal` aborts then, with a ProbeFailure as the reason). */
  deadline: Deadline
  /** Values to keep out of evidence besides credentials, e.g. tokens a flow captured. */
  hidden: Set<string>
  redactor(): Redactor
}

export type KindEvidence = Omit<
  ProbeEvidence,
  'engine' | 'kind' | 'startedAt' | 'endedAt' | 'durationMs' | 'conditions'
>

/** What a probe kind observed: condition outcomes, a failure when it could not observe, evidence. */
export interface KindOutcome {
  conditions: ConditionOutcome[]
  failure?: string
  evidence: KindEvidence
}
