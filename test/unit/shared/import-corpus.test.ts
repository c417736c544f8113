// The importer against a corpus of checklists written for this test, each in the shape of a real,
// public checklist format (see each expectation's "shape"). Recall: expected items (and roles)
// found; precision: plan items (and roles) that were expected. An item counts only when its phase,
// title, owner, blocking, initial state and parent all match.
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importChecklist } from '../../../src/shared/import/checklist'
import { formatExplain } from '../../../src/shared/import/explain'

const dir = resolve('test/fixtures/checklists')
const fixtures = readdirSync(dir).filter((n) => /\.(md|txt)$/.test(n))

interface ExpectedItem {
  phase: string
  title: string
  owner?: string
  blocking: boolean
  initial: string
  parent?: string
}
interface Expected {
  shape: string
  /** A role, or a role with the person the checklist names for it (the importer's role notes). */
  roles: (string | { name: string; notes: string })[]
  items: ExpectedItem[]
  error?: string
}

const expectedFor = (name: string): Expected =>
  JSON.parse(
    readFileSync(resolve(dir, 'expected', name.replace(/\.[^.]+$/, '') + '.json'), 'utf8'),
  ) as Expected

const key = (i: ExpectedItem) =>
  JSON.stringify([i.phase, i.title, i.owner ?? '', i.blocking, i.initial, i.parent ?? ''])

describe('checklist corpus', () => {
  it('has at least 25 fixtures, each with an expectation naming its real-world shape', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25)
    for (const name of fixtures) expect(expectedFor(name).shape, name).not.toBe('')
  })

  it('imports with recall ≥ 97 % and precision ≥ 95 % over the whole corpus', () => {
    let expectedCount = 0
    let actualCount = 0
    let matched = 0
    const misses: string[] = []
    for (const name of fixtures) {
      const want = expectedFor(name)
      const result = importChecklist(readFileSync(resolve(dir, name), 'utf8'), name)
      if (want.error !== undefined) {
        expect(result.ok, name).toBe(false)
        if (!result.ok) expect(result.errors[0]?.message, name).toBe(want.error)
        continue
      }
      if (!result.ok) {
        misses.push(`${name}: failed: ${result.errors[0]?.message}`)
        expectedCount += want.items.length + want.roles.length
        continue
      }
      const actual: ExpectedItem[] = result.plan.phases.flatMap((p) =>
        p.items.map((i) => ({
          phase: p.title,
          title: i.title,
          ...(i.owner ? { owner: i.owner } : {}),
          blocking: i.blocking ?? true,
          initial: i.initial ?? 'pending',
          ...(i.parent ? { parent: p.items.find((x) => x.id === i.parent)?.title } : {}),
        })),
      )
      const pool = new Map<string, number>()
      for (const a of actual) pool.set(key(a), (pool.get(key(a)) ?? 0) + 1)
      for (const w of want.items) {
        const n = pool.get(key(w)) ?? 0
        if (n > 0) {
          matched++
          pool.set(key(w), n - 1)
        } else misses.push(`${name}: expected ${key(w)}`)
      }
      for (const [k, n] of pool) if (n > 0) misses.push(`${name}: unexpected ${k}`)
      // A role is its name, and the person named for it (notes) when there is one.
      const roleKey = (r: string | { name: string; notes?: string | undefined }) =>
        typeof r === 'string' || r.notes === undefined
          ? typeof r === 'string'
            ? r
            : r.name
          : `${r.name} [${r.notes}]`
      const roles = (result.plan.roles ?? []).map(roleKey)
      const wanted = want.roles.map(roleKey)
      for (const r of wanted)
        if (roles.includes(r)) matched++
        else misses.push(`${name}: expected role ${r}`)
      for (const r of roles) if (!wanted.includes(r)) misses.push(`${name}: unexpected role ${r}`)
      expectedCount += want.items.length + want.roles.length
      actualCount += actual.length + roles.length
    }
    const recall = matched / expectedCount
    const precision = matched / actualCount
    console.info(
      `corpus: ${fixtures.length} fixtures, ${expectedCount} expected items and roles; recall ${(recall * 100).toFixed(1)} %, precision ${(precision * 100).toFixed(1)} %`,
    )
    expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(0.97)
    expect(precision, misses.join('\n')).toBeGreaterThanOrEqual(0.95)
  })

  it('accounts for every source line of every fixture in the --explain map', () => {
    for (const name of fixtures) {
      const text = readFileSync(resolve(dir, name), 'utf8')
      const result = importChecklist(text, name)
      const map = result.map
      expect(map, name).toBeDefined()
      if (!map) continue
      const source = text.replace(/\n$/, '').split('\n')
      expect(
        map.lines.map((e) => e.line),
        name,
      ).toEqual(source.map((_l, i) => i + 1))
      const explained = formatExplain(map, text).split('\n')
      source.forEach((line, i) => {
        const entry = map.lines[i]!
        // A line with content never disappears as "blank" or unrecognised.
        if (line.trim() !== '') {
          expect(entry.to, `${name}:${i + 1} ${line}`).not.toBe('blank')
          expect(entry.to, `${name}:${i + 1} ${line}`).not.toMatch(/not recognised/)
        }
        expect(explained[i], `${name}:${i + 1}`).toMatch(new RegExp(`^\\s*${i + 1}  .*  →  \\S`))
      })
      // Every item of the plan is named by at least one line.
      if (result.ok)
        for (const item of result.plan.phases.flatMap((p) => p.items))
          expect(
            map.lines.some((e) => e.to.split(', ').includes(`item ${item.id}`)),
            `${name}: item ${item.id}`,
          ).toBe(true)
    }
  })
})
