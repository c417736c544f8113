import { GONOGO_VERSION } from '../../shared/version'
import { canaryCommand, canaryHelp } from './commands/canary'
import { checkCommand, checkHelp } from './commands/check'
import { decideCli, decideHelp } from './commands/decide'
import { demoCommand, demoHelp } from './commands/demo'
import { presetsCommand, presetsHelp } from './commands/presets'
import { importCommand, importHelp } from './commands/import'
import { judgeCommand, judgeHelp } from './commands/judge'
import { keyCommand, keyHelp } from './commands/key'
import { signCli, signHelp } from './commands/sign'
import { recordCli, recordHelp } from './commands/record'
import { verifyCli, verifyHelp } from './commands/verify'
import { secretCommand, secretHelp } from './commands/secret'
import { markCli, markHelp, noteCli, noteHelp, waiveCli, waiveHelp } from './commands/mark'
import { sessionCommand, sessionHelp } from './commands/session-new'
import { digestCli, digestHelp, statusCli, statusHelp } from './commands/status'
import { validateCommand, validateHelp } from './commands/validate'
import { EXIT, UsageError, type CliIo } from './io'

type Command = { run: (args: string[], io: CliIo) => Promise<number>; help: string }

const commands: Record<string, Command> = {
  import: { run: importCommand, help: importHelp },
  validate: { run: validateCommand, help: validateHelp },
  session: { run: sessionCommand, help: sessionHelp },
  check: { run: checkCommand, help: checkHelp },
  canary: { run: canaryCommand, help: canaryHelp },
  judge: { run: judgeCommand, help: judgeHelp },
  demo: { run: demoCommand, help: demoHelp },
  secret: { run: secretCommand, help: secretHelp },
  mark: { run: markCli, help: markHelp },
  waive: { run: waiveCli, help: waiveHelp },
  note: { run: noteCli, help: noteHelp },
  status: { run: statusCli, help: statusHelp },
  digest: { run: digestCli, help: digestHelp },
  sign: { run: signCli, help: signHelp },
  key: { run: keyCommand, help: keyHelp },
  decide: { run: decideCli, help: decideHelp },
  record: { run: recordCli, help: recordHelp },
  verify: { run: verifyCli, help: verifyHelp },
  presets: { run: presetsCommand, help: presetsHelp },
}

function usage(): string {
  return [
    `gonogo ${GONOGO_VERSION} — go/no-go checks for production launches`,
    '',
    'Commands:',
    ...Object.values(commands).map((c) => c.help.split('\n')[0] ?? ''),
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
    io.out(topic ? `${topic.help}\n` : usage())
    return EXIT.ok
  }
  if (name === '--version' || name === 'version') {
    io.out(`${GONOGO_VERSION}\n`)
    return EXIT.ok
  }
  const command = commands[name]
  if (!command) {
    io.err(`gonogo: unknown command "${name}"\n${usage()}`)
    return EXIT.usage
  }
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
