import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { createWorkingCopy } from '../../../src/shared/authoring/working-copy'
import { loadPlanFile } from '../../../src/main/plans/plan-files'
import { gonogo } from '../../helpers/cli'
import { startKeyringDaemon } from '../../helpers/keyring'
import { useTempDirs } from '../../helpers/temp-dir'

/**
 * The plan hash covers the user presets a plan uses, not only their file names: they are folded
 * into the loaded plan as `userPresets`, so a preset file edited after a session started is a
 * different plan. Plans without user presets keep the hashes they always had (old session logs
 * still replay, their plans still match).
 */

const DIR = 'test/fixtures/presets'
const tempDir = useTempDirs('gonogo-preset-hash-')

/** The preset fixture (plan.yaml naming acme.yaml) in a folder of its own, to edit. */
function presetPlanCopy(): { dir: string; plan: string; presetFile: string } {
  const dir = tempDir()
  for (const f of ['plan.yaml', 'acme.yaml']) cpSync(join(DIR, f), join(dir, f))
  return { dir, plan: join(dir, 'plan.yaml'), presetFile: join(dir, 'acme.yaml') }
}

async function load(path: string, presetPaths?: string[]) {
  const r = await loadPlanFile(path, presetPaths ? { presetPaths } : {})
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.value
}

/** A plan file of this text in a folder of its own. */
function planFile(text: string): string {
  const plan = join(tempDir(), 'plan.yaml')
  writeFileSync(plan, text)
  return plan
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8')
  expect(text).toContain(from)
  writeFileSync(file, text.replace(from, to))
}

