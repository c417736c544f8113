import type { CanarySpecSchema } from '../canary/spec'
import type { CredentialKind } from '../credentials'
import type { ProbeSchema } from '../plan/probes'
import type { z } from 'zod'

/** A probe as a plan file would hold it (defaults not filled in). */
export type ProbeInput = z.input<typeof ProbeSchema>
/** A canary as a plan file would hold it. */
export type CanaryInput = z.input<typeof CanarySpecSchema>

/** Something the user must still provide before a draft can run. */
export type Missing =
  | { type: 'var'; name: string; description: string }
  | { type: 'credential'; name: string; kind: CredentialKind; help: string }

/**
 * One drafted check for an item: exactly one of `probe` (what `probe:` would hold) or `canary`
 * (what `canary:` would hold), what is still missing, the words of the item that decided it, and
 * how sure the rule is (0..1).
 */
export interface Draft {
  /** The rule that drafted it: a probe kind, `canary`, or `preset:<id>`. */
  rule: string
  probe?: ProbeInput
  canary?: CanaryInput
  missing: Missing[]
  because: string
  confidence: number
  /** "Detect issues within 5 minutes": run the plan continuously at this interval. */
  every?: string
  /** Extra acceptance notes the text gave that the probe cannot hold (a canary's traffic share). */
  notes?: string
  /** A flow drafted from consecutive items: the ids of the items it covers (this one first). */
  covers?: string[]
}

/** What the drafter knows about the plan an item is in. */
export interface PlanContext {
  /** Declared vars: name → default value (undefined when it has none). */
  vars: Readonly<Record<string, string | undefined>>
  credentials: Readonly<Record<string, { kind: CredentialKind }>>
  /** Plan name, phase titles and every item title: providers named anywhere count as context. */
  text: string
}

export interface ItemText {
  id: string
  title: string
  notes?: string
}

export interface DraftInput {
  item: ItemText
  phase?: { id: string; title: string; notes?: string }
  /** Items just before and after in the same phase, nearest first. */
  neighbours?: { before: ItemText[]; after: ItemText[] }
  plan: PlanContext
}

export function missingText(m: Missing): string {
  return m.type === 'var'
    ? `vars.${m.name}${m.description ? `: ${m.description}` : ''}`
    : `credential ${m.name} (${m.kind}): ${m.help}`
}
