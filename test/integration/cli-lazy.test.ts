import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandTable } from '../../src/main/cli/run'
import { CLI, gonogo } from '../helpers/cli'
import { useTempDirs } from '../helpers/temp-dir'

/** Libraries that cost tens to hundreds of milliseconds to load, and the commands that need them. */
const HEAVY = [
  'pdf-lib',
  '@pdf-lib/fontkit',
  'pkijs',
  'asn1js',
  '@peculiar/x509',
  '@signpdf/',
  'undici',
  'markdown-it',
  '@marcbachmann/cel-js',
  'jose',
  'sshpk',
  '@napi-rs/keyring',
  'ajv',
]
/** Validating a plan compiles its conditions: the CEL compiler is the one heavy library it needs. */
const CEL = '@marcbachmann/cel-js'

/** Run the built CLI with a resolve hook and return the packages it imported, with its result. */
function traced(args: string[], dir: string) {
  if (!existsSync(resolve('out/cli/gonogo.js')))
    throw new Error('out/cli/gonogo.js is missing: run `npm run build` first')
  const trace = join(dir, `trace-${args[0] ?? 'none'}.txt`)
  const r = spawnSync(
    process.execPath,
    ['--import', resolve('test/helpers/module-trace.mjs'), CLI, ...args],
    { encoding: 'utf8', env: { ...process.env, GONOGO_MODULE_TRACE: trace }, timeout: 60_000 },
  )
  const lines = existsSync(trace) ? [...new Set(readFileSync(trace, 'utf8').split('\n'))] : []
  const files = lines.filter((l) => l.startsWith('file:'))
  const packages = lines.filter((l) => l && !l.startsWith('file:'))
  const heavy = HEAVY.filter((h) => packages.some((l) => l === h || l.startsWith(h)))
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files, heavy }
}

describe('gonogo loads only what a command uses (built CLI, module resolve hook)', () => {
  const tempDir = useTempDirs()

  it('--help lists every command and loads none of the heavy libraries', () => {
    const r = traced(['--help'], tempDir())
    expect(r.code).toBe(0)
    for (const name of Object.keys(commandTable)) expect(r.stdout).toContain(`gonogo ${name}`)
    expect(r.heavy).toEqual([])
  })

  it('validate loads only the CEL compiler of them; status and digest of a small session none', () => {
    const dir = tempDir()
    const validate = traced(['validate', resolve('resources/plans/demo.yaml')], dir)
    expect(validate.code, validate.stderr).toBe(0)
    // The hook saw the command load (its chunk), so an empty list means something.
    expect(validate.files.some((f) => /\/out\/cli\/chunks\/validate-/.test(f))).toBe(true)
    expect(validate.heavy).toEqual([CEL])

    const session = join(dir, 'session')
    const created = gonogo(['session', 'new', resolve('resources/plans/demo.yaml'), session])
    expect(created.code, created.stderr).toBe(0)
    const status = traced(['status', session], dir)
    expect(status.stdout).toContain('NOT_READY')
    expect(status.files.some((f) => /\/out\/cli\/chunks\/status-/.test(f))).toBe(true)
    expect(status.heavy).toEqual([])
    const digest = traced(['digest', session], dir)
    expect(digest.code, digest.stderr).toBe(0)
    expect(digest.stdout).toMatch(/^[0-9a-f]{64}\n$/)
    expect(digest.heavy).toEqual([])
  })

  it('a command that needs the PDF and PKI libraries still gets them (the hook sees them load)', () => {
    const r = traced(['help', 'record'], tempDir())
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('gonogo record DIR')
    expect(r.heavy).toEqual(expect.arrayContaining(['pdf-lib', 'pkijs', '@peculiar/x509']))
  })

  it("each command's summary in the table is the first line of its help", async () => {
    for (const [name, entry] of Object.entries(commandTable)) {
      const { help } = await entry.load()
      expect(entry.summary, name).toBe(help.split('\n')[0])
    }
  })
})
