import { CanarySpecSchema } from '../canary/spec'
import { compileCondition } from '../conditions/compile'
import { ProbeSchema } from '../plan/probes'
import { ACTION_ONLY, isManual, TASK_VERBS } from './manual'
import { Needs } from './needs'
import type { HttpCall } from './request'
import type { Rule, RuleInput } from './rule'
import { canaryRule } from './rules/canary'
import { continuousRule } from './rules/continuous'
import { latencyRule, metricRule } from './rules/performance'
import { presetRule } from './rules/preset'
import {
  dnsRule,
  headersRule,
  healthRule,
  httpRule,
  httpsRedirectRule,
  liveUrlRule,
  tlsRule,
} from './rules/web'
import { plainText, quoteProse } from './text'
import type { Draft, DraftInput } from './types'

/** A draft with the request it was read from, for joining consecutive items into one flow. */
export type DraftWithCall = Draft & { call?: HttpCall }

const EXPLICIT_REQUEST = /\b(GET|HEAD|POST|PUT|PATCH|DELETE)\s+`?(\/|https?:)/

/**
 * The rules, most specific first: the first group that drafts ends the search. Rules in one group
 * all apply, so one item can name two checks (TLS and HSTS, DNS and SSL). `tasks`: the group may
 * draft for imperative work ("set up the Play internal track", "POST /x returns 200").
 */
const GROUPS: { rules: Rule[]; tasks?: boolean }[] = [
  { rules: [presetRule], tasks: true },
  { rules: [canaryRule] },
  { rules: [continuousRule] },
  { rules: [latencyRule] },
  { rules: [metricRule] },
  { rules: [httpsRedirectRule] },
  { rules: [headersRule, tlsRule, dnsRule] },
  { rules: [httpRule], tasks: true },
  { rules: [liveUrlRule] },
  { rules: [healthRule] },
]

/** The CEL a drafted probe carries: its conditions, a flow's captures and poll conditions. */
function celOf(probe: NonNullable<Draft['probe']>): string[] {
  const own = probe.expect ?? []
  if (probe.kind !== 'flow') return own
  return [
    ...own,
    ...probe.steps.flatMap((s) => [
      ...(s.expect ?? []),
      ...Object.values(s.capture ?? {}),
      ...(s.poll ? [s.poll.until] : []),
    ]),
  ]
}

/**
 * Every draft must be one a plan accepts, its conditions compiling (a field named like a CEL
 * keyword would not); a rule that slips is dropped, never shipped.
 */
function valid(d: Draft): boolean {
  if (d.probe)
    return (
      ProbeSchema.safeParse(d.probe).success &&
      celOf(d.probe).every((source) => compileCondition(source).ok)
    )
  if (d.canary) return CanarySpecSchema.safeParse(d.canary).success
  return false
}

/** Keep only what the draft refers to (a rule may have read a neighbour's credential too). */
function referenced(d: DraftWithCall): DraftWithCall {
  const text = JSON.stringify(d.probe ?? d.canary)
  const missing = d.missing.filter((m) =>
    m.type === 'var'
      ? text.includes(`\${vars.${m.name}}`)
      : text.includes(`\${secrets.${m.name}}`) || text.includes(`"credential":"${m.name}"`),
  )
  return { ...d, missing }
}

/** Zero or more drafts for one item, from its words alone (and its neighbours', for keys). */
export function draftItem(input: DraftInput): DraftWithCall[] {
  const plain = plainText(`${input.item.title}${input.item.notes ? `. ${input.item.notes}` : ''}`)
  const text = quoteProse(plain)
  // Show the item's own words: the quotes quoteProse added are not the author's.
  const own = (d: DraftWithCall) =>
    plain.includes('`') ? d : { ...d, because: d.because.replace(/`/g, '') }
  const explicit = EXPLICIT_REQUEST.test(text)
  if (!explicit && (isManual(text) || ACTION_ONLY.test(text))) return []
  const r: RuleInput = {
    text,
    task: TASK_VERBS.test(input.item.title) && !explicit,
    input,
    needs: () => new Needs(input.plan),
  }
  for (const group of GROUPS) {
    if (r.task && !group.tasks) continue
    const drafts = group.rules
      .flatMap((rule) => rule(r))
      .filter(valid)
      .map(referenced)
      .map(own)
    if (drafts.length > 0) return drafts
  }
  return []
}
