/**
 * db/prepared.ts keeps at most MAX_STATEMENTS queries in a process, so a server holds at most that
 * many statements on a connection. Its own file: the kept queries are the module's, for the process.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { MAX_STATEMENTS, runPrepared } from '../../src/db/prepared.js';
import { tasks } from '../../src/db/schema.js';
import { useTestApp } from '../helpers/app.js';
import { preparedStatements, TEST_DB } from '../helpers/database.js';

const ctx = useTestApp();

/** A query of its own SQL for each key: the same count, plus the key's number. */
const counting = (db: Db, key: number) => () =>
  db
    .select({ n: sql<number>`count(*)::int + ${sql.raw(String(key))}` })
    .from(tasks)
    .where(sql`${tasks.title} = ${sql.placeholder('title')}`);

it(`holds at most ${MAX_STATEMENTS} statements on a connection, and runs every query asked for`, async () => {
  const keys = Array.from({ length: MAX_STATEMENTS + 8 }, (_, key) => key);
  const held = await ctx.db.database.withConnection(async (db) => {
    for (const key of keys) {
      // Twice: a kept query runs again from its statement, one past the limit is built again.
      for (let run = 0; run < 2; run += 1) {
        const rows = await runPrepared<[n: number]>(db, `count ${key}`, counting(db, key), { title: 'none' }, 'once');
        expect(rows).toEqual([[key]]);
      }
    }
    return (await preparedStatements(db)).length;
  });
  // PGlite runs every statement unnamed.
  expect(held).toBe(TEST_DB === 'postgres' ? MAX_STATEMENTS : 0);
});
