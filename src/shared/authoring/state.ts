import type { AuthoringState, AuthoringItem } from '../ipc-authoring'
import { chooseEnvironment, environmentNames, resolveVars } from '../plan/environments'
import type { SourceError } from '../plan/errors'
import type { Plan, PlanInput } from '../plan/schema'
import type { Missing } from '../draft/types'
import { checkNeeds } from './needs'
import { asJsonObject, hasEdits, own, type WorkingCopy } from './working-copy'

/** Where the working copy came from and what main knows beside it (vault, session, last save). */
export interface StateContext {
  source: AuthoringState['source']
  /** Hash of the plan as last opened or saved. */
  savedHash: string
  savedTo?: string
  /** Credentials set in the vault or the environment, by name (never a value). */
  credentials: Readonly<Record<string, { set: boolean; source?: 'keychain' | 'environment' }>>
  /** Hash of the plan a running session uses, if one is open. */
  sessionPlanHash?: string
  /** Var values main supplies beside the plan (the demo target's URL). */
  varOverrides?: Readonly<Record<string, string>>
}

/** The loaded working copy, or why it does not load (the state then lists the problems). */
export type LoadedCopy =
  { ok: true; plan: Plan; hash: string } | { ok: false; errors: SourceError[] }

/** The environment vars are shown and tried in: the chosen one, else the plan's only one. */
export function authoringEnvironment(copy: WorkingCopy, plan: Plan): string | undefined {
  if (copy.environment !== undefined && environmentNames(plan).includes(copy.environment))
    return copy.environment
  const choice = chooseEnvironment(plan, undefined, false)
  return choice.ok ? choice.environment : undefined
}

/** Var values in the authoring environment (defaults, that environment's values, main's overrides). */
export function authoringVars(
  copy: WorkingCopy,
  plan: Plan,
  context: Pick<StateContext, 'varOverrides'>,
): Record<string, string> {
  return resolveVars(plan, authoringEnvironment(copy, plan), { ...context.varOverrides })
}

/** What an item's check still needs before it can run: vars without a value, credentials not set. */
export function itemMissing(
  item: Plan['phases'][number]['items'][number],
  plan: Plan,
  vars: Readonly<Record<string, string>>,
  credentials: StateContext['credentials'],
): Missing[] {
  const needs = checkNeeds(item)
  const missing: Missing[] = []
  for (const name of needs.vars)
    if (!Object.hasOwn(vars, name)) {
      const spec = own(plan.vars, name)
      const description = typeof spec === 'object' ? (spec.description ?? '') : ''
      missing.push({ type: 'var', name, description })
    }
  for (const name of needs.credentials) {
    const declared = own(plan.credentials, name)
    if (declared && own(credentials, name)?.set) continue
    missing.push({
      type: 'credential',
      name,
      kind: declared?.kind ?? 'token',
      help: declared?.help ?? 'declare it and set its value under Credentials',
    })
  }
  return missing
}

/** The whole authoring state the window shows: items with their checks, vars, credentials. */
export function buildAuthoringState(
  copy: WorkingCopy,
  loaded: LoadedCopy,
  context: StateContext,
): AuthoringState {
  const hash = loaded.ok ? loaded.hash : context.savedHash
  const raw: PlanInput = copy.plan
  const plan = loaded.ok ? loaded.plan : undefined
  const environment = plan ? authoringEnvironment(copy, plan) : undefined
  const vars = plan ? authoringVars(copy, plan, context) : {}
  const usedVars = new Set<string>()
  const usedBy = new Map<string, string[]>()
  const items: AuthoringItem[] = []
  raw.phases.forEach((phase, p) => {
    phase.items.forEach((input, i) => {
      const parsed = plan?.phases[p]?.items[i]
      const needs = parsed ? checkNeeds(parsed) : { vars: [], credentials: [] }
      for (const name of needs.vars) usedVars.add(name)
      for (const name of needs.credentials)
        usedBy.set(name, [...(usedBy.get(name) ?? []), input.id])
      const missing = parsed && plan ? itemMissing(parsed, plan, vars, context.credentials) : []
      const hasCheck = input.probe !== undefined || input.canary !== undefined
      const suggestion = own(copy.suggestions, input.id)
      items.push({
        id: input.id,
        phase: phase.id,
        title: input.title,
        ...(input.notes !== undefined && { notes: input.notes }),
        blocking: input.blocking ?? true,
        ...(input.probe !== undefined && { probe: asJsonObject(input.probe) }),
        ...(input.canary !== undefined && { canary: asJsonObject(input.canary) }),
        check: !hasCheck ? 'none' : missing.length > 0 ? 'draft' : 'ready',
        missing,
        edited: copy.edited.items.includes(input.id),
        ...(suggestion && {
          suggestion: {
            decision: suggestion.decision,
            ...(suggestion.accepted !== undefined && { accepted: suggestion.accepted }),
            drafts: suggestion.drafts.map((d) => ({
              rule: d.rule,
              ...(d.probe !== undefined && { probe: asJsonObject(d.probe) }),
              ...(d.canary !== undefined && { canary: asJsonObject(d.canary) }),
              because: d.because,
              confidence: d.confidence,
              missing: d.missing,
              ...(d.covers !== undefined && { covers: d.covers }),
              ...(d.every !== undefined && { every: d.every }),
              ...(d.notes !== undefined && { notes: d.notes }),
            })),
          },
        }),
      })
    })
  })
  const environments = raw.environments ?? {}
  return {
    planName: raw.name,
    source: context.source,
    hash,
    savedHash: context.savedHash,
    dirty: hash !== context.savedHash || hasEdits(copy.edited),
    ...(context.savedTo !== undefined && { savedTo: context.savedTo }),
    environments: Object.keys(environments),
    ...(environment !== undefined && { environment }),
    items,
    vars: Object.entries(raw.vars ?? {}).map(([name, spec]) => {
      const values: Record<string, string> = {}
      for (const [env, declared] of Object.entries(environments)) {
        const value = own(declared.vars, name)
        if (value !== undefined) values[env] = value
      }
      const description = typeof spec === 'object' ? spec.description : undefined
      const value = typeof spec === 'string' ? spec : spec.default
      return {
        name,
        ...(description !== undefined && { description }),
        ...(value !== undefined && { default: value }),
        values,
        used: usedVars.has(name),
      }
    }),
    credentials: Object.entries(raw.credentials ?? {}).map(([name, declared]) => {
      const known = own(context.credentials, name)
      return {
        name,
        kind: declared.kind,
        ...(declared.help !== undefined && { help: declared.help }),
        set: known?.set ?? false,
        ...(known?.source !== undefined && { source: known.source }),
        usedBy: usedBy.get(name) ?? [],
      }
    }),
    problems: loaded.ok ? [] : loaded.errors.map((e) => ({ path: e.path, message: e.message })),
    sessionOnOtherPlan: context.sessionPlanHash !== undefined && context.sessionPlanHash !== hash,
  }
}
