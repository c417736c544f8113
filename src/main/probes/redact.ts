/** Headers whose values are credentials whatever they hold. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token)$|(token|secret|password|api[-_]?key)$/i
/** Query parameters that carry credentials by convention. */
const SECRET_PARAM =
  /^(token|access_token|refresh_token|id_token|api_key|apikey|key|secret|client_secret|password|pass|signature|sig|x-amz-signature|code|auth)$/i

export const REDACTED = '[REDACTED]'

/**
 * Removes secrets from anything that leaves a probe: evidence, reasons, errors. It knows every
 * credential value the probe used, plus the header and query-parameter names that carry
 * credentials by convention.
 */
export class Redactor {
  private readonly values: string[]

  get empty(): boolean {
    return this.values.length === 0
  }

  constructor(secretValues: Iterable<string>) {
    // Longest first, so a secret containing another is replaced whole. Very short values would
    // mangle ordinary text and cannot be secrets worth the name.
    this.values = [...new Set(secretValues)]
      .filter((v) => v.length >= 4)
      .sort((a, b) => b.length - a.length)
  }

  text(input: string): string {
    if (this.values.length === 0) return input
    let out = input
    for (const value of this.values) {
      for (const form of new Set([
        value,
        encodeURIComponent(value),
        Buffer.from(value).toString('base64'),
      ]))
        out = out.split(form).join(REDACTED)
    }
    return out
  }

  url(input: string): string {
    // Nothing to hide without a query or user info (and no known secret in the path).
    if (!input.includes('?') && !input.includes('@')) return this.text(input)
    let url: URL
    try {
      url = new URL(input)
    } catch {
      return this.text(input)
    }
    if (url.username) url.username = REDACTED
    if (url.password) url.password = REDACTED
    for (const name of [...url.searchParams.keys()])
      if (SECRET_PARAM.test(name)) url.searchParams.set(name, REDACTED)
    return this.text(url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED))
  }

  headers(input: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, value] of Object.entries(input))
      out[name] = SECRET_HEADER.test(name) ? REDACTED : this.text(value)
    return out
  }

  /** Every string inside a JSON-like value (evidence, reasons) with secrets replaced. */
  deep<T>(input: T): T {
    if (typeof input === 'string') return this.text(input) as T
    if (Array.isArray(input)) return input.map((v: unknown) => this.deep(v)) as T
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(input)) out[k] = this.deep(v)
      return out as T
    }
    return input
  }
}
