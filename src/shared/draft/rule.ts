import { Needs } from './needs'
import type { CanaryInput, Draft, DraftInput, ProbeInput } from './types'

/** What every rule reads: the item's words, its context, and a fresh list of needs per draft. */
export interface RuleInput {
  /** Title and notes, plain. */
  text: string
  /** The item is imperative work (add, build, set up …): only specific rules may draft. */
  task: boolean
  input: DraftInput
  needs(): Needs
}

export type Rule = (r: RuleInput) => Draft[]

export function probeDraft(
  rule: string,
  probe: ProbeInput,
  needs: Needs,
  because: string,
  confidence: number,
  extra: Partial<Draft> = {},
): Draft {
  return {
    rule,
    probe,
    missing: needs.missing,
    because,
    confidence: Math.round(confidence * 100) / 100,
    ...extra,
  }
}

export function canaryDraft(
  canary: CanaryInput,
  needs: Needs,
  because: string,
  confidence: number,
  extra: Partial<Draft> = {},
): Draft {
  return {
    rule: 'canary',
    canary,
    missing: needs.missing,
    because,
    confidence: Math.round(confidence * 100) / 100,
    ...extra,
  }
}

/** The words of `text` a pattern matched, to show why. */
export function words(text: string, ...patterns: RegExp[]): string {
  const found: string[] = []
  for (const re of patterns) {
    const m = re.exec(text)
    if (m && !found.some((f) => f.toLowerCase().includes(m[0].trim().toLowerCase())))
      found.push(m[0].trim())
  }
  return found.join(' … ')
}
