/**
 * Facts about each pinned action at its pinned commit, and about the actions those call: how it
 * runs, its inputs (required, default, deprecated), its output names, and the `uses:` a composite
 * one calls. No code and no prose. They are kept in a committed lock (actions.lock.json), the way
 * a lockfile is kept, so a clone needs nothing outside the repository; `npm run gen:bindings`
 * refreshes the lock from a metadata file (ACTION_METADATA, default ../shared/action-metadata.json)
 * where there is one, and otherwise reads each action.yml on GitHub only for a commit the lock lacks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { PINS } from '../pins.js';

export const LOCK_FILE = 'workflows-src/lib/bindings/actions.lock.json';

export type InputFacts = { required: boolean; default?: string | boolean | number; deprecated?: true };
export type ActionFacts = {
  /** owner/repo, or owner/repo/path for an action in a subfolder. */
  repo: string;
  tag: string;
  sha: string;
  /** "pinned", or "called by owner/repo@tag". */
  why: string;
  using: string;
  inputs: Record<string, InputFacts>;
  outputs: string[];
  /** `owner/repo[/path]@sha` of each action a composite one calls. */
  calls: string[];
};
export type Lock = { note: string; actions: ActionFacts[] };

/** A source of facts: the facts of `repo@sha`, or undefined where it has none. */
export type FactSource = {
  name: string;
  facts(repo: string, sha: string, tag: string | undefined): Promise<ActionFacts | undefined>;
};

export const metadataFile = () => process.env.ACTION_METADATA ?? '../shared/action-metadata.json';

const ref = (facts: { repo: string; sha: string }) => `${facts.repo}@${facts.sha}`;

export function readLock(file = LOCK_FILE): Lock {
  return JSON.parse(readFileSync(file, 'utf8')) as Lock;
}

/** The facts a lock (or the shared metadata, which has the same form) holds. */
export function lockSource(name: string, lock: Lock): FactSource {
  return {
    name,
    facts: async (repo, sha) => lock.actions.find((a) => a.repo === repo && a.sha === sha),
  };
}

export function metadataSource(): FactSource | undefined {
  const file = metadataFile();
  return existsSync(file) ? lockSource(file, readLock(file)) : undefined;
}

type ActionYml = {
  inputs?: Record<
    string,
    { required?: boolean | string; default?: string | boolean | number; deprecationMessage?: string } | null
  >;
  outputs?: Record<string, unknown>;
  runs?: { using?: string; steps?: { uses?: string }[] };
};

/** An action.yml's text reduced to its facts; the tag of a call comes from its `# vX.Y.Z` comment. */
export function factsOfActionYml(
  text: string,
  at: { repo: string; sha: string; tag: string; why: string },
): ActionFacts {
  const yml = load(text) as ActionYml;
  const inputs: Record<string, InputFacts> = {};
  for (const [name, input] of Object.entries(yml.inputs ?? {})) {
    inputs[name] = {
      required: input?.required === true || input?.required === 'true',
      ...(input?.default !== undefined && { default: input.default }),
      ...(input?.deprecationMessage !== undefined && { deprecated: true as const }),
    };
  }
  const calls = (yml.runs?.steps ?? [])
    .map((step) => step.uses)
    .filter((uses): uses is string => Boolean(uses) && !uses!.startsWith('./') && !uses!.startsWith('docker://'));
  return {
    ...at,
    using: yml.runs?.using ?? 'unknown',
    inputs,
    outputs: Object.keys(yml.outputs ?? {}).sort(),
    calls,
  };
}

/** The tag written after a `uses:` in an action.yml's text (`uses: o/r@sha # v1.2.3`). */
export function tagOfCall(text: string, call: string): string | undefined {
  const line = text.split('\n').find((l) => l.includes(call));
  return line && /#\s*(v[\w.-]+)/.exec(line)?.[1];
}

/** Each action.yml from GitHub at its commit: for a machine that reaches GitHub and has no metadata file. */
export function gitHubSource(): FactSource {
  // The tag of a called action is the comment after its `uses:` in the caller's action.yml.
  const tagsOfCalls = new Map<string, string>();
  // After one request that gets no answer at all, GitHub counts as out of reach.
  let reachable = true;
  return {
    name: 'GitHub',
    async facts(repo, sha, tag) {
      const [owner, project, ...subpath] = repo.split('/');
      for (const file of ['action.yml', 'action.yaml']) {
        if (!reachable) return undefined;
        const url = `https://raw.githubusercontent.com/${owner}/${project}/${sha}/${[...subpath, file].join('/')}`;
        const response = await fetch(url, { signal: AbortSignal.timeout(15_000) }).catch(() => {
          reachable = false;
        });
        if (!response?.ok) continue;
        const text = await response.text();
        const at = { repo, sha, tag: tag ?? tagsOfCalls.get(`${repo}@${sha}`) ?? sha, why: '' };
        const facts = factsOfActionYml(text, at);
        for (const call of facts.calls) {
          const callTag = tagOfCall(text, call);
          if (callTag) tagsOfCalls.set(call, callTag);
        }
        return facts;
      }
      return undefined;
    },
  };
}

const splitRef = (uses: string) => {
  const at = uses.lastIndexOf('@');
  return { repo: uses.slice(0, at), sha: uses.slice(at + 1) };
};

/**
 * The lock: every pin, then every action those call, transitively, from the first source that
 * has each. Throws, naming the action, where no source has it.
 */
export async function collectLock(sources: FactSource[]): Promise<{ lock: Lock; used: Set<string> }> {
  const used = new Set<string>();
  const found = new Map<string, ActionFacts>();
  const queue: { repo: string; sha: string; tag?: string; why: string }[] = Object.values(PINS).map((pin) => ({
    repo: pin.repo,
    sha: pin.sha,
    tag: pin.tag,
    why: 'pinned',
  }));
  while (queue.length) {
    const next = queue.shift()!;
    if (found.has(ref(next))) continue;
    let facts: ActionFacts | undefined;
    for (const source of sources) {
      facts = await source.facts(next.repo, next.sha, next.tag);
      if (facts) {
        used.add(source.name);
        break;
      }
    }
    if (!facts)
      throw new Error(
        `no facts for ${ref(next)} (${next.why}): not in ${sources.map((s) => s.name).join(', ')}; run npm run gen:bindings where GitHub answers`,
      );
    const entry: ActionFacts = { ...facts, why: next.why, tag: next.tag ?? facts.tag };
    found.set(ref(next), entry);
    for (const call of entry.calls) queue.push({ ...splitRef(call), why: `called by ${entry.repo}@${entry.tag}` });
  }
  const actions = [...found.values()].sort((a, b) => a.repo.localeCompare(b.repo) || a.tag.localeCompare(b.tag));
  return {
    lock: {
      note: 'Generated by npm run gen:bindings: facts about each pinned action at its commit and the actions it calls (inputs, defaults, outputs, calls). No code, no prose.',
      actions,
    },
    used,
  };
}

/** The locked facts of `owner/repo[/path]@sha`. */
export function factsOf(lock: Lock, uses: string): ActionFacts | undefined {
  const { repo, sha } = splitRef(uses);
  return lock.actions.find((a) => a.repo === repo && a.sha === sha);
}
