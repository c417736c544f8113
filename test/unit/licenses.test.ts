import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without type declarations
import { licensesMarkdown } from '../../scripts/licenses.mjs'

describe('LICENSES.md', () => {
  it('lists exactly the shipped dependencies of package-lock.json (run `npm run licenses`)', () => {
    const lock = readFileSync('package-lock.json', 'utf8')
    const expected = (licensesMarkdown as (lock: string) => string)(lock)
    expect(readFileSync('LICENSES.md', 'utf8')).toBe(expected)
    // Nothing shipped without a licence, and no copyleft licence in the app.
    expect(expected).not.toMatch(/\| (UNKNOWN|GPL|AGPL|LGPL)[^|]*\|$/m)
  })
})
