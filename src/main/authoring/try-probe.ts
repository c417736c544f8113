import type { TryResult } from '../../shared/ipc-authoring'
import type { FieldError } from '../../shared/authoring/field-errors'
import { conditionCompletions, parseBody } from '../../shared/authoring/completions'
import { setItemCheck } from '../../shared/authoring/set-check'
import { authoringEnvironment, authoringVars } from '../../shared/authoring/state'
import { environmentNames } from '../../shared/plan/environments'
import { checkNeeds } from '../../shared/authoring/needs'
import { findItem, loadWorkingCopy, type JsonObject } from '../../shared/authoring/working-copy'
import type { LoadedPlan } from '../../shared/plan/load'
import type { Plan } from '../../shared/plan/schema'
import { runProbe } from '../probes/runner'
import type { SecretSource } from '../probes/secrets'
import type { AuthoringSession } from './authoring-session'

export type TryResponse =
  { ok: true; result: TryResult } | { ok: false; message: string; errors: FieldError[] }

const refuse = (path: string, message: string): TryResponse => ({
  ok: false,
  message,
  errors: [{ path, message }],
})

/**
 * Try one item's probe once: the working copy's (or the unsaved edit of it, validated first as
 * authoring:set-check validates), with the copy's vars in the chosen environment, through the
 * engine a run uses (runProbe: the same deadlines, limits, redaction and returned-secret
 * scrubbing). Nothing is written to a session or to the window's latest results.
 */
export async function tryProbe(
  authoring: AuthoringSession,
  request: { item: string; probe?: JsonObject },
  secrets: (plan: Plan) => SecretSource,
): Promise<TryResponse> {
  if (!findItem(authoring.copy.plan, request.item))
    return refuse('item', `no item "${request.item}" in the plan`)
  let loaded: LoadedPlan
  if (request.probe !== undefined) {
    const edited = setItemCheck(
      authoring.copy,
      { item: request.item, probe: request.probe },
      authoring.catalog,
      authoring.sourceName,
    )
    if (!edited.ok) return edited
    loaded = edited.loaded
  } else {
    const result = loadWorkingCopy(authoring.copy, authoring.sourceName, authoring.catalog)
    if (!result.ok)
      return {
        ok: false,
        message: 'the plan being edited does not load; fix its problems first',
        errors: result.errors.map((e) => ({ path: e.path, message: e.message })),
      }
    loaded = result.value
  }
  const plan = loaded.plan
  const phase = plan.phases.find((p) => p.items.some((i) => i.id === request.item))!
  const item = phase.items.find((i) => i.id === request.item)!
  if (!item.probe)
    return refuse(
      'item',
      item.canary
        ? `item "${item.id}" is a canary: Try runs probes (run the canary from the board)`
        : `item "${item.id}" has no probe to try`,
    )
  // As a run does: with several environments, guessing one could try production on staging's values.
  const environments = environmentNames(plan)
  if (environments.length > 1 && authoringEnvironment(authoring.copy, plan) === undefined)
    return refuse(
      'environment',
      `the plan declares ${environments.length} environments (${environments.join(', ')}): choose the one to try in`,
    )
  const vars = authoringVars(authoring.copy, plan, { varOverrides: authoring.varOverrides })
  const unset = checkNeeds(item).vars.filter((name) => !Object.hasOwn(vars, name))
  if (unset.length > 0)
    return {
      ok: false,
      message: `set ${unset.length === 1 ? 'this var' : 'these vars'} first: ${unset.join(', ')}`,
      errors: unset.map((name) => ({ path: `vars.${name}`, message: 'has no value' })),
    }
  const result = await runProbe(
    { phase, item, probe: item.probe },
    { vars, secrets: secrets(plan), presets: authoring.catalog },
  )
  const evidence = result.evidence
  const http = evidence.http ?? evidence.steps?.[evidence.steps.length - 1]
  return {
    ok: true,
    result: {
      item: result.item,
      status: result.status,
      ...(result.reason !== undefined && { reason: result.reason }),
      durationMs: result.durationMs,
      conditions: evidence.conditions.map((c) => ({
        expression: c.expression,
        pass: c.pass,
        ...(c.actual !== undefined && { actual: c.actual }),
      })),
      // Already redacted and scrubbed by the engine; plain JSON for the window.
      evidence: JSON.parse(JSON.stringify(evidence)) as TryResult['evidence'],
      completions: conditionCompletions(
        item.probe.kind,
        http && {
          ...(http.status !== undefined && { status: http.status }),
          ...(http.headers && { headers: http.headers }),
          body: parseBody(http.bodyExcerpt),
        },
      ),
    },
  }
}
