import type { CredentialKind } from '../credentials'
import type { Missing, PlanContext } from './types'

/** Plan vars that already name the service's base URL, most specific first. */
const BASE_URL_VARS = ['api_url', 'base_url', 'api_base_url', 'target', 'url', 'app_url', 'api']
const SITE_URL_VARS = ['site_url', 'app_url', 'web_url', 'website', 'base_url', 'api_url', 'target']

/**
 * What a draft needs from the user, collected while it is built: every `${vars.x}` without a
 * value and every credential the plan does not declare yet.
 */
export class Needs {
  readonly missing: Missing[] = []

  constructor(private readonly plan: PlanContext) {}

  /** `${vars.name}`, listed as missing unless the plan gives it a value. */
  var(name: string, description: string): string {
    if (this.plan.vars[name] === undefined && !this.missing.some((m) => m.name === name))
      this.missing.push({ type: 'var', name, description })
    return `\${vars.${name}}`
  }

  /** A credential by name; listed as missing unless the plan declares it. */
  credential(name: string, kind: CredentialKind, help: string): string {
    // The plan's own name for it: `stripe` may be declared as `stripe_live`, of the same kind.
    const existing = Object.entries(this.plan.credentials).find(
      ([n, c]) =>
        n === name || (c.kind === kind && /^[_-]/.test(n.slice(name.length)) && n.startsWith(name)),
    )
    if (existing) return existing[0]
    if (!this.missing.some((m) => m.name === name))
      this.missing.push({ type: 'credential', name, kind, help })
    return name
  }

  /** The API's base URL: the plan's own var when it has one, else `${vars.api_url}`. */
  apiBase(): string {
    return this.pick(BASE_URL_VARS, 'api_url', 'Base URL of the API, e.g. https://api.example.com')
  }

  /** The public site's URL (headers, pages). */
  siteBase(): string {
    return this.pick(SITE_URL_VARS, 'site_url', 'Public URL of the site, e.g. https://example.com')
  }

  /** A host name for TLS and DNS checks. */
  domain(): string {
    const declared = ['domain', 'host', 'hostname'].find((n) => n in this.plan.vars)
    return this.var(declared ?? 'domain', 'Host name, e.g. api.example.com')
  }

  prometheus(): string {
    const declared = Object.keys(this.plan.vars).find((n) =>
      /prometheus|prom_url|metrics_url/.test(n),
    )
    return this.var(
      declared ?? 'prometheus',
      'URL of the Prometheus server, e.g. http://prometheus:9090',
    )
  }

  private pick(candidates: string[], fallback: string, description: string): string {
    const declared = candidates.find((n) => n in this.plan.vars)
    return this.var(declared ?? fallback, description)
  }
}
