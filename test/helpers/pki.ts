import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const DIR = resolve('.tmp/test-pki')

/** A certificate and key written by test/setup/pki.ts. */
export function testCert(name: 'valid' | 'expired' | 'wrong-host' | 'expiring'): {
  cert: string
  key: string
} {
  return {
    cert: readFileSync(join(DIR, `${name}.pem`), 'utf8'),
    key: readFileSync(join(DIR, `${name}.key`), 'utf8'),
  }
}
