/**
 * npm run hosts:add [-- --ip 127.0.0.1] [--dry-run] — points todo.local at the cluster in
 * /etc/hosts (Linux, macOS; HOSTS_FILE overrides the path). npm run hosts:remove takes it out.
 * Windows: add "127.0.0.1 todo.local" to C:\Windows\System32\drivers\etc\hosts as Administrator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { HOST } from '../../project/names.js';
import { parseCommandLine } from '../lib/cli.js';
import { isMain } from '../lib/main.js';

const MARKER = '# todo-chatbot';

export function withoutHost(content: string, host: string): string {
  return content
    .split('\n')
    .filter((line) => !(line.includes(MARKER) && line.split(/\s+/).includes(host)))
    .join('\n');
}

export function withHost(content: string, ip: string, host: string): string {
  const kept = withoutHost(content, host).replace(/\n*$/, '\n');
  return `${kept}${ip} ${host} ${MARKER}\n`;
}

const [command, ...args] = process.argv.slice(2);
if (isMain(import.meta.url)) {
  const file = process.env.HOSTS_FILE ?? '/etc/hosts';
  try {
    const o = parseCommandLine(args, {
      usage: 'npm run hosts:add | hosts:remove -- [options]',
      about: `Adds the host to ${file} (HOSTS_FILE), or removes it; needs root (sudo) unless --dry-run.`,
      options: {
        ip: { default: '127.0.0.1', description: "the cluster's address (minikube ip for Minikube)" },
        host: { default: HOST, description: 'the name to point at it' },
        'dry-run': { default: false, description: 'print the file it would write, and write nothing' },
      },
      env: { HOSTS_FILE: 'the hosts file (default /etc/hosts)' },
    });
    if (!/^[\d.:a-fA-F]+$/.test(o.ip)) throw new Error(`--ip ${o.ip} is not an IP address`);
    const current = readFileSync(file, 'utf8');
    const next =
      command === 'add'
        ? withHost(current, o.ip, o.host)
        : command === 'remove'
          ? withoutHost(current, o.host)
          : undefined;
    if (next === undefined)
      throw new Error('usage: tsx scripts/cluster/hosts.ts add | remove [--ip IP] [--host NAME] [--dry-run]');
    if (o['dry-run']) {
      console.log(`would write ${file}:\n${next}`);
    } else {
      try {
        writeFileSync(file, next);
      } catch {
        throw new Error(`cannot write ${file}: run it as root (sudo npm run hosts:${command})`);
      }
      console.log(command === 'add' ? `${file}: ${o.ip} ${o.host}` : `${file}: ${o.host} removed`);
    }
  } catch (error) {
    console.error(`hosts:${command ?? ''}: ${(error as Error).message}`);
    process.exit(1);
  }
}
