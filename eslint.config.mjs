import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'bot/dist/**',
      'tab/dist/**',
      'tab/.dist-staging-*/**',
      'appPackage/build/**',
      'test-output/**',
      '.data/**',
      '.deploy/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'error',
    },
  },
  {
    // Every CSV the product writes neutralises formulas in one place (platform/http/csv-export.ts).
    files: ['bot/src/**/*.ts'],
    ignores: ['bot/src/platform/http/csv-export.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['csv-stringify', 'csv-stringify/*'],
              message: 'Write CSV with toCsv from platform/http/csv-export.ts (formula-safe).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  {
    files: ['tests/**', '**/scripts/**', 'tab/build.mjs'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
