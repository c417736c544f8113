import type { AbortState } from './deadline'
/** A probe that could not observe what it was asked to: the message is the result's reason. */
export class ProbeFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProbeFailure'
  }
}

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  CERT_NOT_YET_VALID: 'the TLS certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the TLS chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate does not chain to a trusted root',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'the TLS certificate does not chain to a trusted root (issuer not found)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate is not valid for this host name',
  CERT_REVOKED: 'the TLS certificate is revoked',
}

function causes(e: unknown): { code?: string; message: string; name?: string }[] {
  const out: { code?: string; message: string; name?: string }[] = []
  let current: unknown = e
  for (let depth = 0; current && depth < 5; depth++) {
    const err = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown }
    out.push({
      ...(typeof err.code === 'string' && { code: err.code }),
      message: typeof err.message === 'string' ? err.message : String(current),
      ...(typeof err.name === 'string' && { name: err.name }),
    })
    current = err.cause
  }
  return out
}

/**
 * What went wrong talking to a server, in words a release captain can act on: refused, reset,
 * timed out, not resolvable, TLS problems by name.
 */
export function describeNetworkError(
  e: unknown,
  url: string,
  signal?: AbortState,
  bytesRead?: number,
): string {
  let where = url
  try {
    const u = new URL(url)
    where = `${u.hostname}${u.port ? `:${u.port}` : ''}`
  } catch {
    // keep the text as given
  }
  const chain = causes(e)
  const codes = chain.map((c) => c.code).filter((c): c is string => c !== undefined)
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c))
  const midBody = bytesRead !== undefined ? ` after ${bytesRead} bytes of the body` : ''
  if (
    signal?.aborted ||
    chain.some((c) => c.name === 'TimeoutError' || c.name === 'AbortError') ||
    has('UND_ERR_ABORTED')
  ) {
    const reason = signal?.reason as { message?: string } | undefined
    return `${reason?.message ?? 'the probe deadline passed'} (${where}${midBody})`
  }
  for (const code of codes) {
    const tls = TLS_REASONS[code]
    if (tls) return `${tls} (${where}: ${code})`
  }
  if (has('ECONNREFUSED')) return `connection refused by ${where}`
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET')) return `connection reset by ${where}${midBody}`
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'))
    return `DNS: ${where} does not resolve (${codes.find((c) => c.startsWith('E')) ?? 'not found'})`
  if (has('UND_ERR_HEADERS_TIMEOUT')) return `no response headers from ${where} in time`
  if (has('UND_ERR_BODY_TIMEOUT')) return `the body from ${where} stalled${midBody}`
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) return `connecting to ${where} timed out`
  if (has('ERR_TLS_HANDSHAKE_TIMEOUT')) return `the TLS handshake with ${where} timed out`
  if (has('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'))
    return `the response from ${where} ended before its Content-Length${midBody}`
  if (has('HPE_INVALID_CONSTANT', 'HPE_INVALID_HEADER_TOKEN', 'UND_ERR_INFO'))
    return `${where} sent a malformed HTTP response`
  const first = chain[chain.length - 1] ?? { message: String(e) }
  return `request to ${where} failed: ${first.code ? `${first.code}: ` : ''}${first.message}`
}
