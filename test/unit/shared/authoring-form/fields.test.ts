import { describe, expect, it } from 'vitest'
import {
  checkField,
  labelOf,
  PROBE_KINDS,
  presetParamFields,
  probeFields,
  probeFromValues,
  valuesFromProbe,
  type FormField,
} from '../../../../src/shared/authoring-form/fields'
import { ProbeSchema } from '../../../../src/shared/plan/probes'

const field = (kind: Parameters<typeof probeFields>[0], path: string): FormField => {
  const found = probeFields(kind).find((f) => f.path === path)
  if (!found) throw new Error(`no field ${path} for ${kind}`)
  return found
}

describe('form generated from the plan schema', () => {
  it('lists every probe kind of the schema', () => {
    expect(PROBE_KINDS).toEqual([
      'http',
      'flow',
      'tls',
      'dns',
      'headers',
      'latency',
      'metric',
      'preset',
    ])
  })

  it('marks required fields; defaults make a field optional and show as its placeholder', () => {
    expect(field('http', 'url')).toMatchObject({ type: 'text', required: true, label: 'Url' })
    expect(field('http', 'method')).toMatchObject({
      type: 'choice',
      required: false,
      placeholder: 'GET',
    })
    expect(field('http', 'method').choices).toContain('POST')
    expect(field('tls', 'port')).toMatchObject({
      type: 'integer',
      min: 1,
      max: 65535,
      placeholder: '443',
    })
    expect(probeFields('http').some((f) => f.path === 'kind')).toBe(false)
  })

  it('types fields by their schema: durations, conditions, maps, lists, flags, JSON', () => {
    expect(field('http', 'timeout').type).toBe('duration')
    expect(field('http', 'expect').type).toBe('conditions')
    expect(field('http', 'headers').type).toBe('map')
    expect(field('dns', 'expected').type).toBe('list')
    expect(field('http', 'insecure').type).toBe('boolean')
    expect(field('http', 'json').type).toBe('json')
    expect(field('flow', 'steps').type).toBe('json')
    expect(field('latency', 'rate')).toMatchObject({ type: 'number', above: 0 })
  })

  it('flattens nested objects; an optional object does not make its own fields required', () => {
    expect(field('http', 'auth.credential')).toMatchObject({
      required: false,
      label: 'Auth credential',
    })
    expect(field('http', 'paginate.url').label).toBe('Paginate url')
    expect(field('http', 'paginate.items').required).toBe(false)
    expect(field('preset', 'credential').required).toBe(true)
  })

  it('labels camelCase names as words', () => {
    expect(labelOf('followRedirects')).toBe('Follow redirects')
    expect(labelOf('minDaysLeft')).toBe('Min days left')
  })
})

describe('checking a field as it is typed', () => {
  it('names a required field left empty', () => {
    expect(checkField(field('http', 'url'), '  ')).toBe('required')
    expect(checkField(field('http', 'timeout'), '')).toBeUndefined()
  })

  it('refuses a malformed duration with the value and an example', () => {
    expect(checkField(field('http', 'timeout'), '10 seconds')).toMatch(
      /"10 seconds" is not a duration.*30s/,
    )
    expect(checkField(field('http', 'timeout'), '2.5s')).toBeUndefined()
  })

  it('checks numbers against their bounds', () => {
    const port = field('tls', 'port')
    expect(checkField(port, 'abc')).toBe('"abc" is not a number')
    expect(checkField(port, '1.5')).toBe('"1.5" is not a whole number')
    expect(checkField(port, '70000')).toBe('must be at most 65535')
    expect(checkField(port, '0')).toBe('must be at least 1')
    expect(checkField(port, '8443')).toBeUndefined()
    expect(checkField(field('latency', 'rate'), '0')).toBe('must be more than 0')
  })

  it('checks maps, JSON and preset patterns', () => {
    expect(checkField(field('http', 'headers'), 'accept: json\nbroken')).toBe(
      'line 2: write "name: value"',
    )
    expect(checkField(field('http', 'json'), '{"a": ')).toMatch(/^not JSON/)
    const [branch] = presetParamFields([
      { name: 'branch', type: 'string', required: true, description: 'b', pattern: '^[a-z]+$' },
    ])
    expect(checkField(branch!, 'Main')).toBe('"Main" does not match ^[a-z]+$')
    expect(checkField(branch!, 'main')).toBeUndefined()
  })
})

describe('from probe to form and back', () => {
  it('round-trips an http probe, keeping keys the form does not show', () => {
    const probe = {
      kind: 'http',
      url: 'https://{{vars.host}}/health',
      method: 'POST',
      headers: { accept: 'application/json' },
      auth: { credential: 'api' },
      timeout: '5s',
      expect: ['status == 200', 'body.ok == true'],
      json: { a: [1, 2] },
    }
    const fields = probeFields('http')
    const values = valuesFromProbe(fields, probe)
    expect(values.headers).toBe('accept: application/json')
    expect(values.expect).toEqual(['status == 200', 'body.ok == true'])
    const built = probeFromValues('http', fields, values, { ...probe, extra: 1 })
    expect(built).toEqual({ ok: true, probe: { ...probe, extra: 1 } })
    const plain = probeFromValues('http', fields, values, probe)
    expect(plain.ok && ProbeSchema.safeParse(plain.probe).success).toBe(true)
  })

  it('removes emptied optional fields and empty nested objects; drops blank condition rows', () => {
    const fields = probeFields('http')
    const base = { kind: 'http', url: 'https://x', auth: { credential: 'api' }, timeout: '5s' }
    const values = {
      ...valuesFromProbe(fields, base),
      'auth.credential': '',
      timeout: '',
      expect: ['status == 200', ' '],
    }
    expect(probeFromValues('http', fields, values, base)).toEqual({
      ok: true,
      probe: { kind: 'http', url: 'https://x', expect: ['status == 200'] },
    })
  })

  it('answers every bad field at once, by path, and builds nothing', () => {
    const fields = probeFields('tls')
    expect(probeFromValues('tls', fields, { host: '', port: '99999', timeout: 'soon' })).toEqual({
      ok: false,
      errors: [
        { path: 'host', message: 'required' },
        { path: 'port', message: 'must be at most 65535' },
        {
          path: 'timeout',
          message: '"soon" is not a duration: write e.g. 500ms, 30s, 15m, 2h or 7d',
        },
      ],
    })
  })

  it('puts preset params under params, typed by the preset', () => {
    const params = presetParamFields([
      { name: 'repo', type: 'string', required: true, description: 'owner/name' },
      { name: 'reviews', type: 'number', required: false, description: 'n', default: 1 },
      { name: 'checks', type: 'list', required: false, description: 'names' },
      { name: 'strict', type: 'boolean', required: false, description: 's' },
      { name: 'mode', type: 'string', required: false, description: 'm', values: ['a', 'b'] },
    ])
    expect(params.map((p) => p.type)).toEqual(['text', 'number', 'list', 'boolean', 'choice'])
    expect(params[1]!.placeholder).toBe('1')
    const fields = [...probeFields('preset').filter((f) => f.path !== 'params'), ...params]
    const built = probeFromValues('preset', fields, {
      preset: 'github.branch-protection',
      credential: 'gh',
      'params.repo': 'a/b',
      'params.reviews': '2',
      'params.checks': 'ci\nlint',
      'params.strict': true,
    })
    expect(built).toEqual({
      ok: true,
      probe: {
        kind: 'preset',
        preset: 'github.branch-protection',
        credential: 'gh',
        params: { repo: 'a/b', reviews: 2, checks: ['ci', 'lint'], strict: true },
      },
    })
  })
})
