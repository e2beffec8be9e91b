import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  comments.recommended,
  {
    rules: {
      // A disabled rule must say why, on the same line (`// eslint-disable-next-line rule -- why`).
      '@eslint-community/eslint-comments/require-description': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // The gateway's public API is its folder (lib/cryptocloud/index.ts); no import circles anywhere.
    ignores: ['lib/cryptocloud/**'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/cryptocloud/*'], message: "Import from '@/lib/cryptocloud' (its index is the public API)." }] },
      ],
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['lib/cryptocloud/**'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Components render what lib/ hands them; they never reach the data layer, not even for types.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db/*', '@/db', '**/db/*'], message: 'Components get data and types from lib/, never from db/.' }] },
      ],
    },
  },
  {
    // Tests read the JSON answers of the API under test loosely; their assertions check the shape.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  globalIgnores([
    '.next/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    '.data/**',
    'next-env.d.ts',
    'db/migrations/**',
  ]),
]);
