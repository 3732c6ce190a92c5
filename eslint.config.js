// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Process boundaries (Signal-Desktop's .std/.node/.dom suffixes, done by folder here):
// shared/ = pure TS that runs anywhere; electron/ = Node; renderer/ = DOM only.
const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'worker_threads'];
const nativeAndShell = ['electron', 'better-sqlite3', 'node-hid', 'pino', 'pdf-lib', 'fontkit'];

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', 'resources/fonts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    // `!../platform/*`: shared/contract may use the wire shapes in shared/platform (one level up from a
    // shared/ subfolder); the platform server (top-level platform/, always deeper) stays forbidden.
    rules: forbid([...nodeModules, ...nativeAndShell, 'react', 'react-dom', '**/electron/**', '**/renderer/**', '**/platform/**', '!../platform/*'],
      'shared/ is pure TypeScript used by every process: no Node, DOM framework, native or app-layer imports.'),
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid([...nodeModules, ...nativeAndShell, '**/electron/**', '**/platform/**'],
        'renderer/ talks only to the shared contract: no Node, native modules or service imports.'),
    },
  },
  {
    files: ['platform/**/*.ts'],
    // Shares Node services (clock, migrations, audit chain) with the counter, never its shell or UI.
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: 'platform/ is the county server: no Electron or React.' })),
        patterns: [{ group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/host/**'], message: 'platform/ must not import the counter shell or UI.' }],
      }],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: forbid(['react', 'react-dom', 'electron', '**/renderer/**'],
      'services are plain Node: no React, no Electron (keep them testable without a window).'),
  },
);
