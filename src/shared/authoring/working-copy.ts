import type { Draft } from '../draft/types'
import type { AuthoringItem } from '../ipc-authoring'
import { draftPlan } from '../draft/plan'
import { loadPlanText, type LoadResult } from '../plan/load'
import type { PlanInput, Plan } from '../plan/schema'
import type { PresetCatalog } from '../presets/catalog'

/**
 * The working copy of a plan being authored in the window: the plan as a plan file holds it
 * (PlanInput-shaped JSON), what was edited since it was opened or saved (so a YAML file changes
 * only there), the drafts offered for items that had no check, and the environment vars are
 * shown and tried in. Every function here returns a new copy; none changes the one it is given.
 */

export type SuggestionDecision = 'pending' | 'accepted' | 'rejected'

export interface ItemSuggestion {
  decision: SuggestionDecision
  /** Index into `drafts` of the accepted one. */
  accepted?: number
  drafts: readonly Draft[]
}

/** What changed since the plan was opened or saved, by name (never by position). */
export interface Edits {
  /** Items whose probe or canary changed. */
  items: readonly string[]
  /** Vars whose declaration (default, description) changed or that were declared. */
  vars: readonly string[]
  credentials: readonly string[]
  /** Environment values that changed, as [environment, var]. */
  environmentVars: readonly (readonly [string, string])[]
}

export interface WorkingCopy {
  readonly plan: PlanInput
  readonly edited: Edits
  readonly suggestions: Readonly<Record<string, ItemSuggestion>>
  readonly environment?: string
}

export const NO_EDITS: Edits = { items: [], vars: [], credentials: [], environmentVars: [] }

/** Plain JSON: the copy never shares objects with the loaded plan it came from. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/**
 * A working copy of a loaded plan, with drafts for every item that has no probe or canary. `raw`
 * is the plan as its file wrote it (no defaults filled in), when the caller has it and it loads
 * to the same plan: the window then edits what the file says, not the defaults.
 */
export function createWorkingCopy(plan: Plan, environment?: string, raw?: PlanInput): WorkingCopy {
  const suggestions: Record<string, ItemSuggestion> = {}
  // Criteria drafts would add items the plan does not have; the window offers drafts per item.
  for (const s of draftPlan(plan).suggestions) {
    if (s.criterion) continue
    const current = suggestions[s.item]
    suggestions[s.item] = {
      decision: 'pending',
      drafts: [...(current?.drafts ?? []), s.draft],
    }
  }
  return {
    plan: cloneJson(raw ?? plan) as PlanInput,
    edited: NO_EDITS,
    suggestions,
    ...(environment !== undefined && { environment }),
  }
}

/** The working copy loaded as a plan would be: validated, cross-checked, hashed. */
export function loadWorkingCopy(
  copy: Pick<WorkingCopy, 'plan'>,
  file: string,
  presets: PresetCatalog,
): LoadResult {
  return loadPlanText(JSON.stringify(copy.plan), file, { presets })
}

/** A record's own entry: names come from plans and the window (`constructor` is a fine var name). */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}

/** Whether anything was edited. */
export function hasEdits(edits: Edits): boolean {
  return (
    edits.items.length +
      edits.vars.length +
      edits.credentials.length +
      edits.environmentVars.length >
    0
  )
}

/** Edits with `more` added (each name once). */
export function withEdits(edits: Edits, more: Partial<Edits>): Edits {
  const union = (a: readonly string[], b: readonly string[] = []) => [...new Set([...a, ...b])]
  const pairs = [...edits.environmentVars]
  for (const pair of more.environmentVars ?? [])
    if (!pairs.some(([e, v]) => e === pair[0] && v === pair[1])) pairs.push(pair)
  return {
    items: union(edits.items, more.items),
    vars: union(edits.vars, more.vars),
    credentials: union(edits.credentials, more.credentials),
    environmentVars: pairs,
  }
}

export interface ItemLocation {
  phase: number
  index: number
}

/** Where an item is in the plan, by id. */
export function findItem(plan: PlanInput, id: string): ItemLocation | undefined {
  for (let p = 0; p < plan.phases.length; p++) {
    const index = plan.phases[p]!.items.findIndex((i) => i.id === id)
    if (index >= 0) return { phase: p, index }
  }
  return undefined
}

/** A JSON object as the contract carries probes and canaries. */
export type JsonObject = NonNullable<AuthoringItem['probe']>

/** A probe or canary as the contract carries it: plain JSON (it came from JSON, so it is). */
export function asJsonObject(value: object): JsonObject {
  return cloneJson(value) as JsonObject
}
