import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // ui/public/sw.js is a template: the build fills in its file list.
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'test-output/**',
      'ui/build/**',
      'ui/build.next/**',
      'ui/build.old/**',
      'ui/public/sw.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name="console"][callee.property.name="log"]',
          message: 'Log with the pino logger.',
        },
      ],
    },
  },
  {
    files: ['ui/src/**', 'plugins/*/ui/**', 'plugins/*/widget/**', 'core/embeds/**', 'test/fixtures/plugins/*-ui/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**', '**/bin/**', 'test/**', '**/test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
