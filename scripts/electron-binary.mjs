// Where Electron's binary is, without triggering its download (Electron ≥ 42 fetches it on first run).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export function electronBinary() {
  const require = createRequire(import.meta.url)
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return undefined
  }
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

export function installElectronScript() {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('electron/package.json')), 'install.js')
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const binary = electronBinary()
  if (binary) console.log(binary)
  process.exit(binary ? 0 : 1)
}
