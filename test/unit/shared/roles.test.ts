import { describe, expect, it } from 'vitest'
import {
  lineAdmits,
  matchesPatternList,
  parseAllowedSigners,
  parseSignerLine,
} from '../../../src/shared/plan/allowed-signers'
import { pinFor, planRoles, roleNames } from '../../../src/shared/plan/roles'

// Public keys written for these tests (valid base64, not anyone's key).
const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBc2iCq2uOK1xMhr3SsJmUKxoQk5BmxI5ToX4qD0dyDm'
const ED2 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPr3vYkVbsK7pYXaM6vP2gW4oHqUeBqf1N0m6bAyb0Lr'
const NS = 'gonogo-launch-record'

describe('allowed_signers lines', () => {
  it('reads principals, options and the key; a bare key line pins the key for any name', () => {
    expect(
      parseSignerLine(
        `ada@example.com,*@ops.example.com namespaces="${NS},git",valid-after=20260101 ${ED} Ada L`,
      ),
    ).toEqual({
      principals: 'ada@example.com,*@ops.example.com',
      namespaces: `${NS},git`,
      certAuthority: false,
      validAfter: Date.UTC(2026, 0, 1),
      keyType: 'ssh-ed25519',
      publicKey: ED,
      comment: 'Ada L',
    })
    const bare = parseSignerLine(`${ED} grace@example.com`)!
    expect(bare.principals).toBeUndefined()
    expect(bare).toMatchObject({ publicKey: ED, comment: 'grace@example.com' })
    expect(parseSignerLine('   # a comment')).toBeUndefined()
  })

  it('says what is wrong, with line numbers for a file', () => {
    const parsed = parseAllowedSigners(
      `# team\n\nada@example.com ${ED}\nbob@example.com bogus=1 ${ED2}\ncarol@example.com ssh-ed25519\n`,
    )
    expect(parsed.lines.map((l) => l.line)).toEqual([3])
    expect(parsed.errors).toEqual([
      { line: 4, message: expect.stringContaining('unknown option "bogus"') as string },
      { line: 5, message: 'the ssh-ed25519 key is not base64' },
    ])
  })

  it('matches principals and namespaces as ssh-keygen does (wildcards, negation)', () => {
    expect(matchesPatternList('ada@example.com', '*@example.com')).toBe(true)
    expect(matchesPatternList('mallory@example.com', '*@example.com,!mallory@*')).toBe(false)
    expect(matchesPatternList('ada@example.com', 'a?a@example.com')).toBe(true)
    expect(matchesPatternList('ada@example.org', '*@example.com')).toBe(false)
    const line = parseSignerLine(`*@example.com namespaces="git" ${ED}`)!
    const request = { principal: 'ada@example.com', publicKey: ED, namespace: NS, time: 0 }
    expect(lineAdmits(line, request)).toBe(false)
    expect(lineAdmits(line, { ...request, namespace: 'git' })).toBe(true)
    expect(lineAdmits(line, { ...request, namespace: 'git', publicKey: ED2 })).toBe(false)
    const dated = parseSignerLine(`ada@example.com valid-before=20260101Z ${ED}`)!
    expect(lineAdmits(dated, { ...request, time: Date.UTC(2025, 11, 31) })).toBe(true)
    expect(lineAdmits(dated, { ...request, time: Date.UTC(2026, 0, 2) })).toBe(false)
    expect(lineAdmits(parseSignerLine(`ada@example.com cert-authority ${ED}`)!, request)).toBe(
      false,
    )
  })
})

describe('planRoles: the one reading of roles', () => {
  it('plain names are unpinned; objects pin keys with a quorum', () => {
    const roles = planRoles({
      roles: [
        'QA',
        { name: 'CTO', signers: [`${ED} ada@example.com`] },
        {
          name: 'SRE',
          signers: [`grace@example.com ${ED}`, `hopper@example.com ${ED2}`],
          quorum: 2,
          notes: 'two of the team',
        },
      ],
    })
    expect(roles.map((r) => [r.name, r.pinned, r.quorum, r.pins.length])).toEqual([
      ['QA', false, 1, 0],
      ['CTO', true, 1, 1],
      ['SRE', true, 2, 2],
    ])
    expect(roleNames({ roles: ['QA', { name: 'CTO' }] })).toEqual(['QA', 'CTO'])
    const sre = roles[2]!
    expect(pinFor(sre, { publicKey: ED2, principal: 'hopper@example.com', time: 0 })).toBeDefined()
    expect(pinFor(sre, { publicKey: ED2, principal: 'grace@example.com', time: 0 })).toBeUndefined()
    expect(pinFor(roles[1]!, { publicKey: ED, principal: 'anyone', time: 0 })).toBeDefined()
  })
})
