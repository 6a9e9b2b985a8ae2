import { buildApp, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = configOrExit();
let app: App | undefined;

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  // Still starting (waiting for the database, migrating): nothing is in flight yet. As PID 1 in a
  // container, Node ignores signals it has no handler for, so this must be in place from the start.
  if (!app) process.exit(0);
  const server = app;
  server.log.info({ signal }, 'shutting down: finishing in-flight requests, refusing new ones');
  const deadline = setTimeout(() => {
    server.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'in-flight requests did not finish in time');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  await server.drain();
  await server.close();
  server.log.info('stopped');
}
process.once('SIGTERM', (signal) => void shutdown(signal));
process.once('SIGINT', (signal) => void shutdown(signal));

try {
  app = await buildApp({ config });
} catch (error) {
  console.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

try {
  await app.listen({ host: config.HOST, port: config.PORT });
} catch (error) {
  app.log.fatal({ err: error }, 'could not start the server');
  process.exit(1);
}
