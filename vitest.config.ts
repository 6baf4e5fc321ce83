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
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
