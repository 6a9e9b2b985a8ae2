/** Processes as /proc lists them: what a test needs to prove nothing it started is left running. */
import { readdirSync, readFileSync } from 'node:fs';

export type Proc = { pid: number; parent: number; command: string };

export function processes(): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.push({ pid: Number(name), parent, command });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** `root` and every process below it. */
export function tree(root: number): Proc[] {
  const all = processes();
  const inside = new Set([root]);
  let size = 0;
  while (inside.size !== size) {
    size = inside.size;
    for (const proc of all) if (inside.has(proc.parent)) inside.add(proc.pid);
  }
  return all.filter((proc) => inside.has(proc.pid));
}

/** Which of `procs` still run (a zombie has finished: its cmdline is empty). */
export const stillRunning = (procs: Proc[]): Proc[] => {
  const now = new Map(processes().map((proc) => [proc.pid, proc]));
  return procs.filter((proc) => now.get(proc.pid)?.command === proc.command);
};
