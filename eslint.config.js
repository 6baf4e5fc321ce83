import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

// Imports go one way: client -> shared, server -> shared. Lint enforces it so it stays true.
const forbid = (folders, paths = [], patterns = []) => ({
  'no-restricted-imports': [
    'error',
    { paths, patterns: [...folders.map((folder) => ({ group: [`**/${folder}/*`, `**/${folder}`], message: `Do not import from ${folder}/ here (imports go client -> shared, server -> shared).` })), ...patterns] },
  ],
});
const innerZone = (target, from) => ({ target: `./${target}`, from: from.map((folder) => `./${folder}`), message: `${target}/ is imported by the outer layers, it does not import them.` });
// Routes validate through the wrapper so the OpenAPI document sees every schema.
const validatorThroughOpenApi = [{ name: '@hono/valibot-validator', message: 'Import vValidator from server/http/openapi/describe.ts: the OpenAPI document is built from it.' }];
// A feature's services take plain input and answer result values; its route files alone speak HTTP.
const httpOutsideRoutes = [{ group: ['hono', 'hono/*', '**/http/*'], message: 'Only *-routes.ts and *-responses.ts speak HTTP: take plain input (ip, user agent, cookie token) and return { ok, code } instead.' }];
// The gateway simulator stands in for another company's web site: it is HTTP through and through.
const featureHttpFiles = ['server/features/**/*-routes.ts', 'server/features/**/*-responses.ts', 'server/features/payments/gateway-simulator.ts'];

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
  { files: ['server/features/**'], ignores: featureHttpFiles, rules: forbid(['client'], validatorThroughOpenApi, httpOutsideRoutes) },
  { files: ['server/http/openapi/describe.ts'], rules: forbid(['client']) },
  { files: ['shared/**'], rules: forbid(['client', 'server']) },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.js'], 'import-x/ignore': ['node_modules'], 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Inner directions: the sync engine runs in the service worker, so it knows no screen, shell or text.
  { files: ['client/sync/**'], rules: { 'import-x/no-restricted-paths': ['error', { zones: [innerZone('client/sync', ['client/features', 'client/shell', 'client/i18n'])] }] } },
  // The upload queue is the sync engine's sibling (it runs in the same workers), under the same rule.
  { files: ['client/uploads/**'], rules: { 'import-x/no-restricted-paths': ['error', { zones: [innerZone('client/uploads', ['client/features', 'client/shell', 'client/i18n'])] }] } },
  // Features plug into the sync layer and the database (mutations, pull readers), never the other way round.
  { files: ['server/sync/**', 'server/db/**'], rules: { 'import-x/no-restricted-paths': ['error', { zones: [innerZone('server/sync', ['server/features']), innerZone('server/db', ['server/features'])] }] } },
);
