/** Where a command writes. The real CLI uses process streams; tests capture the text. */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
  /** Reads all of standard input (for secrets and piped plans). */
  readStdin: () => Promise<string>
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  isTty: boolean
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, tampered: 3 } as const

/** `--var key=value` (repeatable) into a map, with a usage error naming the bad one. */
export function parseVarFlags(values: readonly string[] | undefined): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const v of values ?? []) {
    const eq = v.indexOf('=')
    if (eq <= 0) throw new UsageError(`--var expects key=value, got "${v}"`)
    vars[v.slice(0, eq)] = v.slice(eq + 1)
  }
  return vars
}
