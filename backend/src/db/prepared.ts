/**
 * Statements PostgreSQL keeps prepared on each connection, for the queries every request makes: the
 * server parses and plans them once per connection instead of once per request (for the task list
 * that halved its work), and drizzle builds their SQL once per process instead of once per request.
 *
 * The caller names each statement by a key that stands for everything that shapes its SQL (which
 * filters, which order), and writes the values as placeholders (sql.placeholder). At most MAX_NAMES
 * keys get a statement in a process, the first ones asked for; the rest are built and run as
 * one-off statements. So the server holds at most MAX_NAMES statements per connection, whatever mix
 * of filters clients send. PGlite runs every query as it is (drizzle ignores the name there).
 */
export const MAX_NAMES = 32;

type Executable<T> = { execute(values?: Record<string, unknown>): Promise<T> };
/** A drizzle query builder: select, insert, update or delete. */
export type Preparable<T> = Executable<T> & { prepare(name: string): Executable<T> };

const names = new Map<string, string>();
// Per database handle (the pool, or one transaction's), since drizzle binds a prepared query to it.
const preparedBy = new WeakMap<object, Map<string, Executable<unknown>>>();

/** Runs the query `build` makes for `key`, with its placeholders' `values`: prepared while names last. */
export async function runPrepared<T>(
  db: object,
  key: string,
  build: () => Preparable<T>,
  values: Record<string, unknown>,
): Promise<T> {
  let name = names.get(key);
  if (name === undefined) {
    if (names.size >= MAX_NAMES) return build().execute(values);
    name = `todo_${names.size + 1}`;
    names.set(key, name);
  }
  let prepared = preparedBy.get(db);
  if (!prepared) preparedBy.set(db, (prepared = new Map()));
  let statement = prepared.get(name) as Executable<T> | undefined;
  if (!statement) prepared.set(name, (statement = build().prepare(name)));
  return statement.execute(values);
}
