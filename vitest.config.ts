import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A throwaway CA in NODE_EXTRA_CA_CERTS, set before test processes start (see the file).
    globalSetup: ['test/setup/pki.ts'],
    // The built-in presets, read from resources/presets as main does at startup.
    setupFiles: ['test/setup/presets.ts'],
  },
})
