import type { CredentialKind } from '../credentials'
import type { PlanInput } from '../plan/schema'
import type { PresetCatalog } from '../presets/catalog'
import { loadEdited, type EditResult } from './set-check'
import { cloneJson, own, withEdits, type WorkingCopy } from './working-copy'

export interface VarEdit {
  name: string
  /** Absent: the default; else that environment's value. */
  environment?: string
  /** null removes the value. */
  value: string | null
  description?: string
}

type VarSpec = NonNullable<PlanInput['vars']>[string]

function refuse(path: string, message: string): Extract<EditResult, { ok: false }> {
  return { ok: false, message, errors: [{ path, message }] }
}

/**
 * Declare or change a var: its default, or its value in one declared environment (a var not yet
 * declared is declared with it); a null value removes that value, never the declaration.
 */
export function setVar(
  copy: WorkingCopy,
  edit: VarEdit,
  presets: PresetCatalog,
  file: string,
): EditResult {
  // Assigning `__proto__` would set a prototype, not declare a var.
  if (edit.name === '__proto__') return refuse('name', 'a var cannot be named "__proto__"')
  const plan = cloneJson(copy.plan)
  const vars: Record<string, VarSpec> = { ...plan.vars }
  const declared = Object.hasOwn(vars, edit.name) ? vars[edit.name] : undefined
  if (declared === undefined && edit.value === null && edit.description === undefined)
    return refuse('name', `the plan declares no var "${edit.name}"`)
  let edits = copy.edited
  if (edit.environment !== undefined) {
    const environments = plan.environments ?? {}
    const env = Object.hasOwn(environments, edit.environment)
      ? environments[edit.environment]
      : undefined
    if (!env)
      return refuse(
        'environment',
        Object.keys(environments).length === 0
          ? `the plan declares no environments, so there is no "${edit.environment}"`
          : `unknown environment "${edit.environment}": the plan declares ${Object.keys(environments).join(', ')}`,
      )
    const values = { ...env.vars }
    if (edit.value === null) delete values[edit.name]
    else values[edit.name] = edit.value
    plan.environments = { ...environments, [edit.environment]: { ...env, vars: values } }
    edits = withEdits(edits, { environmentVars: [[edit.environment, edit.name]] })
  }
  const spec = nextSpec(declared, edit)
  if (spec !== declared) {
    vars[edit.name] = spec
    plan.vars = vars
    edits = withEdits(edits, { vars: [edit.name] })
  }
  return loadEdited({ ...copy, plan, edited: edits }, presets, file)
}

/** The declaration after an edit, in the form the plan already used (a plain default stays plain). */
function nextSpec(declared: VarSpec | undefined, edit: VarEdit): VarSpec {
  const current = typeof declared === 'string' ? { default: declared } : { ...declared }
  const setsDefault = edit.environment === undefined
  if (setsDefault && edit.value === null) delete current.default
  else if (setsDefault && edit.value !== null) current.default = edit.value
  if (edit.description !== undefined) {
    if (edit.description === '') delete current.description
    else current.description = edit.description
  }
  const unchanged =
    declared !== undefined &&
    (typeof declared === 'string' ? { default: declared } : declared).default === current.default &&
    (typeof declared === 'string' ? undefined : declared.description) === current.description
  if (unchanged) return declared
  if (
    current.description === undefined &&
    current.default !== undefined &&
    typeof declared !== 'object'
  )
    return current.default
  return current
}

/** The environment the window shows vars in and Try uses: one the plan declares. */
export function setEnvironment(
  copy: WorkingCopy,
  environment: string,
): { ok: true; copy: WorkingCopy } | Extract<EditResult, { ok: false }> {
  const names = Object.keys(copy.plan.environments ?? {})
  if (!names.includes(environment))
    return refuse(
      'environment',
      names.length === 0
        ? `the plan declares no environments, so there is no "${environment}"`
        : `unknown environment "${environment}": the plan declares ${names.join(', ')}`,
    )
  return { ok: true, copy: { ...copy, environment } }
}

/** Declare a credential the probes name (its kind and where to get it; never a value). */
export function declareCredential(
  copy: WorkingCopy,
  credential: { name: string; kind: CredentialKind; help?: string },
  presets: PresetCatalog,
  file: string,
): EditResult {
  const plan = cloneJson(copy.plan)
  const current = own(plan.credentials, credential.name)
  const help = credential.help ?? current?.help
  plan.credentials = {
    ...plan.credentials,
    [credential.name]: { kind: credential.kind, ...(help !== undefined && { help }) },
  }
  return loadEdited(
    { ...copy, plan, edited: withEdits(copy.edited, { credentials: [credential.name] }) },
    presets,
    file,
  )
}
