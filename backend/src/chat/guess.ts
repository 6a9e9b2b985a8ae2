/**
 * What a message that no rule of parse-intent.ts fits most likely means, from two things: which of the
 * user's tasks its words name (matching.ts), and which of the five actions its other words say,
 * from lists of synonyms rather than of sentences. "bin the gym thing", "I called mom" and "the
 * report can wait till friday" all come out right without a rule of their own.
 */
import type { Priority } from '../domain/tasks.js';
import { findDate } from './dates.js';
import type { Intent, TaskChanges, TaskRef } from './intent.js';
import { bestMatches, contentStems, sameWord, stem, tokens } from './matching.js';
import { clean } from './wording.js';

type Named = { id: string; title: string };

const stems = (words: string) => words.split(' ').map(stem);
const DELETE = stems(
  'delete remove ditch bin scrap scratch toss nuke drop axe cancel kill chuck trash junk discard forget erase dump',
);
const DONE = stems('done did finished completed complete sorted handled wrapped knocked ticked nailed crossed checked');
const NEGATION = /\b(?:not|never|still|yet|undo|reopen)\b|n['’]t\b/i;
const HIGH = stems('urgent important asap critical priority top');
const LOW = ['low', 'minor'];

const phrase = (text: string, ...phrases: string[]) => phrases.some((p) => new RegExp(`\\b${p}\\b`, 'i').test(text));
const has = (words: string[], list: string[]) => words.some((w) => list.some((l) => sameWord(w, l)));

/** A word said in the past tense ("called", "bought") of the title's verb. */
const saidInPast = (words: string[], verb: string | undefined) =>
  verb !== undefined && words.some((w) => (w.endsWith('ed') || stem(w) !== w) && sameWord(stem(w), verb));

type Action = { kind: 'delete' } | { kind: 'complete'; completed: boolean } | { kind: 'update'; changes: TaskChanges };

function action(text: string, words: string[], task: Named, now: Date): Action | undefined {
  const stemmed = words.map(stem);
  const negated = NEGATION.test(text);
  // Deleting is the one action that loses data: only when told to, first word, and never negated.
  // A title's first word is its verb: "Call mom", "Pay the bill".
  const verb = contentStems(task.title.split(' ')[0] ?? '')[0];
  const unwanted = phrase(text, 'no longer need(?:ed)?', "(?:do not|don['’]t) need", 'not needed', 'never ?mind');
  const told = has(tokens(clean(text)).slice(0, 1).map(stem), DELETE) && !negated;
  if (unwanted || told) return { kind: 'delete' };
  const completion =
    has(stemmed, DONE) || phrase(text, 'took care', 'taken care', 'dealt with') || saidInPast(words, verb);
  const stillToDo = negated && (completion || (verb !== undefined && stemmed.some((w) => sameWord(w, verb))));
  if (stillToDo) return { kind: 'complete', completed: false };
  if (completion) return { kind: 'complete', completed: true };
  const date = findDate(text, now);
  const priority: Priority | undefined = words.some((w) => LOW.includes(w))
    ? 'low'
    : has(stemmed, HIGH)
      ? 'high'
      : !date && phrase(text, 'can wait')
        ? 'low'
        : undefined;
  if (priority) return { kind: 'update', changes: { priority } };
  if (date) return { kind: 'update', changes: { dueDate: date.date } };
  return undefined;
}

/**
 * The intent of a message that names one of `tasks`, or undefined when it names none. With no
 * action word, it picks the task and asks what to do; with several tasks named alike, it asks which.
 */
export function guessIntent(message: string, tasks: Named[], now: Date): Intent | undefined {
  const words = tokens(message);
  const { matches } = bestMatches(tasks, words.map(stem));
  if (matches.length === 0) return undefined;
  // Several tasks named alike: the action still decides, and resolve() asks which of them.
  const ref: TaskRef =
    matches.length === 1 ? { kind: 'id', id: matches[0]!.id } : { kind: 'ids', ids: matches.map((t) => t.id) };
  const what = action(message, words, matches[0]!, now);
  if (!what) return { kind: 'select', ref };
  return { ...what, ref };
}
