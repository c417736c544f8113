import { describe, expect, it } from 'vitest'
import {
  applyCompletion,
  celPath,
  completeCondition,
  MAX_COMPLETIONS,
  splitAtError,
} from '../../../../src/shared/authoring-form/cel-complete'
import { compileCondition } from '../../../../src/shared/conditions/compile'

const labels = (source: string, names: string[] = [], caret = source.length) =>
  completeCondition(source, caret, names).options.map((o) => o.label)

describe('condition autocompletion', () => {
  it('offers the documented context names that start with the word typed, with their doc', () => {
    expect(labels('sta')).toEqual(['status'])
    expect(labels('st')).toEqual(['status', 'steps'])
    const [status] = completeCondition('stat', 4).options
    expect(status).toMatchObject({ label: 'status', insert: 'status' })
    expect(status!.detail).toMatch(/HTTP status/)
  })

  it("adds the last response's paths after the documented names, sorted", () => {
    const names = ['body.data.id', 'body.data.name', 'body.count', 'status']
    expect(labels('status == 200 && body.d', names)).toEqual(['body.data.id', 'body.data.name'])
    expect(labels('bo', names)).toEqual(['body', 'body.count', 'body.data.id', 'body.data.name'])
  })

  it('replaces the whole word before the caret, in the middle of a condition too', () => {
    const source = 'body.da > 1 && status == 200'
    const answer = completeCondition(source, 7, ['body.data.id'])
    expect(answer).toMatchObject({ from: 0, to: 7 })
    const applied = applyCompletion(source, answer, answer.options[0]!)
    expect(applied).toEqual({ source: 'body.data.id > 1 && status == 200', caret: 12 })
    expect(compileCondition(applied.source).ok).toBe(true)
  })

  it('writes names that are not identifiers as index steps, so the condition compiles', () => {
    expect(celPath('headers.content-type')).toBe('headers["content-type"]')
    expect(celPath('body.items.0.id')).toBe('body.items["0"].id')
    const answer = completeCondition('headers.content-t', 17, ['headers.content-type'])
    expect(answer.options.map((o) => o.insert)).toEqual(['headers["content-type"]'])
    const applied = applyCompletion('headers.content-t', answer, answer.options[0]!)
    expect(compileCondition(`${applied.source} == "application/json"`).ok).toBe(true)
  })

  it('offers nothing inside a string literal or right after a closing token', () => {
    expect(labels('body.name == "st')).toEqual([])
    expect(labels('size(body)')).toEqual([])
  })

  it('offers every name at an empty position, at most MAX_COMPLETIONS of them', () => {
    const many = Array.from({ length: 40 }, (_, i) => `body.f${String(i).padStart(2, '0')}`)
    const all = labels('status == 200 && ', many)
    expect(all).toHaveLength(MAX_COMPLETIONS)
    expect(all[0]).toBe('status')
  })

  it('does not offer the word already typed in full', () => {
    expect(labels('status')).toEqual([])
  })
})

describe('showing a compile error at its character', () => {
  it('splits the source at the offset compileCondition reports', () => {
    const source = 'status == = 200'
    const result = compileCondition(source)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const parts = splitAtError(source, result.offset)
    expect(parts.before + parts.at + parts.after).toBe(source)
    expect(parts.before.length).toBe(result.offset)
  })

  it('marks a blank after the end when the source stops too early', () => {
    expect(splitAtError('status ==', 9)).toEqual({ before: 'status ==', at: ' ', after: '' })
    expect(splitAtError('abc', 99)).toEqual({ before: 'abc', at: ' ', after: '' })
  })
})
