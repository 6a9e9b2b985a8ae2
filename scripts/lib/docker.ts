import { COMPOSE_PROJECT_NAME } from '../../project/names.js';
import { repoRoot } from '../../project/root.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Docker CLI: DOCKER when set (e.g. /usr/bin/docker for Debian's docker.io with BuildKit built in). */
export const docker = process.env.DOCKER ?? 'docker';

class CommandError extends Error {
  override name = 'CommandError';
}

/** Runs a command with the terminal as its output; rejects naming the command when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('error', (error) => reject(new CommandError(`${command}: ${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new CommandError(`${command} ${args.slice(0, 2).join(' ')} exited with ${code}`)),
    );
  });
}

/** Runs a command and returns its output; never throws for a non-zero exit. */
export function capture(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? result.error?.message ?? '',
  };
}

/** Runs a docker command and returns its trimmed output; throws with docker's message when it fails. */
export function dockerOut(args: string[]): string {
  const result = capture(docker, args);
  if (result.status !== 0) throw new CommandError(`docker ${args[0]} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The loopback URL where a container's port is published (run it with -p 127.0.0.1::<port>). */
export function publishedUrl(container: string, port: number): string {
  return `http://127.0.0.1:${dockerOut(['port', container, String(port)])
    .split('\n')[0]!
    .split(':')
    .pop()}`;
}

export function requireDocker(): void {
  const { status, stderr } = capture(docker, ['version', '--format', '{{.Server.Version}}']);
  if (status !== 0) {
    throw new CommandError(
      `no Docker engine answers through '${docker}': install Docker (Debian: apt-get install docker.io) and start it (${stderr.trim().split('\n')[0] ?? ''})`,
    );
  }
}

/** `docker buildx build --load` where buildx exists (GitHub), else BuildKit built into the engine's CLI. */
export function buildCommand(): { args: string[]; env: NodeJS.ProcessEnv } {
  if (capture(docker, ['buildx', 'version']).status === 0)
    return { args: ['buildx', 'build', '--load'], env: process.env };
  return { args: ['build'], env: { ...process.env, DOCKER_BUILDKIT: '1' } };
}

const COMPOSE_FILE = 'docker/compose.yaml';
export const COMPOSE_ENV_FILE = 'docker/.env';
const COMPOSE_PROJECT = process.env.COMPOSE_PROJECT_NAME ?? COMPOSE_PROJECT_NAME;

/** Compose v2 (`docker compose`) when present, else Debian's docker-compose 1.29; with the project's files. */
export function composeCommand(): [string, ...string[]] {
  const files = ['-p', COMPOSE_PROJECT, '--env-file', COMPOSE_ENV_FILE, '-f', COMPOSE_FILE];
  if (capture(docker, ['compose', 'version']).status === 0) return [docker, 'compose', ...files];
  if (capture('docker-compose', ['version']).status === 0) return ['docker-compose', ...files];
  throw new CommandError(
    'neither `docker compose` nor `docker-compose` works: install Docker Compose (Debian: apt-get install docker-compose)',
  );
}

/** Extra CA certificates for builds behind a TLS-intercepting proxy (BUILD_CA_FILE, else NODE_EXTRA_CA_CERTS). */
export function buildCaFile(): string | undefined {
  const file = process.env.BUILD_CA_FILE ?? process.env.NODE_EXTRA_CA_CERTS;
  return file && existsSync(file) ? file : undefined;
}
