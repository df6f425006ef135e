// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import boundaries (docs/architecture.md#folders), one block per folder. */
const electronOnly = {
  paths: [
    {
      name: 'electron',
      message: 'Only main/electron may import electron (core and web must run in plain Node).',
    },
    { name: 'electron-store', message: 'Only main/electron may import electron-store.' },
  ],
};

export default defineConfig([
  globalIgnores(['out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', '.reports/**', 'coverage/**']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Page-side benchmark code, evaluated in the browser as it is.
    files: ['bench/**/*.page.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['main/core/**', 'main/web/**', 'main/cli/**', 'scripts/**', 'tests/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [{ group: ['**/renderer/**'], message: 'main never imports renderer.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            { group: ['**/main/**'], message: 'The renderer talks to main only through PlaygroundApi.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'shared imports nothing outside shared.' },
            { group: ['node:*'], message: 'shared runs in the renderer too: no Node built-ins.' },
          ],
        },
      ],
    },
  },
]);
