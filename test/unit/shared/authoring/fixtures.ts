import { loadPlanText } from '../../../../src/shared/plan/load'
import type { Plan, PlanInput } from '../../../../src/shared/plan/schema'
import { defaultCatalog } from '../../../../src/shared/presets/catalog'

/** A small plan: a live check, a manual item and two items the drafter has words for. */
export const PLAN: PlanInput = {
  version: 1,
  name: 'Acme launch',
  vars: { api_url: { description: 'Base URL of the API' }, site_url: 'https://example.com' },
  credentials: { status_token: { kind: 'token', help: 'read-only status token' } },
  environments: { staging: { vars: { api_url: 'https://staging.example.com' } }, production: {} },
  phases: [
    {
      id: 'prep',
      title: 'Preparation',
      items: [
        {
          id: 'health',
          title: 'API is healthy',
          probe: {
            kind: 'http',
            url: '${vars.api_url}/health',
            auth: { credential: 'status_token' },
            expect: ['status == 200'],
          },
        },
        { id: 'headers', title: 'Security headers are set on the site (HSTS and CSP)' },
        { id: 'version', title: '`GET /version` returns HTTP 200 and `version` is `1.4.2`' },
        { id: 'briefing', title: 'Support team briefed on the launch' },
      ],
    },
  ],
}

export function loadedPlan(input: PlanInput = PLAN): Plan {
  const loaded = loadPlanText(JSON.stringify(input), 'plan.json', { presets: defaultCatalog() })
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'))
  return loaded.value.plan
}

export const FILE = 'plan.yaml'
