import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';

const TABLES = ['user', 'session', 'account', 'tasks', 'conversations', 'messages'];

/** Row count and a hash of every row, per table: equal before and after means nothing changed. */
export async function fingerprint(database: Database): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = (await database.db.execute(
      sql.raw(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as f from "${table}" t`,
      ),
    )) as unknown as { rows: { f: string }[] };
    result[table] = rows.rows[0]!.f;
  }
  return result;
}
