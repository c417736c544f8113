import type { z } from 'zod'
import { placeholdersIn } from '../../shared/plan/references'
import type { HttpProbeSchema } from '../../shared/plan/probes'
import { ProbeFailure } from './failures'
import type { HttpRequestSpec } from './http-exchange'
import { authorize, placeholderValue } from './auth'
import type { ProbeCredential, SecretSource } from './secrets'

type RequestFields = Pick<
  z.infer<typeof HttpProbeSchema>,
  'method' | 'url' | 'headers' | 'json' | 'body' | 'auth'
>

const PLACEHOLDER = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)\s*\}/g

/** Resolves `${vars.x}` and `${secrets.x}` for one probe, remembering every secret value it hands out. */
export class Placeholders {
  readonly secretValues = new Set<string>()
  /** Credentials used and where each came from (never the value). */
  readonly used = new Map<string, ProbeCredential['source']>()
  private readonly secretCache = new Map<string, string>()

  constructor(
    private readonly vars: Readonly<Record<string, string>>,
    private readonly secrets: SecretSource,
  ) {}

  /** Fetch every secret a text needs, so `fill` can run synchronously. */
  async prepare(texts: Iterable<string>): Promise<void> {
    for (const text of texts)
      for (const { scope, name } of placeholdersIn(text))
        if (scope === 'secrets') await this.secret(name)
  }

  private async credential(name: string): Promise<ProbeCredential> {
    let credential: ProbeCredential | undefined
    try {
      credential = await this.secrets.credential(name)
    } catch (e) {
      throw new ProbeFailure(
        `blocked: credential \`${name}\` cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      )
    }
    if (!credential)
      throw new ProbeFailure(
        `blocked: credential \`${name}\` is not set (${this.secrets.hint(name)})`,
      )
    this.used.set(name, credential.source)
    return credential
  }

  async secret(name: string): Promise<string> {
    const cached = this.secretCache.get(name)
    if (cached !== undefined) return cached
    const value = placeholderValue(await this.credential(name))
    this.secretCache.set(name, value)
    this.secretValues.add(value)
    return value
  }

  /** Headers that authenticate as the credential (bearer, basic, header, App Store Connect, Google). */
  async authorize(
    auth: { credential: string; bundleId?: string | undefined },
    signal?: AbortSignal,
  ): Promise<Record<string, string>> {
    const authorization = await authorize(await this.credential(auth.credential), {
      ...(auth.bundleId !== undefined && { bundleId: auth.bundleId }),
      ...(signal && { signal }),
    })
    for (const s of authorization.secrets) this.secretValues.add(s)
    return authorization.headers
  }

  fill(text: string, vars: Readonly<Record<string, string>> = this.vars): string {
    if (!text.includes('${')) return text
    return text.replace(PLACEHOLDER, (_whole, scope: string, name: string) => {
      if (scope === 'vars') {
        const value = vars[name]
        if (value === undefined)
          throw new ProbeFailure(`var \`${name}\` has no value (pass --var ${name}=VALUE)`)
        return value
      }
      const secret = this.secretCache.get(name)
      if (secret === undefined) throw new ProbeFailure(`credential \`${name}\` was not prepared`)
      return secret
    })
  }
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out)
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) stringsIn(v, out)
  return out
}

function fillDeep(value: unknown, fill: (s: string) => string): unknown {
  if (typeof value === 'string') return fill(value)
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, fill))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = fillDeep(v, fill)
    return out
  }
  return value
}

/** URLs already found valid: the cockpit runs the same probes every few seconds. */
const validUrls = new Set<string>()

function isHttpUrl(url: string): boolean {
  if (validUrls.has(url)) return true
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return false
  if (validUrls.size >= 10_000) validUrls.clear()
  validUrls.add(url)
  return true
}

/** What every probe request says it is (a plan's own User-Agent header replaces it). */
export const PROBE_USER_AGENT = 'gonogo-probe'

/** The concrete request of a probe or flow step: placeholders filled, auth applied, body encoded. */
export async function resolveRequest(
  fields: RequestFields,
  placeholders: Placeholders,
  vars?: Readonly<Record<string, string>>,
): Promise<HttpRequestSpec> {
  const texts = [fields.url, ...Object.values(fields.headers ?? {}), fields.body ?? '']
  if (fields.json !== undefined) stringsIn(fields.json, texts)
  // Most probes name no secret: skip the (async) preparation entirely.
  if (texts.some((t) => t.includes('${'))) await placeholders.prepare(texts)
  const fill = (s: string) => placeholders.fill(s, vars)
  const headers: Record<string, string> = { 'user-agent': PROBE_USER_AGENT }
  for (const [name, value] of Object.entries(fields.headers ?? {}))
    headers[name.toLowerCase()] = fill(value)
  if (fields.auth) Object.assign(headers, await placeholders.authorize(fields.auth))
  let body: string | undefined
  if (fields.json !== undefined) {
    body = JSON.stringify(fillDeep(fields.json, fill))
    headers['content-type'] ??= 'application/json'
  } else if (fields.body !== undefined) {
    body = fill(fields.body)
    headers['content-type'] ??= 'text/plain; charset=utf-8'
  }
  const url = fill(fields.url)
  if (!isHttpUrl(url)) throw new ProbeFailure(`not an http(s) URL: ${JSON.stringify(url)}`)
  return { method: fields.method, url, headers, ...(body !== undefined && { body }) }
}
