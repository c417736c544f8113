import { formatSourceError } from '../../shared/plan/errors'
import type { LoadedPlan } from '../../shared/plan/load'
import { openPlanOrChecklist } from '../plans/plan-files'
import { EXIT, parseVarFlags, type CliIo } from './io'

/**
 * Load the plan a command is about to run: every var must have a value, and a plan with several
 * environments needs `--env`. Errors go to stderr, one line each (file:line:column: field:
 * problem), and the caller gets the exit code instead.
 */
export async function loadRunnablePlan(
  file: string,
  varFlags: readonly string[] | undefined,
  io: CliIo,
  environment?: string,
  /** `--presets PATH` flags: preset files or folders beside the plan's own `presets:`. */
  presetPaths?: readonly string[],
): Promise<LoadedPlan | number> {
  const loaded = await openPlanOrChecklist(file, {
    vars: parseVarFlags(varFlags),
    requireVarValues: true,
    ...(environment !== undefined && { environment }),
    ...(presetPaths && { presetPaths }),
  })
  if (loaded.ok) {
    for (const warning of loaded.value.warnings)
      io.err(`${file}: ${warning}
`)
    return loaded.value
  }
  for (const e of loaded.errors) io.err(formatSourceError(e) + '\n')
  return EXIT.usage
}
