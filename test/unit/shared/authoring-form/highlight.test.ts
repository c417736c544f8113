import { describe, expect, it } from 'vitest'
import { markWords } from '../../../../src/shared/authoring-form/highlight'

const marked = (text: string, because: string) =>
  markWords(text, because)
    .filter((p) => p.marked)
    .map((p) => p.text)

describe('marking the words that decided a draft', () => {
  it('marks the whole phrase when the text has it, whatever the case', () => {
    expect(marked('Check the Health Endpoint returns 200', 'health endpoint')).toEqual([
      'Health Endpoint',
    ])
  })

  it('marks each word of three letters or more otherwise, every time it occurs', () => {
    expect(marked('TLS cert on api is valid; cert renews', 'cert valid on')).toEqual([
      'cert',
      'valid',
      'cert',
    ])
  })

  it('gives the text back unchanged when joined', () => {
    const text = 'DNS for app.example.com points at the CDN'
    expect(
      markWords(text, 'app.example.com CDN')
        .map((p) => p.text)
        .join(''),
    ).toBe(text)
  })

  it('marks nothing for empty words or an empty text', () => {
    expect(markWords('abc', '  ')).toEqual([{ text: 'abc', marked: false }])
    expect(markWords('', 'abc')).toEqual([{ text: '', marked: false }])
  })
})
