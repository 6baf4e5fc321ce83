import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Imports go one way: client -> shared, server -> shared. Lint enforces it so it stays true.
const forbid = (folders, paths = []) => ({
  'no-restricted-imports': [
    'error',
    { paths, patterns: folders.map((folder) => ({ group: [`**/${folder}/*`, `**/${folder}`], message: `Do not import from ${folder}/ here (imports go client -> shared, server -> shared).` })) },
  ],
});
// Routes validate through the wrapper so the OpenAPI document sees every schema.
const validatorThroughOpenApi = [{ name: '@hono/valibot-validator', message: 'Import vValidator from server/http/openapi/describe.ts: the OpenAPI document is built from it.' }];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'bench/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.serviceworker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['client/**'], rules: forbid(['server']) },
  { files: ['server/**'], ignores: ['server/http/openapi/describe.ts'], rules: forbid(['client'], validatorThroughOpenApi) },
  { files: ['server/http/openapi/describe.ts'], rules: forbid(['client']) },
  { files: ['shared/**'], rules: forbid(['client', 'server']) },
);
