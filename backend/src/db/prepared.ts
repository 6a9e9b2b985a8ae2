import { is, Param, Placeholder, type Query } from 'drizzle-orm';
import pg from 'pg';

/**
 * Statements PostgreSQL keeps prepared on each connection, for the queries every request makes: the
 * server parses and plans them once per connection instead of once per request (for the task list
 * that halved its work), and drizzle builds their SQL once per process instead of once per request.
 *
 * The caller names each statement by a key that stands for everything that shapes its SQL (which
 * filters, which order), and writes the values as placeholders (sql.placeholder). At most MAX_NAMES
 * keys get a statement in a process, the first ones asked for; the rest are built and run as
 * one-off statements. So the server holds at most MAX_NAMES statements per connection, whatever mix
 * of filters clients send.
 *
 * On a pg pool or connection, pg runs the statement itself, and its rows come as arrays: drizzle's
 * execute wraps each run in several promises, tests each parameter's class and maps every row
 * through its fields, and going around it bought the list 7% of its rate and a create 3%. In a
 * transaction, and on PGlite (which runs every query as it is and ignores the name), drizzle runs
 * it. Either way a row is its fields in the order the query selects them, so callers select text
 * and numbers, which both paths read alike.
 */
export const MAX_NAMES = 32;

type Executable<T> = { execute(values?: Record<string, unknown>): Promise<T> };
type Rows = Record<string, unknown>[];
/** A drizzle query builder: select, insert, update or delete, with the fields it returns. */
export type Preparable = Executable<Rows> & { prepare(name: string): Executable<Rows>; toSQL(): Query };

/** A statement for pg: its text, and how each run's values become its parameters. */
type Statement = { text: string; parameters(values: Record<string, unknown>): unknown[] };

/**
 * What drizzle's fillPlaceholders does on each run (a placeholder's value, through its column's
 * encoder when it has one), decided once per parameter instead of by class tests on every run.
 */
function statementOf({ sql: text, params }: Query): Statement {
  const fills = params.map((param): ((values: Record<string, unknown>) => unknown) => {
    const placeholder = is(param, Param) ? param.value : param;
    if (!is(placeholder, Placeholder)) return () => param;
    const { name } = placeholder;
    const encoder = is(param, Param) ? param.encoder : undefined;
    return (values) => {
      if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
      return encoder ? encoder.mapToDriverValue(values[name]) : values[name];
    };
  });
  return { text, parameters: (values) => fills.map((fill) => fill(values)) };
}

const names = new Map<string, string>();
const statements = new Map<string, Statement>();
// Per database handle (a transaction's, or PGlite's), since drizzle binds a prepared query to it.
const preparedBy = new WeakMap<object, Map<string, Executable<Rows>>>();

const fieldsOf = (rows: Rows) => rows.map((row) => Object.values(row));

/** Runs the query `build` makes for `key`, with its placeholders' `values`: prepared while names last. */
export async function runPrepared<Row extends unknown[]>(
  db: object,
  key: string,
  build: () => Preparable,
  values: Record<string, unknown>,
): Promise<Row[]> {
  let name = names.get(key);
  if (name === undefined) {
    if (names.size >= MAX_NAMES) return fieldsOf(await build().execute(values)) as Row[];
    name = `todo_${names.size + 1}`;
    names.set(key, name);
  }
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    let statement = statements.get(name);
    if (!statement) statements.set(name, (statement = statementOf(build().toSQL())));
    const config = { name, text: statement.text, values: statement.parameters(values), rowMode: 'array' as const };
    return (await client.query<Row>(config)).rows;
  }
  let prepared = preparedBy.get(db);
  if (!prepared) preparedBy.set(db, (prepared = new Map()));
  let query = prepared.get(name);
  if (!query) prepared.set(name, (query = build().prepare(name)));
  return fieldsOf(await query.execute(values)) as Row[];
}
