import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// The backend's integration suites run once per database: embedded PGlite and a real PostgreSQL.
// The PostgreSQL run needs TEST_DATABASE_URL (.ci/postgres.sh starts a server); under CI it is
// mandatory, so a missing server fails the run instead of skipping it.
const postgresAvailable = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
if (!postgresAvailable) {
  console.warn('backend:postgres suites not run: set TEST_DATABASE_URL to a PostgreSQL admin URL to run them.');
}

const integration = (database: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name: `backend:${database}`,
    root: 'backend',
    include: ['test/integration/**/*.test.ts'],
    env: { TEST_DB: database },
  },
});

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'backend:unit', root: 'backend', include: ['test/unit/**/*.test.ts'] } },
      integration('pglite'),
      ...(postgresAvailable ? [integration('postgres')] : []),
    ],
  },
});
