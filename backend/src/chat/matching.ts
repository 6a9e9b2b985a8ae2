/**
 * Words of a message against words of task titles, by their stems: "leaky" finds "leaking",
 * "bought" finds "Buy", "called" finds "Call".
 */

// Words that say nothing about which task is meant.
const FILLER = new Set(
  (
    'the a an my our your this that these those it its one ones task tasks todo todos item thing things stuff ' +
    'called named about to for of on in at by off from with and or is are was were be been being am i me we you ' +
    'just already finally also please now then so can could will would should list'
  ).split(' '),
);

const IRREGULAR: Record<string, string> = {
  bought: 'buy',
  paid: 'pay',
  wrote: 'write',
  written: 'write',
  sent: 'send',
  made: 'make',
  took: 'take',
  taken: 'take',
  did: 'do',
  done: 'do',
  got: 'get',
  gotten: 'get',
  went: 'go',
  gone: 'go',
  met: 'meet',
  ran: 'run',
  fed: 'feed',
  sold: 'sell',
  told: 'tell',
  found: 'find',
  brought: 'bring',
  kept: 'keep',
  spent: 'spend',
  built: 'build',
  ate: 'eat',
  eaten: 'eat',
  gave: 'give',
  given: 'give',
  left: 'leave',
  drew: 'draw',
  drawn: 'draw',
  drove: 'drive',
  driven: 'drive',
  swept: 'sweep',
  hung: 'hang',
  threw: 'throw',
  thrown: 'throw',
  wore: 'wear',
  won: 'win',
  chose: 'choose',
  spoke: 'speak',
  rang: 'ring',
  sang: 'sing',
  sat: 'sit',
  stood: 'stand',
  laid: 'lay',
  dealt: 'deal',
  sought: 'seek',
  taught: 'teach',
  caught: 'catch',
  fought: 'fight',
  thought: 'think',
  read: 'read',
  cut: 'cut',
  put: 'put',
  set: 'set',
};

export const tokens = (text: string) =>
  text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The word without its inflection: "watering" → "water", "stopped" → "stop", "berries" → "berry". */
export function stem(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  let s = lower;
  if (s.length > 4 && /ies$|ied$/.test(s)) s = `${s.slice(0, -3)}y`;
  else if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length > 4 && /(?:ss|sh|ch|x)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss')) s = s.slice(0, -1);
  // "stopp" (stopped) → "stop"; "fill" and "buzz" keep theirs.
  if (/([b-df-hj-np-tv-z])\1$/.test(s) && !/(?:ll|ss|zz|ff)$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** Whether two stems are one word: equal, or one begins the other and they differ by two letters at most. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short) && long.length - short.length <= 2;
}

/** The stems of a text's words that could name a task. */
export const contentStems = (text: string) =>
  tokens(text)
    .filter((w) => !FILLER.has(w))
    .map(stem);

/** How many of a title's words the stems name. */
export function titleScore(title: string, stems: string[]): number {
  return contentStems(title).filter((t) => stems.some((s) => sameWord(s, t))).length;
}

/** The tasks the stems name best (every one of them tied), or none when no title word is named. */
export function bestMatches<T extends { title: string }>(tasks: T[], stems: string[]): { matches: T[]; score: number } {
  let best = 0;
  let matches: T[] = [];
  for (const task of tasks) {
    const score = titleScore(task.title, stems);
    if (score === 0 || score < best) continue;
    if (score > best) [best, matches] = [score, []];
    matches.push(task);
  }
  return { matches, score: best };
}
