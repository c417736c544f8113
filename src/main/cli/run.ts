import { GONOGO_VERSION } from '../../shared/version'
import { EXIT, UsageError, type CliIo } from './io'

/** What a command module gives: its full help text and the function that runs it. */
type Loaded = { run: (args: string[], io: CliIo) => Promise<number>; help: string }

/**
 * Every command: its usage line, and how to load it. Commands are imported only when run (or
 * asked for their help), so `gonogo --help` and light commands such as `status` do not pay for
 * the PDF, PKI, HTTP and Markdown libraries that other commands need. `summary` must equal the
 * first line of the command's help (a unit test checks).
 */
const commands: Record<string, { summary: string; load: () => Promise<Loaded> }> = {
  import: {
    summary: 'gonogo import FILE [-o plan.yaml] [--json] [--explain]',
    load: () =>
      import('./commands/import').then((m) => ({ run: m.importCommand, help: m.importHelp })),
  },
  validate: {
    summary: 'gonogo validate PLAN [--var key=value ...] [--presets PATH ...] [--json]',
    load: () =>
      import('./commands/validate').then((m) => ({ run: m.validateCommand, help: m.validateHelp })),
  },
  suggest: {
    summary: 'gonogo suggest FILE [--json] [--apply [--min-confidence X] [-o plan.yaml]]',
    load: () =>
      import('./commands/suggest').then((m) => ({ run: m.suggestCommand, help: m.suggestHelp })),
  },
  session: {
    summary:
      'gonogo session new PLAN DIR [--env NAME] [--var key=value ...] [--presets PATH ...] [--actor NAME] [--role ROLE]',
    load: () =>
      import('./commands/session-new').then((m) => ({
        run: m.sessionCommand,
        help: m.sessionHelp,
      })),
  },
  check: {
    summary:
      'gonogo check PLAN [--env NAME] [--session DIR] [--var key=value ...] [--presets PATH ...] [--only PHASE|ITEM] [--json] [--junit FILE] [--concurrency N] [--every DURATION]',
    load: () =>
      import('./commands/check').then((m) => ({ run: m.checkCommand, help: m.checkHelp })),
  },
  canary: {
    summary: 'gonogo canary PLAN ITEM [--env NAME] [--var key=value ...] [--session DIR] [--json]',
    load: () =>
      import('./commands/canary').then((m) => ({ run: m.canaryCommand, help: m.canaryHelp })),
  },
  judge: {
    summary:
      'gonogo judge --baseline FILE --canary FILE [--direction increase|decrease|either] [--allowed-effect X] [--min-samples N] [--confidence C] [--json]',
    load: () =>
      import('./commands/judge').then((m) => ({ run: m.judgeCommand, help: m.judgeHelp })),
  },
  demo: {
    summary: 'gonogo demo [--port N] [--fault NAME ...]',
    load: () => import('./commands/demo').then((m) => ({ run: m.demoCommand, help: m.demoHelp })),
  },
  secret: {
    summary: 'gonogo secret set NAME --kind KIND [--field key=value ...] [--from-file FILE]',
    load: () =>
      import('./commands/secret').then((m) => ({ run: m.secretCommand, help: m.secretHelp })),
  },
  mark: {
    summary:
      'gonogo mark DIR ITEM pass|fail|na|pending [--note TEXT] [--evidence FILE ...] [--actor NAME] [--role ROLE]',
    load: () => import('./commands/mark').then((m) => ({ run: m.markCli, help: m.markHelp })),
  },
  waive: {
    summary: 'gonogo waive DIR ITEM --reason TEXT --role ROLE [--expires DURATION] [--actor NAME]',
    load: () => import('./commands/mark').then((m) => ({ run: m.waiveCli, help: m.waiveHelp })),
  },
  note: {
    summary: 'gonogo note DIR ITEM TEXT [--actor NAME] [--role ROLE]',
    load: () => import('./commands/mark').then((m) => ({ run: m.noteCli, help: m.noteHelp })),
  },
  status: {
    summary: 'gonogo status DIR [--json]',
    load: () => import('./commands/status').then((m) => ({ run: m.statusCli, help: m.statusHelp })),
  },
  digest: {
    summary: 'gonogo digest DIR',
    load: () => import('./commands/status').then((m) => ({ run: m.digestCli, help: m.digestHelp })),
  },
  sign: {
    summary:
      'gonogo sign DIR --role ROLE --name NAME (--key CREDENTIAL | --ssh-key FILE | --signature FILE.sig)',
    load: () => import('./commands/sign').then((m) => ({ run: m.signCli, help: m.signHelp })),
  },
  key: {
    summary: 'gonogo key new NAME [--comment EMAIL]',
    load: () => import('./commands/key').then((m) => ({ run: m.keyCommand, help: m.keyHelp })),
  },
  decide: {
    summary: 'gonogo decide DIR go|no-go --reason TEXT [--actor NAME] [--role ROLE]',
    load: () => import('./commands/decide').then((m) => ({ run: m.decideCli, help: m.decideHelp })),
  },
  record: {
    summary:
      'gonogo record DIR -o OUT.pdf [--captain NAME] [--cert FILE.p12 | --cert CHAIN.pem --cert-key CREDENTIAL]',
    load: () => import('./commands/record').then((m) => ({ run: m.recordCli, help: m.recordHelp })),
  },
  presets: {
    summary: 'gonogo presets list|show ID [--presets PATH ...] [--plan PLAN] [--json]',
    load: () =>
      import('./commands/presets').then((m) => ({ run: m.presetsCommand, help: m.presetsHelp })),
  },
  verify: {
    summary:
      'gonogo verify FILE.pdf|FILE.json [--trust ROOT.pem|DIR]... [--allowed-signers FILE] [--session DIR] [--json]',
    load: () => import('./commands/verify').then((m) => ({ run: m.verifyCli, help: m.verifyHelp })),
  },
}

/** The command table, for the test that keeps each summary equal to its help's first line. */
export const commandTable: Readonly<typeof commands> = commands

function usage(): string {
  return [
    `gonogo ${GONOGO_VERSION} — go/no-go checks for production launches`,
    '',
    'Commands:',
    ...Object.values(commands).map((c) => c.summary),
    '',
    'Run `gonogo help COMMAND` for details. Exit codes: 0 ok, 1 checks failed, 2 usage or plan error, 3 tampered log.',
    '',
  ].join('\n')
}

/** Run one CLI invocation and return its exit code. Never throws: every failure is one clear line. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] ? commands[rest[0]] : undefined
    io.out(topic ? `${(await topic.load()).help}\n` : usage())
    return EXIT.ok
  }
  if (name === '--version' || name === 'version') {
    io.out(`${GONOGO_VERSION}\n`)
    return EXIT.ok
  }
  const entry = commands[name]
  if (!entry) {
    io.err(`gonogo: unknown command "${name}"\n${usage()}`)
    return EXIT.usage
  }
  const command = await entry.load()
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.help}\n`)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (
      e instanceof UsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ) {
      // One line: the problem, and where the usage is.
      io.err(`gonogo ${name}: ${(e as Error).message} (see \`gonogo help ${name}\`)\n`)
      return EXIT.usage
    }
    io.err(`gonogo ${name}: ${e instanceof Error ? e.message : String(e)}\n`)
    return EXIT.usage
  }
}
