import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Every test that needs a database makes its own file, so files can run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
    env: { TZ: 'Asia/Shanghai' },
    // A PostgreSQL server for the run: the server tests run against it as well as SQLite.
    globalSetup: ['tests/support/postgres-server.ts'],
  },
});
