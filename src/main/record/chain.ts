import * as pkijs from 'pkijs'
import { toArrayBuffer } from './cms-profile'
import type { Check } from './verify-record'

/**
 * `certificate` chains, through the carried certificates, to one of the verifier's roots
 * (validity checked at the present time).
 */
export async function chainCheck(
  what: string,
  certificate: pkijs.Certificate | undefined,
  carried: pkijs.Certificate[],
  trusted: readonly Uint8Array[],
): Promise<Check> {
  if (!certificate) return { ok: false, text: `${what}: none is named` }
  const roots = trusted.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)))
  const chain = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots,
    certs: [certificate, ...carried.filter((c) => c !== certificate)],
    checkDate: new Date(),
  })
  const verdict = await chain.verify()
  const root = verdict.certificatePath?.[verdict.certificatePath.length - 1]
  const rootName =
    root?.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ') ?? '?'
  return {
    ok: verdict.result,
    text: verdict.result
      ? `${what} chains to a trusted root (${rootName})`
      : `${what} does not chain to a trusted root: ${verdict.resultMessage}`,
  }
}
