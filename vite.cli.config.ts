import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

// The headless CLI: ESM for Node, one entry and a chunk per command, sharing every module with the app
// (src/shared and the Electron-free parts of src/main). Runtime dependencies stay external
// and resolve from node_modules.
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
]

export default defineConfig({
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
