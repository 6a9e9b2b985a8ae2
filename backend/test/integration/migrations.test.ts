import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { MIGRATION_LOCK_KEY, MIGRATIONS_FOLDER, migrationsApplied, runMigrations } from '../../src/db/migrate.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../helpers/database.js';

const expectedMigrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function fresh(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

/** Another connection pool on the same database, as a second replica would have (PGlite has only one). */
async function secondHandle(db: TestDatabase): Promise<Database> {
  if (!db.url) return db.database;
  const other = await openDatabase({ url: db.url, pgliteDataDir: 'unused', poolMax: 2 });
  cleanups.push(() => other.close());
  return other;
}

async function appliedCount(database: Database): Promise<number> {
  const result = (await database.db.execute(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  )) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]!.n;
}

describe(`migrations on ${TEST_DB}`, () => {
  it('three replicas starting at once apply each migration exactly once', async () => {
    const db = await fresh();
    const apps = await Promise.all(
      [0, 1, 2].map(async () =>
        buildApp({
          config: testConfig(db.url ? { DATABASE_URL: db.url, DB_POOL_MAX: '2' } : {}),
          database: db.url ? undefined : db.database,
        }),
      ),
    );
    try {
      for (const app of apps) expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
      expect(await appliedCount(db.database)).toBe(expectedMigrations);
      expect(await migrationsApplied(db.database)).toBe(true);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  it('waits while another replica holds the migration lock', async () => {
    const db = await fresh();
    const holder = await secondHandle(db);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.withConnection(async (conn) => {
      await conn.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
      locked();
      await released;
      await conn.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    });
    await lockTaken;

    let finished = false;
    const migrating = runMigrations(db.database).then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toBe(false);
    expect(await migrationsApplied(db.database).catch(() => false)).toBe(false);

    release();
    await holding;
    await migrating;
    expect(finished).toBe(true);
    expect(await appliedCount(db.database)).toBe(expectedMigrations);
  });

  it('is a no-op when everything is applied', async () => {
    const db = await fresh();
    await runMigrations(db.database);
    await runMigrations(db.database);
    expect(await appliedCount(db.database)).toBe(expectedMigrations);
  });
});
