// Connection-level failures: the database is down, restarting or unreachable, not the query wrong.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
const SQLSTATE = /^(08\d{3}|57P0[1-3]|3D000)$/;
// The last two: the pool or PGlite was closed under the request (shutting down).
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|database did not answer|Cannot use a pool after calling end|PGlite is closed/i;

/** True when the error, or any error it wraps, says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (MESSAGES.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
