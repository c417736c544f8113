#!/usr/bin/env node
// Thin launcher for the headless CLI built by `npm run build` into out/cli.
import { existsSync } from 'node:fs'

const entry = new URL('../out/cli/gonogo.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(
    'gonogo: the CLI is not built yet: run `npm run build` in the GoNoGo checkout first\n',
  )
  process.exit(2)
}
await import(entry.href)
