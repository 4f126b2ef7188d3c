// Lint rules for the whole tree (`npm run lint`). Type-aware rules run only where they catch real bugs that the
// compiler cannot (promises nobody awaits, promises passed where a callback's result is ignored); the rest is
// syntax-level and fast.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', '.tsbuild/**', 'bench/results/**', 'data/**', 'coverage/**', 'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        // Every project of the tree, including the engine's tests, which its build config leaves out.
        project: ['packages/*/tsconfig.json', 'packages/engine/tsconfig.test.json', 'packages/api-client/tsconfig.test.json', 'apps/*/tsconfig.json', 'bench/tsconfig.json', 'e2e/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // node:test's test() and describe() return promises the runner itself tracks.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // The direction of dependencies (ARCHITECTURE.md): the engine imports nothing of ours and does no IO; storage
    // never reaches up into the server. TypeScript project references already reject cycles between packages.
    files: ['packages/engine/src/**/*.ts'],
    ignores: ['packages/engine/src/**/*.test.ts', 'packages/engine/src/**/testing/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*'], message: 'the engine does no IO: take what you need as a parameter or port' },
        { group: ['@notewave/*'], message: 'the engine imports nothing of ours' },
      ] }],
    },
  },
  {
    files: ['packages/storage/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@notewave/server', '@notewave/server/*', '@notewave/api-client', '@notewave/api-client/*'], message: 'storage depends on the engine only' }] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
