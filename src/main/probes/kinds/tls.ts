import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from 'node:tls'
import type { z } from 'zod'
import type { ConditionOutcome } from '../../../shared/conditions/evaluate'
import type { TlsProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { describeNetworkError, ProbeFailure } from '../failures'
import type { KindContext, KindOutcome } from '../kind'

export type TlsProbe = z.infer<typeof TlsProbeSchema>

const PROTOCOL_RANK: Record<string, number> = { TLSv1: 1, 'TLSv1.1': 2, 'TLSv1.2': 3, 'TLSv1.3': 4 }
const DAY = 86_400_000

/**
 * Handshake with host:port and judge the certificate: trusted chain (system roots), valid for
 * the host name, days until expiry, negotiated protocol. The handshake accepts any certificate
 * so that an expired or wrong-host one is still reported in full.
 */
export async function runTlsProbe(probe: TlsProbe, ctx: KindContext): Promise<KindOutcome> {
  const host = ctx.placeholders.fill(probe.host)
  const servername = probe.servername ? ctx.placeholders.fill(probe.servername) : host
  const socket = await handshake(host, probe.port, servername, ctx.deadline.signal)
  try {
    const peer = socket.getPeerCertificate(true)
    if (!peer || Object.keys(peer).length === 0)
      throw new ProbeFailure(`${host}:${probe.port} presented no certificate`)
    const protocol = socket.getProtocol() ?? 'unknown'
    const hostError = checkServerIdentity(servername, peer)
    const daysLeft = Math.floor((Date.parse(peer.valid_to) - Date.now()) / DAY)
    const cert = {
      days_left: daysLeft,
      not_after: new Date(peer.valid_to).toISOString(),
      issuer: nameOf(peer.issuer),
      subject: nameOf(peer.subject),
      san: (peer.subjectaltname ?? '')
        .split(',')
        .map((s) => s.trim().replace(/^DNS:/, ''))
        .filter(Boolean),
      protocol,
      authorized: socket.authorized,
      authorization_error: socket.authorizationError ? String(socket.authorizationError) : null,
      host_match: hostError === undefined,
      fingerprint256: peer.fingerprint256,
    }
    const builtIn: ConditionOutcome[] = [
      outcome(
        'certificate chain is trusted',
        cert.authorized,
        `not trusted: ${cert.authorization_error ?? 'unknown reason'}`,
      ),
      outcome(
        `certificate is valid for ${servername}`,
        cert.host_match,
        `${hostError?.message ?? ''} (subject ${cert.subject}, SAN ${cert.san.join(', ') || 'none'})`,
      ),
      outcome(
        `at least ${probe.minDaysLeft} days before expiry`,
        daysLeft >= probe.minDaysLeft,
        daysLeft < 0
          ? `expired ${Math.floor((Date.now() - Date.parse(cert.not_after)) / DAY)} days ago (${cert.not_after})`
          : `${daysLeft} days left (expires ${cert.not_after})`,
      ),
      outcome(
        `protocol at least ${probe.minProtocol}`,
        (PROTOCOL_RANK[protocol] ?? 0) >= (PROTOCOL_RANK[probe.minProtocol] ?? 0),
        `negotiated ${protocol}`,
      ),
    ]
    return {
      conditions: [...builtIn, ...checkConditions(probe.expect, { cert, vars: ctx.vars })],
      evidence: { cert },
    }
  } finally {
    socket.destroy()
  }
}

function outcome(expression: string, pass: boolean, actual: string): ConditionOutcome {
  return pass ? { expression, pass } : { expression, pass, actual }
}

function nameOf(name: PeerCertificate['issuer'] | undefined): string {
  if (!name) return ''
  return [name.CN, name.O].filter(Boolean).join(', ')
}

function handshake(
  host: string,
  port: number,
  servername: string,
  signal: AbortSignal,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      servername,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    })
    const onAbort = () => {
      socket.destroy()
      reject(new ProbeFailure(describeNetworkError(signal.reason, `tls://${host}:${port}`, signal)))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort)
      resolve(socket)
    })
    socket.once('error', (e) => {
      signal.removeEventListener('abort', onAbort)
      reject(new ProbeFailure(describeNetworkError(e, `tls://${host}:${port}`)))
    })
  })
}
