import { describe, expect, it } from 'vitest'
import { checkNeeds } from '../../../../src/shared/authoring/needs'

describe('what a check needs', () => {
  it('a flow’s captures are not plan vars; secrets in strings and preset credentials count', () => {
    expect(
      checkNeeds({
        probe: {
          kind: 'flow',
          expect: [],
          steps: [
            {
              id: 'a',
              method: 'POST',
              url: '${vars.api_url}/token',
              capture: { token: 'body.t' },
              expect: [],
              evidence: [],
              always: false,
              followRedirects: 0,
              insecure: false,
            },
            {
              id: 'b',
              method: 'GET',
              url: '${vars.api_url}/x',
              headers: { authorization: 'Bearer ${vars.token}', 'x-key': '${secrets.key}' },
              capture: {},
              expect: [],
              evidence: [],
              always: false,
              followRedirects: 0,
              insecure: false,
            },
          ],
        },
      }),
    ).toEqual({ vars: ['api_url'], credentials: ['key'] })
    expect(
      checkNeeds({
        probe: {
          kind: 'preset',
          preset: 'github.rulesets',
          credential: 'gh',
          params: { repo: '${vars.repo}' },
          expect: [],
        },
      }),
    ).toEqual({
      vars: ['repo'],
      credentials: ['gh'],
    })
  })

  it('a canary needs its source’s credentials and the vars its URL names', () => {
    expect(
      checkNeeds({
        canary: {
          source: {
            type: 'datadog',
            url: '${vars.dd_site}',
            apiKey: 'dd_api',
            appKey: 'dd_app',
            insecure: false,
          },
          analysis: { interval: '1m', count: 3 } as never,
          metrics: [],
        },
      }),
    ).toEqual({ vars: ['dd_site'], credentials: ['dd_api', 'dd_app'] })
    expect(checkNeeds({})).toEqual({ vars: [], credentials: [] })
  })
})
