import { parseArgs } from 'node:util'
import {
  DEMO_FAULTS,
  DEMO_KEYS,
  isDemoFault,
  startDemoTarget,
  type DemoFault,
} from '../../demo/server'
import { envVarFor } from '../../probes/secrets'
import { EXIT, UsageError, type CliIo } from '../io'

export const demoHelp = `gonogo demo [--port N] [--fault NAME ...]
  Start the demo target (a small SaaS API) on 127.0.0.1 and keep it running until Ctrl-C.
  Run resources/plans/demo.yaml against it with --var target=URL. Faults make one check fail:
${Object.entries(DEMO_FAULTS)
  .map(([name, what]) => `    ${name.padEnd(22)}${what}`)
  .join('\n')}`

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { port: { type: 'string' }, fault: { type: 'string', multiple: true } },
  })
  if (positionals.length > 0)
    throw new UsageError(`demo takes no arguments, got "${positionals[0]}"`)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got "${values.port}"`)
  const faults: DemoFault[] = []
  for (const name of values.fault ?? []) {
    if (!isDemoFault(name))
      throw new UsageError(`unknown fault "${name}"; known: ${Object.keys(DEMO_FAULTS).join(', ')}`)
    faults.push(name)
  }
  let target
  try {
    target = await startDemoTarget({ port, faults })
  } catch (e) {
    io.err(
      `gonogo demo: cannot listen on 127.0.0.1:${port}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`,
    )
    return EXIT.usage
  }
  io.out(`GoNoGo demo target listening on ${target.url}\n`)
  io.out(`faults: ${faults.length ? faults.join(', ') : 'none'}\n`)
  io.out(`demo credentials (public, for this demo only):\n`)
  for (const [name, value] of Object.entries(DEMO_KEYS))
    io.out(`  export ${envVarFor(name)}=${value}\n`)
  io.out(`run: gonogo check resources/plans/demo.yaml --var target=${target.url}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await target.close()
  return EXIT.ok
}
