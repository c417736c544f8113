import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { parse, stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { presetJsonSchema } from '../../../scripts/preset-schema'
import { readmeWithPresetTable } from '../../../scripts/presets-readme'
import { formatSourceError } from '../../../src/shared/plan/errors'
import { defaultCatalog, withUserPresets } from '../../../src/shared/presets/catalog'
import { presetTable } from '../../../src/shared/presets/describe'
import { expandPreset } from '../../../src/shared/presets/expand'
import { catalogFromFiles } from '../../../src/shared/presets/files'
import { parsePresetFile } from '../../../src/shared/presets/parse'

const DIR = 'resources/presets'
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }))

const errorsOf = (text: string) => {
  const r = parsePresetFile(text, 'mine.yaml')
  return r.ok ? [] : r.errors.map(formatSourceError)
}

const one = (
  preset: string,
  head = 'provider: Acme\nbaseUrl: https://api.acme.example\ncredentialKinds: [token]\n',
) => `${head}presets:\n${preset}`
const base = `  - id: acme.up
    title: Up
    help: Passes when up.
    permission: any key
    apiVersion: v1
    checked: 2026-11-29
    source: Acme OpenAPI 1.0
`

describe('built-in preset files', () => {
  it('all load with every check (placeholders, CEL) a user file gets: 32 presets, unique ids, each citing its source and check date', () => {
    // builtin false: the full checks, which startup skips for GoNoGo's own files.
    const loaded = catalogFromFiles(files, false)
    if (!loaded.ok) throw new Error(loaded.errors.map(formatSourceError).join('\n'))
    expect(loaded.catalog.presets).toHaveLength(32)
    for (const p of loaded.catalog.presets) {
      // Main reads only the files of the providers a plan uses: github.x lives in github.yaml.
      expect(p.origin.file).toBe(`${DIR}/${p.id.split('.')[0] ?? ''}.yaml`)
      expect(p.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(p.source.length).toBeGreaterThan(10)
    }
  })

  it('validate against resources/preset.schema.json, which is up to date (npm run schema)', () => {
    const text = readFileSync('resources/preset.schema.json', 'utf8')
    expect(text).toBe(presetJsonSchema())
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(text))
    for (const { file, text: yaml } of files) {
      const ok = validate(parse(yaml))
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
    // …and the JSON Schema rejects what the loader rejects, so editors flag it too.
    expect(validate(parse(one(`${base}    request: { url: no-slash }\n`)))).toBe(false)
  })

  it('the README preset table is generated from them (npm run presets:readme)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readmeWithPresetTable(readme, presetTable(defaultCatalog().presets))).toBe(readme)
  })
})

describe('preset file errors point at file:line:column', () => {
  it('YAML syntax, an unknown field, a wrong type', () => {
    expect(errorsOf('presets: [\n')[0]).toMatch(/^mine\.yaml:\d+:\d+: /)
    expect(errorsOf(one(`${base}    requets: { url: /x }\n`))).toEqual([
      'mine.yaml:12:5: presets[0].requets: unknown field "requets"',
      'mine.yaml:5:5: presets[0]: give exactly one of request (one call) or steps (a flow)',
    ])
    expect(
      errorsOf(
        one(
          `${base}    request: { url: /x }\n    params: { n: { type: integer, description: d } }\n`,
        ),
      ),
    ).toEqual([
      'mine.yaml:13:26: presets[0].params.n.type: expected "string" | "number" | "boolean" | "list", got "integer"',
    ])
  })

  it('an undeclared placeholder, an optional param used unguarded, a condition that does not compile', () => {
    expect(errorsOf(one(`${base}    request: { url: '/q/\${params.queue}' }\n`))).toEqual([
      'mine.yaml:12:21: presets[0].request.url: ${params.queue}: acme.up declares no param "queue"',
    ])
    expect(
      errorsOf(
        one(
          `${base}    params: { r: { type: string, description: region } }\n    request: { url: /x }\n    expect: ['body.region == \${params.r}']\n`,
        ),
      ),
    ).toEqual([
      'mine.yaml:14:14: presets[0].expect[0]: ${params.r} is optional and has no default: give it one, or use it only under when: r',
    ])
    expect(
      errorsOf(one(`${base}    request: { url: /x }\n    expect: ['status ==']\n`))[0],
    ).toMatch(/^mine\.yaml:13:14: presets\[0\]\.expect\[0\]: condition does not compile: /)
  })

  it('a missing provider, baseUrl or credential kinds is named', () => {
    expect(errorsOf(one(`${base}    request: { url: /x }\n`, ''))).toEqual([
      'mine.yaml:2:5: presets[0]: has no provider: give it here or at the top of the file',
      'mine.yaml:2:5: presets[0]: has no baseUrl: give it here or at the top of the file',
      'mine.yaml:2:5: presets[0]: has no credentialKinds: give it here or at the top of the file',
    ])
  })
})

