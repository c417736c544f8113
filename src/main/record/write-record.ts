import { writeFile } from 'node:fs/promises'
import { findResourcesDir } from '../resources'
import type { Vault } from '../secrets/vault'
import type { Session } from '../session/session'
import { exportRecord } from './export'
import { captainIdentity, type SigningIdentity } from './identity'
import { renderRecordPdf } from './record-pdf'

export interface WrittenRecord {
  pdf: string
  json: string
  allowedSigners: string
  bytes: number
  digest: string
  signedBy: string
}

/**
 * Export a session's record next to `pdfPath`: the signed PDF, the canonical JSON and the
 * allowed_signers file. The captain is whoever recorded the decision, else `fallbackCaptain`.
 */
export async function writeRecord(
  session: Session,
  pdfPath: string,
  vault: Vault,
  fallbackCaptain: string,
  env: NodeJS.ProcessEnv = process.env,
  options: {
    /** An organisation's certificate (`record --cert`) instead of the local GoNoGo CA. */
    identity?: SigningIdentity
    /** An RFC 3161 time-stamping authority (`record --tsa URL`). */
    tsa?: string
  } = {},
): Promise<WrittenRecord> {
  const base = pdfPath.replace(/\.pdf$/i, '')
  const exported = await exportRecord(session)
  const captain = exported.record.decision?.captain.name ?? fallbackCaptain
  const identity = options.identity ?? (await captainIdentity(vault, captain, env))
  const pdf = await renderRecordPdf({
    ...exported,
    resourcesDir: findResourcesDir(),
    identity,
    ...(options.tsa !== undefined && { tsa: options.tsa }),
    baseName: base.split(/[\\/]/).pop() ?? base,
  })
  const files = {
    pdf: `${base}.pdf`,
    json: `${base}.json`,
    allowedSigners: `${base}.allowed_signers`,
  }
  await writeFile(files.json, exported.json)
  await writeFile(files.allowedSigners, exported.allowedSigners)
  await writeFile(files.pdf, pdf)
  return { ...files, bytes: pdf.length, digest: exported.record.digest, signedBy: identity.subject }
}
