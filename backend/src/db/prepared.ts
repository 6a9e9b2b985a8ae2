import { is, Param, Placeholder, type Query } from 'drizzle-orm';
import pg from 'pg';

/**
 * The SQL of the queries every request makes, built by drizzle once per process instead of once per
 * request, and run by pg itself.
 *
 * The caller names each query by a key that stands for everything that shapes its SQL (which
 * filters, which order), writes the values as placeholders (sql.placeholder), and says how
 * PostgreSQL should plan it:
 * - 'once': a statement named on each connection. PostgreSQL parses it once, and after five runs
 *   keeps one plan for every value. Planning a create on every run took about 40% of PostgreSQL's
 *   time for it (pgbench, 10 clients: 49,000 inserts a second planned once, 28,000 planned each run).
 * - 'per run': sent unnamed, so PostgreSQL plans it for each run's values. For the task page, one
 *   plan for every user counts a user's tasks by scanning the whole table whenever a few users hold
 *   most rows: 13 ms instead of 0.07 ms a page.
 * At most MAX_STATEMENTS keys are kept in a process, the first ones asked for; the rest are built
 * and run as one-off statements. So the server holds at most MAX_STATEMENTS statements per
 * connection, whatever mix of filters clients send.
 *
 * On a pg pool or connection, pg runs the statement itself, and its rows come as arrays: drizzle's
 * execute wraps each run in several promises, tests each parameter's class and maps every row
 * through its fields, and going around it bought the list 7% of its rate and a create 3%. In a
 * transaction, and on PGlite (which runs every query as it is and ignores the name), drizzle runs
 * it. Either way a row is its fields in the order the query selects them, each read as drizzle's
 * drivers read it (writtenAsIs), but only drizzle applies a column's decoder: so a caller selects
 * SQL, or columns whose decoder keeps the value (text, numbers, booleans, arrays, string dates).
 */
export const MAX_STATEMENTS = 32;

/** How PostgreSQL plans a statement: once for all its runs, or for each run's values. */
export type Planning = 'once' | 'per run';

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

/** A kept query: the name it has on a connection, and its statement once pg has needed it. */
type Kept = { name: string; statement?: Statement };
const kept = new Map<string, Kept>();
// Per database handle (a transaction's, or PGlite's), since drizzle binds a prepared query to it.
const preparedBy = new WeakMap<object, Map<string, Executable<Rows>>>();

/**
 * Dates, times and intervals as PostgreSQL writes them, every other type as pg parses it: how
 * drizzle sets up both pg and PGlite, so its columns can decode these values themselves.
 */
const { DATE, INTERVAL, TIMESTAMP, TIMESTAMPTZ } = pg.types.builtins;
const asWritten = [DATE, INTERVAL, TIMESTAMP, TIMESTAMPTZ];
const writtenAsIs: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    asWritten.includes(oid) ? (text: string) => text : pg.types.getTypeParser(oid, format),
};

const fieldsOf = (rows: Rows) => rows.map((row) => Object.values(row));

/** Runs the query `build` makes for `key`, with its placeholders' `values`, planned as `planning` says. */
export async function runPrepared<Row extends unknown[]>(
  db: object,
  key: string,
  build: () => Preparable,
  values: Record<string, unknown>,
  planning: Planning,
): Promise<Row[]> {
  let query = kept.get(key);
  if (!query) {
    if (kept.size >= MAX_STATEMENTS) return fieldsOf(await build().execute(values)) as Row[];
    kept.set(key, (query = { name: `todo_${kept.size + 1}` }));
  }
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    const { text, parameters } = (query.statement ??= statementOf(build().toSQL()));
    const name = planning === 'once' ? { name: query.name } : {};
    const run = { ...name, text, values: parameters(values), rowMode: 'array' as const, types: writtenAsIs };
    return (await client.query<Row>(run)).rows;
  }
  if (planning === 'per run') return fieldsOf(await build().execute(values)) as Row[];
  let prepared = preparedBy.get(db);
  if (!prepared) preparedBy.set(db, (prepared = new Map()));
  let statement = prepared.get(query.name);
  if (!statement) prepared.set(query.name, (statement = build().prepare(query.name)));
  return fieldsOf(await statement.execute(values)) as Row[];
}
