import { X509Certificate } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parseAllowedSigners, type SignerLine } from '../../shared/plan/allowed-signers'

/**
 * What a verifier brings: the roots they trust for the PDF signer and the time-stamp authority
 * (`--trust`, files or directories of PEM/DER certificates), and the signers they trust for the
 * sign-offs (`--allowed-signers`, OpenSSH's format). A record is only as trusted as these.
 */

export class AnchorError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AnchorError'
  }
}

const CERT_FILE = /\.(pem|crt|cer|der)$/i

/** Every certificate in a PEM text (any number of blocks) or a single DER certificate. */
export function certificatesIn(bytes: Buffer, file: string): Uint8Array[] {
  const text = bytes.toString('latin1')
  const blocks = [
    ...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g),
  ]
  const ders = blocks.length
    ? blocks.map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))
    : [bytes]
  return ders.map((der, i) => {
    try {
      return new Uint8Array(new X509Certificate(der).raw)
    } catch {
      throw new AnchorError(
        `${file}${ders.length > 1 ? ` (certificate ${i + 1})` : ''}: not an X.509 certificate (PEM or DER)`,
      )
    }
  })
}

/** The certificates of each `--trust` path: a certificate file, or a directory of them. */
export async function loadTrustRoots(paths: readonly string[]): Promise<Uint8Array[]> {
  const roots: Uint8Array[] = []
  for (const path of paths) {
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new AnchorError(`--trust ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.code}`)
    })
    const files = info.isDirectory()
      ? (await readdir(path))
          .filter((name) => CERT_FILE.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path]
    if (files.length === 0)
      throw new AnchorError(`--trust ${path}: the directory holds no .pem, .crt, .cer or .der file`)
    for (const file of files) roots.push(...certificatesIn(await readFile(file), file))
  }
  return roots
}

/** The verifier's allowed_signers file; a malformed line is an error naming file:line. */
export async function loadAllowedSigners(file: string): Promise<SignerLine[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new AnchorError(
      `--allowed-signers ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code}`,
    )
  })
  const parsed = parseAllowedSigners(text)
  const first = parsed.errors[0]
  if (first) throw new AnchorError(`${file}:${first.line}: ${first.message}`)
  if (parsed.lines.length === 0) throw new AnchorError(`${file}: names no signer`)
  return parsed.lines
}
