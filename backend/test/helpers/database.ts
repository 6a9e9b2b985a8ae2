import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../../src/db/client.js';

export type TestDatabase = { database: Database; url: string | undefined; drop(): Promise<void> };

/** Which database the integration suites run on: set per vitest project (pglite or postgres). */
export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: the postgres suites need a server (.ci/postgres.sh starts one)');
  }
  return url;
}

/** A fresh, empty database URL of its own on the test server (postgres only). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  const name = `todo_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A fresh database of the kind under test: its own PostgreSQL database, or in-memory PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const database = await openDatabase({ pgliteDataDir: 'memory://', poolMax: 1 });
    return { database, url: undefined, drop: () => database.close() };
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ url: created.url, pgliteDataDir: 'unused', poolMax: 10 });
  return {
    database,
    url: created.url,
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

/** The statements kept on a connection, and how many of their runs PostgreSQL gave its one plan for all. */
export async function preparedStatements(db: Db): Promise<{ statement: string; generic: number }[]> {
  const result = await db.execute(sql`select statement, generic_plans::int as generic from pg_prepared_statements`);
  return (result as unknown as { rows: { statement: string; generic: number }[] }).rows;
}
