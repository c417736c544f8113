import type { PathSegment } from './errors'
import type { Plan } from './schema'

/**
 * Rehearsal environments: one plan, several sets of var values (staging, production). The chosen
 * environment is named in the session, its digest and the record, so a rehearsal can never pass
 * for the production decision.
 */

export type EnvironmentChoice =
  { ok: true; environment: string | undefined } | { ok: false; message: string }

export function environmentNames(plan: Plan): string[] {
  return Object.keys(plan.environments ?? {})
}

/**
 * Which environment a run uses. A plan without environments runs without one (and refuses a
 * name). A plan that declares exactly one uses it unless told otherwise. A plan that declares
 * several needs one named when it is about to run (`required`), because guessing could run a
 * production launch on staging values or the other way round.
 */
export function chooseEnvironment(
  plan: Plan,
  requested: string | undefined,
  required: boolean,
): EnvironmentChoice {
  const names = environmentNames(plan)
  if (requested !== undefined) {
    if (names.length === 0)
      return {
        ok: false,
        message: `the plan declares no environments, so there is no "${requested}" (remove --env or declare environments)`,
      }
    if (!names.includes(requested))
      return {
        ok: false,
        message: `unknown environment "${requested}": the plan declares ${names.join(', ')}`,
      }
    return { ok: true, environment: requested }
  }
  if (names.length === 1) return { ok: true, environment: names[0] }
  if (names.length > 1 && required)
    return {
      ok: false,
      message: `the plan declares ${names.length} environments (${names.join(', ')}): choose one with --env NAME`,
    }
  return { ok: true, environment: undefined }
}

/**
 * A run's var values: `--var` overrides first, then the environment's values, then the plan's
 * defaults. Vars with none of these are absent.
 */
export function resolveVars(
  plan: Plan,
  environment: string | undefined,
  overrides: Record<string, string>,
): Record<string, string> {
  const environments = plan.environments ?? {}
  const fromEnvironment =
    environment !== undefined && Object.hasOwn(environments, environment)
      ? (environments[environment]?.vars ?? {})
      : {}
  // Own keys only: a var named like an Object.prototype member must not find one.
  const own = (values: Record<string, string>, name: string) =>
    Object.hasOwn(values, name) ? values[name] : undefined
  const out: Record<string, string> = {}
  for (const [name, spec] of Object.entries(plan.vars)) {
    const value =
      own(overrides, name) ??
      own(fromEnvironment, name) ??
      (typeof spec === 'string' ? spec : spec.default)
    if (value !== undefined) out[name] = value
  }
  return out
}

/** Rules the schema cannot express: at least one environment, and only declared vars in each. */
export function environmentFindings(plan: Plan): { path: PathSegment[]; message: string }[] {
  const environments = plan.environments
  if (environments === undefined) return []
  const names = Object.keys(environments)
  if (names.length === 0)
    return [
      {
        path: ['environments'],
        message: 'declares no environment: name at least one, or remove `environments`',
      },
    ]
  const findings: { path: PathSegment[]; message: string }[] = []
  for (const name of names) {
    for (const varName of Object.keys(environments[name]?.vars ?? {})) {
      if (!Object.hasOwn(plan.vars, varName))
        findings.push({
          path: ['environments', name, 'vars', varName],
          message: `unknown var "${varName}": an environment may only set vars declared under vars`,
        })
    }
  }
  return findings
}

/**
 * A loaded plan switched to the environment a session starts in (the window loads a plan before
 * anyone picks one): that environment's vars over the defaults. Unchanged when the plan has none.
 */
export function withEnvironment<
  T extends { plan: Plan; vars: Record<string, string>; environment?: string },
>(
  loaded: T,
  requested: string | undefined,
): { ok: true; value: T } | { ok: false; message: string } {
  const choice = chooseEnvironment(loaded.plan, requested, true)
  if (!choice.ok) return choice
  if (choice.environment === undefined) return { ok: true, value: loaded }
  return {
    ok: true,
    value: {
      ...loaded,
      vars: resolveVars(loaded.plan, choice.environment, {}),
      environment: choice.environment,
    },
  }
}
