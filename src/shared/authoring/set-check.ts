import { CanarySpecSchema } from '../canary/spec'
import type { LoadedPlan } from '../plan/load'
import { ProbeSchema } from '../plan/probes'
import type { PlanInput } from '../plan/schema'
import type { PresetCatalog } from '../presets/catalog'
import { loadFieldErrors, stringAt, zodFieldErrors, type FieldError } from './field-errors'
import {
  cloneJson,
  findItem,
  loadWorkingCopy,
  withEdits,
  type JsonObject,
  type WorkingCopy,
} from './working-copy'

export type EditResult =
  | { ok: true; copy: WorkingCopy; loaded: LoadedPlan }
  | { ok: false; message: string; errors: FieldError[] }

/** An item's check as the editor sends it: undefined leaves it, null removes it. */
export interface CheckEdit {
  item: string
  probe?: JsonObject | null
  canary?: JsonObject | null
}

export function noSuchItem(id: string): EditResult {
  return {
    ok: false,
    message: `no item "${id}" in the plan`,
    errors: [{ path: 'item', message: `no item "${id}" in the plan` }],
  }
}

/**
 * Set or remove an item's probe or canary. The edit is checked against the probe (or canary)
 * schema, then the whole working copy is loaded as a plan, so an undeclared var, an unknown
 * preset or its bad params, and a CEL condition that does not compile come back as field errors
 * (a condition's with the offset of the problem). An invalid edit changes nothing.
 */
export function setItemCheck(
  copy: WorkingCopy,
  edit: CheckEdit,
  presets: PresetCatalog,
  file: string,
): EditResult {
  const at = findItem(copy.plan, edit.item)
  if (!at) return noSuchItem(edit.item)
  for (const [field, value, schema] of [
    ['probe', edit.probe, ProbeSchema],
    ['canary', edit.canary, CanarySpecSchema],
  ] as const) {
    if (value === undefined || value === null) continue
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error)
      const first = errors[0]
      return {
        ok: false,
        message: `the ${field} of "${edit.item}" is not valid${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
        errors,
      }
    }
  }
  const plan = cloneJson(copy.plan)
  const item = plan.phases[at.phase]!.items[at.index]!
  if (edit.probe === null) delete item.probe
  else if (edit.probe !== undefined)
    item.probe = cloneJson(edit.probe) as PlanInput['phases'][number]['items'][number]['probe']
  if (edit.canary === null) delete item.canary
  else if (edit.canary !== undefined)
    item.canary = cloneJson(edit.canary) as PlanInput['phases'][number]['items'][number]['canary']
  const next: WorkingCopy = {
    ...copy,
    plan,
    edited: withEdits(copy.edited, { items: [edit.item] }),
  }
  const field = edit.canary !== undefined && edit.probe === undefined ? 'canary' : 'probe'
  return loadEdited(
    next,
    presets,
    file,
    `phases[${at.phase}].items[${at.index}].${field}`,
    (path) => stringAt(field === 'probe' ? item.probe : item.canary, path),
  )
}

/** Load an edited copy; what does not load comes back as field errors and the edit is dropped. */
export function loadEdited(
  next: WorkingCopy,
  presets: PresetCatalog,
  file: string,
  prefix = '',
  conditionAt: (path: string) => string | undefined = () => undefined,
): EditResult {
  const loaded = loadWorkingCopy(next, file, presets)
  if (!loaded.ok) {
    const errors = loadFieldErrors(loaded.errors, prefix, conditionAt)
    const first = errors[0]
    return {
      ok: false,
      message: first
        ? `${first.path ? `${first.path}: ` : ''}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
        : 'the plan does not load',
      errors,
    }
  }
  return { ok: true, copy: next, loaded: loaded.value }
}
