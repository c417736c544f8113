/**
 * Secrets a target *returns* (a minted access token in a JSON body, a session id in a form body or
 * a header), kept out of evidence. Two rules, in the spirit of Sentry's default data scrubbing:
 * a field whose name denotes a secret has its value replaced, and a value shaped like a
 * well-known secret (a JWT, a Stripe or GitHub or Slack token, an AWS key id, a PEM private key)
 * is replaced wherever it stands. The scrubbed text says what it did: `"access_token": "[scrubbed]"`.
 *
 * Pure and linear in the input, so it runs on every response a probe keeps an excerpt of. The
 * values it finds are also returned, so the caller can hide them wherever else they might show
 * (a condition's actual value, a reason), the way it hides the credentials it sent.
 */

export const SCRUBBED = '[scrubbed]'

/**
 * Substrings of a field name that mark its value as secret (compared without case, `-` or `_`):
 * Sentry's default list, plus the OAuth token names, sessions and cookies.
 */
const SECRET_NAME_PARTS = [
  'password',
  'passwd',
  'secret',
  'apikey',
  'auth',
  'credential',
  'mysqlpwd',
  'privatekey',
  'token',
  'bearer',
  'session',
  'cookie',
  'signature',
]

/**
 * Names that contain one of the parts above but describe a secret rather than hold one: a token's
 * type or lifetime, an author, a URL to fetch one from. Their values are ordinary words and
 * numbers that would otherwise be hidden wherever they appear.
 */
const DESCRIBES_A_SECRET =
  /(type|expires|expiresin|expiresat|expiry|ttl|lifetime|count|length|url|uri|endpoint|method|methods|scheme|schemes|hint|required|enabled|mode|provider|status)$|^author(s|name)?$|^authored/

/** Whether a field named `name` (JSON key, form field, header) holds a secret by its name. */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '')
  if (!n || DESCRIBES_A_SECRET.test(n)) return false
  return SECRET_NAME_PARTS.some((part) => n.includes(part))
}

/** Values shaped like well-known secrets, wherever they appear. */
const SECRET_SHAPES = new RegExp(
  [
    // JWT (JWS compact): a base64url JSON header, a payload, a signature (possibly cut off).
    String.raw`\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?`,
    // Stripe secret, restricted and webhook keys.
    String.raw`\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}`,
    String.raw`\bwhsec_[A-Za-z0-9]{8,}`,
    // GitHub tokens: personal, OAuth, user-to-server, server-to-server, refresh; fine-grained.
    String.raw`\bgh[pousr]_[A-Za-z0-9]{20,}`,
    String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
    // Slack tokens (bot, user, app, refresh, …).
    String.raw`\bxox[abeoprs]-[A-Za-z0-9-]{8,}`,
    // AWS access key ids (long-term and temporary).
    String.raw`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`,
    // PEM private keys, to their end (or the end of the text when it was cut off).
    String.raw`-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$)`,
  ].join('|'),
  'g',
)

/** Values this short are not hidden elsewhere (they would mangle ordinary text). */
const MIN_HIDDEN_LENGTH = 8

export interface Scrubbed {
  text: string
  /** The secret values found (decoded), for hiding them wherever else they appear. */
  found: string[]
}

/** Scrub a response body (JSON, a form body or any text) of the secrets it carries. */
export function scrubText(input: string): Scrubbed {
  const found: string[] = []
  let text = input
  const start = /^\s*[[{]/.test(text)
  if (start) text = scrubJson(text, found)
  text = scrubForm(text, found)
  text = text.replace(SECRET_SHAPES, (match) => {
    found.push(match)
    return SCRUBBED
  })
  return { text, found: found.filter((v) => v.length >= MIN_HIDDEN_LENGTH) }
}

/** The secret values in response headers whose names denote secrets (Set-Cookie's values too). */
export function secretHeaderValues(
  headers: Record<string, string | string[] | undefined>,
): string[] {
  const out: string[] = []
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (isSecretName(name)) {
        out.push(value)
        // A cookie's value alone, and a scheme's credentials alone (`Bearer abc`).
        const cookie = /^[^=;\s]+=([^;]*)/.exec(value)?.[1]
        if (cookie) out.push(cookie)
        const credentials = /^\w+\s+(\S+)$/.exec(value)?.[1]
        if (credentials) out.push(credentials)
      }
      for (const shaped of value.match(SECRET_SHAPES) ?? []) out.push(shaped)
    }
  }
  return out.filter((v) => v.length >= MIN_HIDDEN_LENGTH)
}

/** `name=value` pairs of a form body or query string whose names denote secrets. */
function scrubForm(text: string, found: string[]): string {
  if (!text.includes('=')) return text
  return text.replace(
    /(^|[&?;\s])([^=&?;\s"']+)=([^&;\s"']*)/g,
    (whole, lead: string, name: string, value: string) => {
      if (!value || value === SCRUBBED || !isSecretName(safeDecode(name))) return whole
      found.push(safeDecode(value), value)
      return `${lead}${name}=${SCRUBBED}`
    },
  )
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}

/**
 * A tolerant scan of JSON text (possibly cut off, as an excerpt is): every scalar under a key
 * that denotes a secret, at any depth below it, is replaced. The text is never re-encoded, so
 * everything else stays byte for byte what the target sent.
 */
function scrubJson(text: string, found: string[]): string {
  const out: string[] = []
  let copied = 0
  /** Per open object/array: whether it sits under a secret key, and for objects the last key. */
  const stack: { object: boolean; secret: boolean; expectKey: boolean; key?: string }[] = []
  let pendingSecret = false
  let i = 0
  const n = text.length
  const replace = (from: number, to: number, value: string, quote = '') => {
    out.push(text.slice(copied, from), `${quote}${SCRUBBED}${quote}`)
    copied = to
    found.push(value)
  }
  while (i < n) {
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (c === '"') {
      const end = stringEnd(text, i)
      const raw = text.slice(i + 1, end < n ? end : n)
      if (top?.object && top.expectKey) {
        top.key = decodeJsonString(raw)
        pendingSecret = top.secret || isSecretName(top.key)
      } else if (pendingSecret || top?.secret) {
        if (raw.length > 0) replace(i + 1, end < n ? end : n, decodeJsonString(raw))
        pendingSecret = false
      }
      i = end + 1
      continue
    }
    if (c === '{' || c === '[') {
      stack.push({
        object: c === '{',
        secret: pendingSecret || (top?.secret ?? false),
        expectKey: c === '{',
      })
      pendingSecret = false
    } else if (c === '}' || c === ']') {
      stack.pop()
      pendingSecret = false
    } else if (c === ':') {
      if (top?.object) top.expectKey = false
    } else if (c === ',') {
      if (top?.object) top.expectKey = true
      pendingSecret = false
    } else if (/[-0-9]/.test(c) && (pendingSecret || top?.secret)) {
      let end = i
      while (end < n && /[-+0-9.eE]/.test(text[end]!)) end++
      replace(i, end, text.slice(i, end), '"')
      pendingSecret = false
      i = end
      continue
    }
    i++
  }
  out.push(text.slice(copied))
  return out.join('')
}

/** The index of the quote closing the string that opens at `start`, or the text's length. */
function stringEnd(text: string, start: number): number {
  let i = start + 1
  while (i < text.length) {
    const c = text[i]
    if (c === '\\') i += 2
    else if (c === '"') return i
    else i++
  }
  return text.length
}

function decodeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}