describe('user presets over the built-in ones', () => {
  const user = (override: string) =>
    catalogFromFiles(
      [
        {
          file: 'mine.yaml',
          text: one(
            `  - id: stripe.live-mode\n${base.split('\n').slice(1).join('\n')}${override}    request: { url: /v1/balance }\n`,
          ),
        },
      ],
      false,
    )

  it('may not shadow a built-in silently; override: true replaces it and is remembered', () => {
    const plain = user('')
    if (!plain.ok) throw new Error('user file should parse')
    const refused = withUserPresets(defaultCatalog(), plain.catalog)
    expect(!refused.ok && refused.errors.map(formatSourceError)).toEqual([
      expect.stringMatching(
        /^mine\.yaml:5:1: id: id "stripe\.live-mode" is a built-in preset \(\S+\/resources\/presets\/stripe\.yaml:9\): pick another id, or say override: true to replace it$/,
      ),
    ])
    const explicit = user('    override: true\n')
    if (!explicit.ok) throw new Error('user file should parse')
    const merged = withUserPresets(defaultCatalog(), explicit.catalog)
    expect(merged.ok && merged.catalog.overridden).toEqual(['stripe.live-mode'])
    expect(
      merged.ok && merged.catalog.presets.find((p) => p.id === 'stripe.live-mode')?.origin.file,
    ).toBe('mine.yaml')
  })
})

describe('expansion', () => {
  const expand = (preset: string, params: Record<string, unknown>, baseUrl?: string) =>
    expandPreset({
      kind: 'preset',
      preset,
      credential: 'c',
      params: params as Record<string, string>,
      expect: [],
      ...(baseUrl && { baseUrl }),
    })

  it('chooses the App Store Server host by environment (the plan’s baseUrl still wins)', () => {
    const url = (params: Record<string, unknown>, b?: string) => {
      const r = expand('appstore.server-notifications', { bundle: 'com.example.app', ...params }, b)
      return r.ok && r.probe.kind === 'flow' ? r.probe.steps[0]?.url : r
    }
    expect(url({})).toBe('https://api.storekit.apple.com/inApps/v1/notifications/test')
    expect(url({ environment: 'sandbox' })).toBe(
      'https://api.storekit-sandbox.apple.com/inApps/v1/notifications/test',
    )
    expect(url({}, 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9/inApps/v1/notifications/test')
  })

  it('encodes path params, leaves out query params without a value, keeps flow placeholders', () => {
    const r = expand('cloudflare.dns-record', {
      zone: 'z/1',
      name: 'api.example.com',
      content: ['1.2.3.4'],
    })
    expect(r.ok && r.probe.kind === 'http' && r.probe.url).toBe(
      'https://api.cloudflare.com/client/v4/zones/z%2F1/dns_records?name.exact=api.example.com&type=A&per_page=100&page=1',
    )
    const v = expand('vercel.production-ready', { project: 'shop' })
    expect(v.ok && v.probe.kind === 'http' && v.probe.url).toBe(
      'https://api.vercel.com/v7/deployments?projectId=shop&target=production&limit=1',
    )
    const play = expand('googleplay.track', { package: 'com.example.app', status: 'completed' })
    expect(play.ok && play.probe.kind === 'flow' && play.probe.steps[1]?.url).toBe(
      'https://androidpublisher.googleapis.com/androidpublisher/v3/applications/com.example.app/edits/${vars.edit}/tracks/production',
    )
  })
})

describe('hostile preset files', () => {
  it('any text or YAML value gives a result or positioned errors, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => stringify({ presets: [v] })),
          fc.jsonValue().map((v) => stringify(v)),
        ),
        (text) => {
          const r = parsePresetFile(text, 'fuzz.yaml')
          if (!r.ok) for (const e of r.errors) expect(e.file).toBe('fuzz.yaml')
        },
      ),
      { numRuns: 300 },
    )
  })
})
