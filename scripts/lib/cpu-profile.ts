/** Reads a V8 CPU profile (node --cpu-prof) into the frames and packages that took the most time. */
import { readFile } from 'node:fs/promises';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type Share = { name: string; ms: number; share: number };

/** Where a script's time is charged: its npm package, Node itself, or the project's own code. */
export function ownerOf(url: string): string {
  if (url === '') return '(V8 and native)';
  if (url.startsWith('node:')) return 'node';
  const at = url.lastIndexOf('/node_modules/');
  if (at === -1) return 'project';
  const [scope = '', name = ''] = url.slice(at + '/node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

const frameName = ({ functionName, url, lineNumber }: ProfileNode['callFrame']) => {
  const file = url.slice(url.lastIndexOf('/node_modules/') + 1 || url.lastIndexOf('/') + 1);
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
};

/**
 * Self time per frame and per owner, over the samples taken while the process was busy: the idle
 * and program markers are left out, so each share is of the work done.
 */
export function summarise(profile: Profile, top = 15): { busyMs: number; frames: Share[]; owners: Share[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const frames = new Map<string, number>();
  const owners = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    if (['(idle)', '(program)', '(root)'].includes(callFrame.functionName)) continue;
    busyUs += us;
    const name = frameName(callFrame);
    frames.set(name, (frames.get(name) ?? 0) + us);
    const owner = callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : ownerOf(callFrame.url);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const ranked = (totals: Map<string, number>) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs }));
  return { busyMs: busyUs / 1000, frames: ranked(frames), owners: ranked(owners) };
}

export async function readProfile(path: string): Promise<Profile> {
  return JSON.parse(await readFile(path, 'utf8')) as Profile;
}
