/**
 * OpenSSH's allowed_signers format (ssh-keygen(1), "ALLOWED SIGNERS"), read the way
 * `ssh-keygen -Y verify` reads it: one signer a line, `principals [options] keytype base64
 * [comment]`, `#` comments and blank lines skipped. A plan's pinned signers use it too, and also
 * accept a bare public key line (`ssh-ed25519 AAAA… comment`, as in authorized_keys), which pins
 * the key for any name.
 */

export interface SignerLine {
  /** Comma-separated principal patterns (`*`, `?`, `!negation`); undefined for a bare key. */
  principals?: string
  /** The `namespaces="…"` pattern list, when the line restricts them. */
  namespaces?: string
  /** `cert-authority`: the key signs certificates; never matches a plain signing key. */
  certAuthority: boolean
  validAfter?: number
  validBefore?: number
  keyType: string
  /** `keytype base64`, the form sign-offs record. */
  publicKey: string
  comment?: string
}

const KEY_TYPE =
  /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9-]+@openssh\.com)$/

/** Splits on spaces outside double quotes (option values may quote spaces and commas). */
function tokens(line: string): string[] {
  const out: string[] = []
  let current = ''
  let quoted = false
  for (const c of line) {
    if (c === '"') quoted = !quoted
    if (!quoted && (c === ' ' || c === '\t')) {
      if (current) out.push(current)
      current = ''
    } else current += c
  }
  if (quoted) throw new Error('an option value opens a quote it does not close')
  if (current) out.push(current)
  return out
}

/** `YYYYMMDD[HHMM[SS]][Z]` as ssh-keygen takes it (local time unless Z; read here as UTC). */
function timestamp(value: string, option: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?Z?$/.exec(value.replace(/"/g, ''))
  if (!m) throw new Error(`${option} expects YYYYMMDD[HHMM[SS]][Z], got "${value}"`)
  const [, y, mo, d, h, mi, s] = m
  return Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  )
}

function options(text: string, line: SignerLine): void {
  // Options are comma-separated; commas inside quotes belong to the value.
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (const c of text) {
    if (c === '"') quoted = !quoted
    if (c === ',' && !quoted) {
      parts.push(current)
      current = ''
    } else current += c
  }
  parts.push(current)
  for (const part of parts) {
    const eq = part.indexOf('=')
    const name = (eq < 0 ? part : part.slice(0, eq)).toLowerCase()
    const value = eq < 0 ? '' : part.slice(eq + 1).replace(/^"|"$/g, '')
    if (name === 'cert-authority') line.certAuthority = true
    else if (name === 'namespaces') line.namespaces = value
    else if (name === 'valid-after') line.validAfter = timestamp(value, name)
    else if (name === 'valid-before') line.validBefore = timestamp(value, name)
    else
      throw new Error(
        `unknown option "${name}" (allowed_signers knows cert-authority, namespaces, valid-after, valid-before)`,
      )
  }
}

/**
 * One line. Returns undefined for a blank or comment line; throws an Error whose message says
 * what is wrong (the caller adds file:line).
 */
export function parseSignerLine(raw: string): SignerLine | undefined {
  const text = raw.trim()
  if (!text || text.startsWith('#')) return undefined
  const t = tokens(text)
  const line: SignerLine = { certAuthority: false, keyType: '', publicKey: '' }
  let at = 0
  if (!KEY_TYPE.test(t[0] ?? '')) {
    line.principals = t[at++]
    if (t[at] !== undefined && !KEY_TYPE.test(t[at]!)) options(t[at++]!, line)
  }
  const keyType = t[at]
  const key = t[at + 1]
  if (!keyType || !KEY_TYPE.test(keyType))
    throw new Error(
      `expected a public key type (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, …), got ${keyType ? `"${keyType.slice(0, 40)}"` : 'nothing'}`,
    )
  if (!key || !/^[A-Za-z0-9+/]+={0,2}$/.test(key))
    throw new Error(`the ${keyType} key is not base64`)
  line.keyType = keyType
  line.publicKey = `${keyType} ${key}`
  const comment = t.slice(at + 2).join(' ')
  if (comment) line.comment = comment
  return line
}

/** Every signer line of a file's text; errors carry 1-based line numbers. */
export function parseAllowedSigners(text: string): {
  lines: (SignerLine & { line: number })[]
  errors: { line: number; message: string }[]
} {
  const lines: (SignerLine & { line: number })[] = []
  const errors: { line: number; message: string }[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    try {
      const parsed = parseSignerLine(raw)
      if (parsed) lines.push({ ...parsed, line: i + 1 })
    } catch (e) {
      errors.push({ line: i + 1, message: e instanceof Error ? e.message : String(e) })
    }
  })
  return { lines, errors }
}

/** OpenSSH's wildcard match: `*` any run, `?` any one character. */
function wildcard(text: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  )
  return re.test(text)
}

/**
 * OpenSSH's match_pattern_list: a comma-separated list of patterns; a `!pattern` that matches
 * refuses at once, otherwise any plain pattern that matches accepts.
 */
export function matchesPatternList(text: string, list: string): boolean {
  let accepted = false
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!')
    const pattern = negated ? raw.slice(1) : raw
    if (!wildcard(text, pattern)) continue
    if (negated) return false
    accepted = true
  }
  return accepted
}

/**
 * Whether `line` lets `principal` sign with `publicKey` in `namespace` at `time` (ms), as
 * `ssh-keygen -Y verify -I principal -n namespace` decides (the time is the signature's, as git's
 * verify-time). A bare key line (no principals) admits any principal.
 */
export function lineAdmits(
  line: SignerLine,
  request: { principal: string; publicKey: string; namespace: string; time: number },
): boolean {
  if (line.certAuthority || line.publicKey !== request.publicKey) return false
  if (line.principals !== undefined && !matchesPatternList(request.principal, line.principals))
    return false
  if (line.namespaces !== undefined && !matchesPatternList(request.namespace, line.namespaces))
    return false
  if (line.validAfter !== undefined && request.time < line.validAfter) return false
  if (line.validBefore !== undefined && request.time > line.validBefore) return false
  return true
}
