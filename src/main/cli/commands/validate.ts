import { parseArgs } from 'node:util'
import { formatSourceError } from '../../../shared/plan/errors'
import type { Plan } from '../../../shared/plan/schema'
import { openPlanOrChecklist } from '../../plans/plan-files'
import { envVarFor } from '../../probes/secrets'
import { EXIT, parseVarFlags, UsageError, type CliIo } from '../io'

export const validateHelp = `gonogo validate PLAN [--var key=value ...] [--presets PATH ...] [--json]
  Check a plan (YAML or JSON): schema, unique ids, credential and var references.
  Exit 0 when valid, 2 with one line per error (file:line:column: field: problem).
  A valid plan is followed by what is left to fill in before it runs: vars without a value
  and credentials not in the environment (the keychain: gonogo secret list --plan PLAN).

  --presets PATH adds preset files (or a folder of them) to the built-in ones and the plan's own.`

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      var: { type: 'string', multiple: true },
      presets: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one PLAN file')
  const file = positionals[0] ?? ''
  const result = await openPlanOrChecklist(file, {
    vars: parseVarFlags(values.var),
    ...(values.presets && { presetPaths: values.presets }),
  })
  if (values.json) {
    io.out(
      JSON.stringify(
        result.ok
          ? {
              ok: true,
              hash: result.value.hash,
              name: result.value.plan.name,
              left: leftToFill(result.value.plan, result.value.vars, io.env),
            }
          : result,
        null,
        2,
      ) + '\n',
    )
    return result.ok ? EXIT.ok : EXIT.usage
  }
  if (!result.ok) {
    for (const e of result.errors) io.err(formatSourceError(e) + '\n')
    io.err(`${file}: ${result.errors.length} error(s)\n`)
    return EXIT.usage
  }
  // Said every time: a user preset stands in for a built-in one.
  for (const warning of result.value.warnings.filter((w) => w.startsWith('preset ')))
    io.err(`${file}: ${warning}\n`)
  const { plan, hash } = result.value
  const items = plan.phases.reduce((n, p) => n + p.items.length, 0)
  const probes = plan.phases.reduce((n, p) => n + p.items.filter((i) => i.probe).length, 0)
  const canaries = plan.phases.reduce((n, p) => n + p.items.filter((i) => i.canary).length, 0)
  const kinds = `${probes} probes${canaries ? `, ${canaries} canar${canaries === 1 ? 'y' : 'ies'}` : ''}`
  io.out(
    `${file}: valid — "${plan.name}", ${plan.phases.length} phases, ${items} items (${kinds}), plan hash ${hash}\n`,
  )
  const left = leftToFill(plan, result.value.vars, io.env)
  if (left.vars.length + left.credentials.length > 0) {
    io.out('left to fill in before it runs:\n')
    for (const v of left.vars)
      io.out(
        `  vars.${v.name}: no value — pass --var ${v.name}=VALUE${v.description ? ` (${v.description})` : ''}\n`,
      )
    for (const c of left.credentials)
      io.out(
        `  credential ${c.name} (${c.kind})${c.help ? `: ${c.help}` : ''} — not in the environment (${envVarFor(c.name)}); \`gonogo secret set ${c.name} --kind ${c.kind}\` stores it in the keychain\n`,
      )
  }
  return EXIT.ok
}

/** Vars the plan declares without a value (default or --var), credentials the environment lacks. */
function leftToFill(plan: Plan, values: Record<string, string>, env: CliIo['env']) {
  return {
    vars: Object.entries(plan.vars)
      .filter(([name]) => !(name in values))
      .map(([name, spec]) => ({
        name,
        ...(typeof spec === 'object' &&
          spec.description !== undefined && { description: spec.description }),
      })),
    credentials: Object.entries(plan.credentials)
      .filter(([name]) => !env[envVarFor(name)])
      .map(([name, c]) => ({ name, kind: c.kind, ...(c.help !== undefined && { help: c.help }) })),
  }
}
