import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MIGRATIONS_FOLDER } from './db/migrate.js';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(emptyToUndefined, schema.prefault(fallback as never));

// How many proxies in front of the API append to X-Forwarded-For; the address left of them is the
// client's. `true` trusts every entry, which a client can forge unless the proxy overwrites it.
const proxyHops = z
  .string()
  .regex(/^(true|false|\d+)$/, 'must be false, true or a number of proxies (1, 2, ...)')
  .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number(v) || false));
const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) URL' })));

const wholeNumber = z.coerce.number({ error: 'must be a whole number' }).int();

const envSchema = z.object({
  NODE_ENV: withDefault(z.enum(['development', 'production', 'test']), 'development'),
  // What this deployment demands of its configuration; NODE_ENV only tunes libraries.
  ENVIRONMENT: withDefault(z.enum(['development', 'production']), 'development'),
  HOST: withDefault(z.string().min(1), '0.0.0.0'),
  // 0 asks the system for a free port.
  PORT: withDefault(wholeNumber.min(0).max(65535), '8000'),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')),
  DB_POOL_MAX: withDefault(wholeNumber.min(1).max(200), '10'),
  DB_STARTUP_TIMEOUT_MS: withDefault(wholeNumber.min(0), '60000'),
  PGLITE_DATA_DIR: withDefault(z.string().min(1), '.data/pglite'),
  MIGRATIONS_DIR: withDefault(z.string().min(1), MIGRATIONS_FOLDER),
  BETTER_AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  BETTER_AUTH_URL: withDefault(z.url({ protocol: /^https?$/ }), 'http://localhost:8000'),
  TRUSTED_ORIGINS: withDefault(originList, ''),
  OPENAI_API_KEY: optional(z.string().min(1)),
  OPENAI_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
  OPENAI_MODEL: withDefault(z.string().min(1), 'gpt-4o-mini'),
  RATE_LIMIT_MAX: withDefault(wholeNumber.min(1), '600'),
  AUTH_RATE_LIMIT_MAX: withDefault(wholeNumber.min(1), '10'),
  TRUST_PROXY: withDefault(proxyHops, 'false'),
  SHUTDOWN_TIMEOUT_MS: withDefault(wholeNumber.min(0), '25000'),
  // How long a checked session is trusted without a query; 0 checks every request.
  SESSION_CACHE_MS: withDefault(wholeNumber.min(0).max(60_000), '10000'),
});

export type Config = z.output<typeof envSchema> & {
  BETTER_AUTH_SECRET: string;
  /** True when no secret was configured and a random one was made for this process. */
  authSecretGenerated: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (env.ENVIRONMENT === 'production') {
    if (!env.DATABASE_URL) {
      problems.push('DATABASE_URL: is required when ENVIRONMENT=production (postgresql://user:password@host:5432/db)');
    }
    if (!env.BETTER_AUTH_SECRET) {
      problems.push(
        'BETTER_AUTH_SECRET: is required when ENVIRONMENT=production (generate one with: openssl rand -base64 32)',
      );
    }
  }
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const secret = parsed.data.BETTER_AUTH_SECRET;
  return {
    ...parsed.data,
    BETTER_AUTH_SECRET: secret ?? randomBytes(32).toString('base64'),
    authSecretGenerated: secret === undefined,
  };
}
