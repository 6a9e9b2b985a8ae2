/**
 * The floor under the API for bench:api: node:http and a pg pool, one SQL round trip per request,
 * no framework, session, validation or hooks. What is left is the database and the wire, so the
 * API's share of this server's rate is what its own work costs.
 *
 * GET /?user=<id> answers the first page of that user's tasks with their count, as the list does;
 * POST inserts the JSON body as a task of WRITER_ID's and answers the row, as a create does. With
 * PREPARED set, both statements are named, so PostgreSQL parses each once per connection and,
 * after five runs, may keep one plan for all (the API names its create, not its list). Run with
 * `node scripts/lib/api-floor-server.ts`; DATABASE_URL, POOL_MAX, WRITER_ID, PREPARED, HOST, PORT.
 */
import { createServer, type ServerResponse } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX) });
const COLUMNS =
  'id, title, description, completed, priority, due_date as "dueDate", tags, ' +
  'created_at as "createdAt", updated_at as "updatedAt", version';
const LIST =
  `select ${COLUMNS}, (select count(*) from tasks where user_id = $1)::int as total ` +
  'from tasks where user_id = $1 order by created_at desc, id desc limit 50';
const INSERT =
  'insert into tasks (user_id, title, description, priority, due_date, tags) ' +
  `values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`;

function send(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const named = (name: string, text: string) => (process.env.PREPARED ? { name, text } : { text });
const list = named('floor_list', LIST);
const insert = named('floor_insert', INSERT);

const server = createServer(async (req, res) => {
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const task = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const values = [process.env.WRITER_ID, task.title, task.description ?? null, task.priority ?? 'medium'];
    const { rows } = await pool.query({ ...insert, values: [...values, task.dueDate ?? null, task.tags ?? []] });
    send(res, 201, rows[0]);
    return;
  }
  const user = new URL(req.url ?? '/', 'http://floor').searchParams.get('user');
  const { rows } = await pool.query({ ...list, values: [user] });
  const tasks = rows.map(({ total: _total, ...task }) => task);
  send(res, 200, { tasks, total: rows[0]?.total ?? 0, limit: 50, offset: 0 });
});
server.listen(Number(process.env.PORT), process.env.HOST);
// An exit of its own on SIGTERM, so that --cpu-prof writes the profile.
process.once('SIGTERM', () => process.exit(0));
