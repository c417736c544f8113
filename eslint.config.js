import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const rawIpc = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message:
        'Use the typed IPC contract (src/shared/ipc.ts) through src/main/ipc or the preload, never raw IPC.',
    },
  ],
}

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', rawIpc],
    },
  },
  {
    // Type-aware rules for the app's own code: a promise nobody awaits loses its error (and its
    // ordering), and spreading a promise, a Map or a class instance silently copies nothing useful.
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-misused-spread': 'error',
    },
  },
  {
    // The IPC wrapper and the preload are the only places raw IPC may appear.
    files: ['src/main/ipc/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // src/shared is pure: no Node, Electron or DOM-only modules.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'electron',
                'react-dom',
                'undici',
              ],
              message: 'src/shared must stay pure (no Node, Electron or DOM imports).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: rawIpc.paths,
          patterns: [
            {
              group: ['node:*', 'electron', '../../main/*', '../main/*'],
              message: 'The renderer talks to main only through window.gonogo.',
            },
          ],
        },
      ],
    },
  },
)
