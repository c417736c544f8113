// npm start: build, make sure Electron's binary is present (fetching it on first run), open the app.
import { spawn, spawnSync } from 'node:child_process'
import { electronBinary, installElectronScript } from './electron-binary.mjs'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

let binary = electronBinary()
if (!binary) {
  console.log('GoNoGo: fetching the Electron binary (first run)…')
  const install = spawnSync(process.execPath, [installElectronScript()], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10 * 60_000,
  })
  binary = install.status === 0 ? electronBinary() : undefined
  if (!binary) {
    console.error(
      'GoNoGo: could not fetch the Electron binary (no internet access?); the headless CLI works without it: npx gonogo --help',
    )
    process.exit(1)
  }
}
const app = spawn(binary, ['.'], { stdio: 'inherit' })
app.on('exit', (code) => process.exit(code ?? 0))
