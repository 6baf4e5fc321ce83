import { defineConfig } from 'vitest/config';

// Layers: pure unit tests, client code over fake-indexeddb, and server integration on
// in-memory PGlite (also against PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'client',
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          include: ['tests/client/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          // `npm run test:heavy` raises it: on a busy machine setting up a file can pass a minute.
          hookTimeout: Number(process.env.TEST_HOOK_TIMEOUT_MS ?? 60_000),
        },
      },
    ],
  },
});
