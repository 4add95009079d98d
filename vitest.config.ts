import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Live-endpoint tests (*.int.test.ts) need real credentials: run them by name.
    exclude: ['**/node_modules/**', '**/*.int.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // PostgreSQL for the suites that need one, when TEST_DATABASE_URL does not name a server.
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
