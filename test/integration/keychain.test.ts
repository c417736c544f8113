import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI } from '../helpers/cli'
import { inKeyringSession } from '../helpers/keyring'
import { json, startServer } from '../helpers/servers'

const CANARY = 'ghp_CANARY_7e1d9c3b5a2f4e6d8c0b'
const gonogo = `${process.execPath} ${CLI}`

function planFor(url: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gonogo-keychain-'))
  const file = join(dir, 'plan.yaml')
  writeFileSync(
    file,
    [
      'name: Keychain plan',
      'credentials:',
      '  github: { kind: token, help: read-only token }',
      'phases:',
      '  - id: p',
      '    title: P',
      '    items:',
      '      - id: api',
      '        title: API answers with the token',
      '        probe:',
      '          kind: http',
      `          url: ${url}/whoami`,
      '          auth: { credential: github }',
      '          expect: [status == 200, body.login == "octocat"]',
    ].join('\n'),
  )
  return file
}

describe('credentials in the real Secret Service (gnome-keyring over D-Bus)', () => {
  it('stores, lists (never the value), uses through the engine, and deletes a credential', async () => {
    const server = await startServer({
      extra: (req, res) =>
        req.headers.authorization === `Bearer ${CANARY}`
          ? json(res, 200, { login: 'octocat', echo: req.headers.authorization })
          : json(res, 401, { message: 'Bad credentials' }),
    })
    const plan = planFor(server.url)
    const session = join(mkdtempSync(join(tmpdir(), 'gonogo-keychain-s-')), 's')
    const r = await inKeyringSession(
      'unlocked',
      [
        `printf '%s' "$CANARY" | ${gonogo} secret set github --kind token`,
        `${gonogo} secret list --plan ${plan}`,
        `${gonogo} session new ${plan} ${session}`,
        `${gonogo} check ${plan} --session ${session}`,
        `echo "check-exit=$?"`,
        `${gonogo} secret list --json`,
        `${gonogo} secret delete github`,
        `${gonogo} secret list`,
        `${gonogo} check ${plan}`,
        `echo "check-after-delete-exit=$?"`,
      ].join('; '),
      { CANARY },
    )
    expect(r.stdout).toContain('stored `github` (token) in the OS keychain')
    expect(r.stdout).toMatch(/github\s+token\s+set \(keychain\)\s+updated \d{4}-/)
    expect(r.stderr).toContain('credentials: github (keychain)')
    expect(r.stdout).toMatch(/✓ pass {2}api/)
    expect(r.stdout).toContain('check-exit=0')
    expect(server.stats.requests).toBeGreaterThanOrEqual(1)
    expect(r.stdout).toContain('deleted `github` from the OS keychain')
    expect(r.stdout).toContain('no credentials stored')
    expect(r.stdout).toContain(
      'blocked: credential `github` is not set (gonogo secret set github --kind token, or set GONOGO_SECRET_GITHUB)',
    )
    expect(r.stdout).toContain('check-after-delete-exit=1')
    // The canary went to the server and nowhere else: not the output, not the session log.
    expect(r.stdout + r.rawStderr).not.toContain(CANARY)
    expect(readFileSync(join(session, 'events.jsonl'), 'utf8')).not.toContain(CANARY)
  })

  it('the keychain wins over GONOGO_SECRET_* and check names the source', async () => {
    const server = await startServer({
      extra: (req, res) =>
        json(res, req.headers.authorization === `Bearer ${CANARY}` ? 200 : 401, {
          login: 'octocat',
        }),
    })
    const plan = planFor(server.url)
    const r = await inKeyringSession(
      'unlocked',
      `printf '%s' "$CANARY" | ${gonogo} secret set github --kind token; ${gonogo} check ${plan}`,
      { CANARY, GONOGO_SECRET_GITHUB: 'env-token-that-is-wrong' },
    )
    expect(r.stderr).toContain('credentials: github (keychain)')
    expect(r.code).toBe(0)
  })

  it('a locked keyring is a distinct, actionable error', async () => {
    const r = await inKeyringSession(
      'locked',
      `printf x | ${gonogo} secret set github --kind token; echo "exit=$?"`,
    )
    expect(r.stdout).toContain('exit=2')
    expect(r.stderr).toContain(
      'gonogo secret: The OS keychain is locked and could not be unlocked here',
    )
  })

  it('no Secret Service is a distinct, actionable error; headless runs fall back to GONOGO_SECRET_*', async () => {
    const r = await inKeyringSession(
      'no-secret-service',
      `printf x | ${gonogo} secret set github --kind token; echo "exit=$?"`,
    )
    expect(r.stdout).toContain('exit=2')
    expect(r.stderr).toContain(
      "gonogo secret: No OS keychain is available: the Secret Service is not running. Start gnome-keyring or KeePassXC's Secret Service, or use GONOGO_SECRET_* variables for headless runs.",
    )
    const server = await startServer({
      extra: (req, res) =>
        json(res, req.headers.authorization === `Bearer ${CANARY}` ? 200 : 401, {
          login: 'octocat',
        }),
    })
    const check = await inKeyringSession(
      'no-secret-service',
      `${gonogo} check ${planFor(server.url)}`,
      {
        GONOGO_SECRET_GITHUB: CANARY,
      },
    )
    expect(check.stderr).toContain('credentials: github (environment)')
    expect(check.code).toBe(0)
    expect(check.stdout + check.rawStderr).not.toContain(CANARY)
  })
})
