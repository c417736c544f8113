import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

// The headless CLI: ESM for Node, an entry and a chunk per command, sharing every module with
// the app (src/shared and the Electron-free parts of src/main). Runtime dependencies stay external
// and resolve from node_modules, except the pure-JS ones nearly every command loads (zod, YAML,
// hashing): bundled in, they spare Node resolving and loading their many files on every start
// (a quarter of `gonogo status`). Heavy libraries stay external: they load only with the
// commands that need them, and test/integration/cli-lazy.test.ts sees them load.
const bundled = new Set(['zod', 'yaml', '@noble/hashes', 'canonicalize'])
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).filter((d) => !bundled.has(d)),
]

export default defineConfig({
  ssr: { noExternal: [...bundled] },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { gonogo: resolve('src/main/cli/index.ts') },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      // Each command is its own chunk (src/main/cli/run.ts imports them on demand).
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
})
