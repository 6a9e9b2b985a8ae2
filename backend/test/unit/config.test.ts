import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults and generates a secret when none is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      HOST: '0.0.0.0',
      PORT: 8000,
      PGLITE_DATA_DIR: '.data/pglite',
      ENVIRONMENT: 'development',
      DB_STARTUP_TIMEOUT_MS: 60000,
      TRUSTED_ORIGINS: [],
      TRUST_PROXY: false,
      authSecretGenerated: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.BETTER_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).BETTER_AUTH_SECRET).not.toBe(config.BETTER_AUTH_SECRET);
  });

  it('reads every variable and treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '3001',
      DATABASE_URL: 'postgresql://u:p@db:5432/todo',
      BETTER_AUTH_SECRET: 's'.repeat(32),
      TRUSTED_ORIGINS: 'http://localhost:5173, https://todo.local',
      TRUST_PROXY: 'true',
      OPENAI_API_KEY: '',
      ENVIRONMENT: 'production',
      MIGRATIONS_DIR: '/app/drizzle',
    });
    expect(config.MIGRATIONS_DIR).toBe('/app/drizzle');
    expect(config.PORT).toBe(3001);
    expect(config.TRUSTED_ORIGINS).toEqual(['http://localhost:5173', 'https://todo.local']);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(config.authSecretGenerated).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must start with postgres://'],
    [{ BETTER_AUTH_SECRET: 'short' }, 'BETTER_AUTH_SECRET: must be at least 32 characters'],
    [{ ENVIRONMENT: 'production' }, 'BETTER_AUTH_SECRET: is required when ENVIRONMENT=production'],
    [{ ENVIRONMENT: 'production', BETTER_AUTH_SECRET: 's'.repeat(32) }, 'DATABASE_URL: is required'],
    [{ ENVIRONMENT: 'staging' }, 'ENVIRONMENT'],
    [{ DB_STARTUP_TIMEOUT_MS: '-1' }, 'DB_STARTUP_TIMEOUT_MS'],
    [{ TRUSTED_ORIGINS: 'http://ok.example,not a url' }, 'TRUSTED_ORIGINS.1: each entry must be an http(s) URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', ENVIRONMENT: 'production', LOG_LEVEL: 'loud' })).toThrow(
      /PORT: .*; LOG_LEVEL: .*; DATABASE_URL: .*; BETTER_AUTH_SECRET: /,
    );
  });
});
