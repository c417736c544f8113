import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A throwaway company PKI made with the openssl command line, as an organisation's CA would issue
 * them: a root, an issuing CA, a document-signing certificate (RSA, e-mail protection as NSS wants
 * for document signers) exported to PKCS#12, and a time-stamping authority certificate (critical
 * extendedKeyUsage timeStamping, RFC 3161 §2.3) under its own root.
 */

export function openssl(args: string[], input?: string) {
  const r = spawnSync('openssl', args, { encoding: 'utf8', input: input ?? '', timeout: 60_000 })
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error('this test needs openssl (apt-get install openssl)')
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

export interface CompanyPki {
  root: string
  issuing: string
  /** The signer's certificate, its key (PKCS#8 PEM), the chain (leaf, issuing CA) and the .p12. */
  leaf: string
  leafKey: string
  chain: string
  p12: string
  p12Password: string
  tsaRoot: string
  tsaCert: string
  tsaKey: string
}

function issue(
  dir: string,
  name: string,
  subject: string,
  issuer: { cert: string; key: string } | undefined,
  keyArgs: string[],
  extensions: string,
): { cert: string; key: string } {
  const key = join(dir, `${name}.key`)
  const cert = join(dir, `${name}.pem`)
  const ext = join(dir, `${name}.ext`)
  openssl(['genpkey', ...keyArgs, '-out', key])
  // openssl req wants a distinguished_name section even when -subj gives the name.
  writeFileSync(ext, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${extensions}\n`)
  if (!issuer)
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-subj',
      subject,
      '-days',
      '30',
      '-out',
      cert,
      '-extensions',
      'v3',
      '-config',
      ext,
    ])
  else {
    const csr = join(dir, `${name}.csr`)
    openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr, '-config', ext])
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      issuer.cert,
      '-CAkey',
      issuer.key,
      '-set_serial',
      `0x${Date.now().toString(16)}${name.length}`,
      '-days',
      '30',
      '-extfile',
      ext,
      '-extensions',
      'v3',
      '-out',
      cert,
    ])
  }
  return { cert, key }
}

const EC = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
const RSA = ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
const CA =
  'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash'

export function makeCompanyPki(dir: string): CompanyPki {
  const root = issue(dir, 'acme-root', '/CN=Acme Test Root CA/O=Acme Test', undefined, EC, CA)
  const issuing = issue(
    dir,
    'acme-issuing',
    '/CN=Acme Test Document Signing CA/O=Acme Test',
    root,
    EC,
    `${CA}\nauthorityKeyIdentifier=keyid:always`,
  )
  const leaf = issue(
    dir,
    'ada',
    '/CN=Ada Lovelace/O=Acme Test/emailAddress=ada@acme.test',
    issuing,
    RSA,
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' +
      'extendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n' +
      'subjectAltName=email:ada@acme.test',
  )
  const chain = join(dir, 'ada-chain.pem')
  writeFileSync(chain, openssl(['x509', '-in', leaf.cert]) + openssl(['x509', '-in', issuing.cert]))
  const p12 = join(dir, 'ada.p12')
  const p12Password = 'correct horse battery staple'
  openssl(
    [
      'pkcs12',
      '-export',
      '-inkey',
      leaf.key,
      '-in',
      leaf.cert,
      '-certfile',
      issuing.cert,
      '-name',
      'Ada Lovelace',
      '-passout',
      'stdin',
      '-out',
      p12,
    ],
    `${p12Password}\n`,
  )
  const tsaRoot = issue(dir, 'tsa-root', '/CN=Test TSA Root/O=Throwaway', undefined, EC, CA)
  const tsa = issue(
    dir,
    'tsa',
    '/CN=Test Time-Stamping Authority/O=Throwaway',
    tsaRoot,
    EC,
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' +
      'extendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always',
  )
  return {
    root: root.cert,
    issuing: issuing.cert,
    leaf: leaf.cert,
    leafKey: leaf.key,
    chain,
    p12,
    p12Password,
    tsaRoot: tsaRoot.cert,
    tsaCert: tsa.cert,
    tsaKey: tsa.key,
  }
}