describe('the plan hash and user presets', () => {
  it('a plan without user presets keeps the hash it had before presets were folded in', async () => {
    // Stored hashes, computed before this change: a session log started on these plans replays.
    const small = await load('test/fixtures/plans/small-launch.yaml')
    expect(small.hash).toBe('e5b7d177fa6d0af3daaf5a65c5d3c35d068cbfda2d326cd61aa2acecb5773123')
    expect(small.plan).not.toHaveProperty('userPresets')
    const signed = await load('test/fixtures/plans/signed-launch.yaml')
    expect(signed.hash).toBe('36d9f3fa6c06132545c33ce8b94c9964fd8e0275ad06bc7305691e09399ec405')
  })

  it('a plan using only built-in presets carries none of them', async () => {
    const plan = planFile(
      [
        'name: Built-in preset only',
        'credentials: { gh: { kind: token } }',
        'phases:',
        '  - id: go',
        '    title: Go',
        '    items:',
        '      - id: rules',
        '        title: Branch rules',
        '        probe:',
        '          kind: preset',
        '          preset: github.rulesets',
        '          credential: gh',
        '          params: { repo: acme/api, branch: main }',
        '',
      ].join('\n'),
    )
    const loaded = await loadPlanFile(plan)
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
    expect(loaded.value.plan).not.toHaveProperty('userPresets')
  })

  it('the user presets a plan uses travel in the loaded plan, without their file path', async () => {
    const loaded = await load(`${DIR}/plan.yaml`)
    expect(loaded.plan.userPresets?.map((p) => p.id)).toEqual(['acme.queue-drained'])
    expect(loaded.plan.userPresets?.[0]).toMatchObject({
      provider: 'Acme',
      baseUrl: 'https://api.acme.example',
      request: { url: '/v2/queues/${params.queue}' },
    })
    expect(loaded.plan.userPresets?.[0]).not.toHaveProperty('origin')
    // The same files in another folder are the same plan.
    const copy = presetPlanCopy()
    expect((await load(copy.plan)).hash).toBe(loaded.hash)
  })

  it('editing a used preset changes the hash; adding an unused one does not', async () => {
    const copy = presetPlanCopy()
    const before = (await load(copy.plan)).hash
    edit(copy.presetFile, 'max: { type: number, default: 0,', 'max: { type: number, default: 5,')
    const edited = (await load(copy.plan)).hash
    expect(edited).not.toBe(before)
    const unused = join(copy.dir, 'more.yaml')
    writeFileSync(
      unused,
      readFileSync(copy.presetFile, 'utf8').replace('acme.queue-drained', 'acme.other-queue'),
    )
    expect((await load(copy.plan, [unused])).hash).toBe(edited)
  })

  it('the window’s working copy leaves the folded presets out, and loads back to the same hash', async () => {
    const { plan } = presetPlanCopy()
    const loaded = await load(plan)
    expect(loaded.plan.userPresets?.length).toBeGreaterThan(0)
    const copy = createWorkingCopy(loaded.plan)
    expect(copy.plan).not.toHaveProperty('userPresets')
    // The copy is what a file would hold: saved fresh beside the preset file, it is the same plan.
    writeFileSync(plan, stringify(copy.plan))
    expect((await load(plan)).hash).toBe(loaded.hash)
  })

  it('a plan file that writes userPresets itself is refused at the field', async () => {
    const plan = planFile(
      'name: Hand-written\nuserPresets: []\nphases:\n  - id: go\n    title: Go\n    items:\n      - { id: a, title: A }\n',
    )
    const r = await loadPlanFile(plan)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual([
      expect.objectContaining({
        file: plan,
        line: 2,
        path: 'userPresets',
        message: expect.stringContaining('never written by hand') as unknown,
      }),
    ])
  })

  it('a preset file edited after the session started: check --session refuses the changed plan', () => {
    const copy = presetPlanCopy()
    const session = join(copy.dir, 'session')
    const env = { GONOGO_ACTOR: 'Ada', GONOGO_SECRET_ACME: 'acme_token' }
    const vars = ['--var', 'target=http://127.0.0.1:9']
    expect(gonogo(['session', 'new', copy.plan, session, ...vars], { env }).code).toBe(0)
    const started = JSON.parse(gonogo(['status', session, '--json'], { env }).stdout) as {
      plan: { hash: string }
    }
    const planHash = (file: string) =>
      (JSON.parse(gonogo(['validate', file, '--json'], { env }).stdout) as { hash: string }).hash
    expect(planHash(copy.plan)).toBe(started.plan.hash)

    edit(copy.presetFile, 'max: { type: number, default: 0,', 'max: { type: number, default: 5,')
    // The plan file itself is unchanged; its preset is not, so the plan is another one.
    const now = planHash(copy.plan)
    expect(now).not.toBe(started.plan.hash)
    const check = gonogo(['check', copy.plan, '--session', session, ...vars], { env })
    expect(check.code).toBe(2)
    expect(check.stderr).toBe(
      `gonogo check: ${session} was started on a different plan (hash ${started.plan.hash.slice(0, 12)}…, this plan is ${now.slice(0, 12)}…)\n`,
    )
    // The session keeps the preset it started with: it still opens, on its own plan.
    const status = gonogo(['status', session, '--json'], { env })
    expect(status.code, status.stderr).toBe(1)
    expect((JSON.parse(status.stdout) as { plan: { hash: string } }).plan.hash).toBe(
      started.plan.hash,
    )
  })

  it('the record carries the presets the session started with, and verifies against the session', async () => {
    const keyring = await startKeyringDaemon()
    try {
      const copy = presetPlanCopy()
      const session = join(copy.dir, 'session')
      const pdf = join(copy.dir, 'record.pdf')
      const env = {
        DBUS_SESSION_BUS_ADDRESS: keyring.address,
        GONOGO_PKI_DIR: join(copy.dir, 'pki'),
        GONOGO_ACTOR: 'Ada Lovelace',
      }
      for (const args of [
        ['session', 'new', copy.plan, session, '--var', 'target=http://127.0.0.1:9'],
        ['mark', session, 'queue', 'pass'],
        ['decide', session, 'go', '--reason', 'the queue is drained'],
      ]) {
        const r = gonogo(args, { env })
        expect(r.code, r.stderr).toBe(0)
      }
      edit(copy.presetFile, 'max: { type: number, default: 0,', 'max: { type: number, default: 5,')
      const recorded = gonogo(['record', session, '-o', pdf], { env })
      expect(recorded.code, recorded.stderr).toBe(0)
      const record = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.json'), 'utf8')) as {
        plan: { hash: string; content: { userPresets?: { params: { max?: unknown } }[] } }
      }
      // What the session ran on, not the file as it is now.
      expect(record.plan.content.userPresets?.[0]?.params.max).toMatchObject({ default: 0 })
      const verified = gonogo([
        'verify',
        pdf,
        '--trust',
        join(copy.dir, 'pki', 'gonogo-root-ca.pem'),
        '--session',
        session,
      ])
      expect(verified.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
      expect(verified.code, verified.stdout).toBe(0)
    } finally {
      keyring.stop()
    }
  })
})
