/**
 * The parts of a request, once parse-intent.ts knows what is asked: which task it points at, a
 * priority, a new task's details, a list's filters, the field an update changes, the tasks a bulk
 * request covers.
 */
import type { Priority } from '../domain/tasks.js';
import { findDate, findPeriod } from './dates.js';
import type { Intent, Scope, TaskRef } from './intent.js';
import { capitalize, oneOf, pattern, stripQuotes, words } from './wording.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const CARDINALS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const PRIORITY_PHRASE = pattern(
  String.raw`\b(?:(?:with|as|at|a|an|of)\s+)?`,
  oneOf(
    String.raw`(high|medium|low|normal|top)[- ]priority`,
    String.raw`priority\s+(?:is\s+|of\s+)?(high|medium|low|normal)`,
  ),
  String.raw`\b`,
);
const PRIORITY_WORD = /\b(urgent(?:ly)?|asap|important)\b/i;

export function parsePriority(text: string): { priority: Priority; match: string } | undefined {
  const m = PRIORITY_PHRASE.exec(text) ?? PRIORITY_WORD.exec(text);
  if (!m) return undefined;
  const word = (m[1] ?? m[2] ?? 'high').toLowerCase();
  const priority: Priority = word === 'low' ? 'low' : word === 'medium' || word === 'normal' ? 'medium' : 'high';
  return { priority, match: m[0] };
}

export function priorityWord(text: string): Priority | undefined {
  const word = text
    .toLowerCase()
    .replace(/\s*priority$/, '')
    .trim();
  if (['high', 'top', 'urgent', 'important'].includes(word)) return 'high';
  if (['medium', 'normal'].includes(word)) return 'medium';
  if (word === 'low') return 'low';
  return undefined;
}

/** Reads "2", "#2", "number two", "the second one", "the last one", "it", or words of a title. */
export function parseRef(text: string): TaskRef {
  const t = stripQuotes(text.trim())
    .replace(/^(?:the|my|that|this)\s+/i, (word) => (/^(that|this)\s+$/i.test(word) ? word : ''))
    .replace(/\s+(?:task|todo|to-do|item|one)$/i, '')
    .trim();
  const lower = t.toLowerCase();
  if (/^(?:it|that|this|that one|this one|that task|this task)$/.test(lower)) return { kind: 'focus' };
  if (/^last$/.test(lower)) return { kind: 'last' };
  const numbered = /^(?:(?:task|item|number|no\.?)\s*)?#?\s*(\d{1,3})(?:st|nd|rd|th)?$/.exec(lower);
  if (numbered) return { kind: 'index', index: Number(numbered[1]) };
  const word = /^(?:(?:task|item|number)\s+)?(\w+)$/.exec(lower)?.[1];
  if (word && ORDINALS.includes(word)) return { kind: 'index', index: ORDINALS.indexOf(word) + 1 };
  if (word && /^(?:task|item|number)\s/.test(lower) && CARDINALS.includes(word)) {
    return { kind: 'index', index: CARDINALS.indexOf(word) + 1 };
  }
  return {
    kind: 'words',
    text: t.replace(/^(?:task|todo|item)\s+(?:called\s+|named\s+)?/i, '').replace(/^(?:called|named)\s+/i, ''),
  };
}

const DESCRIBED = pattern(
  String.raw`\s`,
  oneOf(String.raw`with\s+(?:the\s+)?(?:description|note|notes|details?)`, 'description:', 'notes?:'),
  String.raw`\s+(.+)$`,
);
const TAGGED = pattern(
  String.raw`\s`,
  oneOf('tagged', String.raw`with\s+tags?`, 'tags?:'),
  String.raw`\s+([\w-]+(?:\s*(?:,|and)\s*[\w-]+)*)`,
);
const ON_THE_LIST = pattern(
  String.raw`\s+(?:to|on|in|onto)\s+(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?(?:list|tasks)\b`,
);
// What is left of "add an urgent task to ..." once "urgent" is taken out.
const TASK_CALLED = pattern(
  String.raw`^(?:(?:a|an|another|the)\s+)?(?:new\s+)?`,
  oneOf('task', 'todo', 'to-do', 'item', 'reminder'),
  String.raw`\s+`,
  oneOf('to', 'for', 'called', 'named', 'titled'),
  String.raw`\s+`,
);
const TRAILING_JOINER = pattern(
  String.raw`(?:[\s,:;-]+`,
  oneOf('and', 'with', "that's", 'which is', "it's", 'it is'),
  String.raw`)*[\s,:;-]*$`,
);

/** A new task from the words after "add": its title, and the description, tags, priority and date they carry. */
export function parseAdd(rest: string, now: Date): Intent {
  let text = ` ${rest} `;
  const removed = (match: string) => {
    text = text.replace(match, ' ');
  };
  const result: Extract<Intent, { kind: 'add' }> = { kind: 'add', title: '' };

  const described = DESCRIBED.exec(text);
  if (described) {
    result.description = stripQuotes(described[1]!.trim());
    removed(described[0]);
  }
  const tags = [...text.matchAll(/(?:^|\s)#([\w-]+)/g)].map((m) => m[1]!.toLowerCase());
  const taggedPhrase = TAGGED.exec(text);
  if (taggedPhrase) {
    tags.push(
      ...taggedPhrase[1]!
        .split(/\s*(?:,|\band\b)\s*/)
        .filter(Boolean)
        .map((t) => t.toLowerCase()),
    );
    removed(taggedPhrase[0]);
  }
  text = text.replace(/(?:^|\s)#[\w-]+/g, ' ');
  if (tags.length > 0) result.tags = [...new Set(tags)];

  const priority = parsePriority(text);
  if (priority) {
    result.priority = priority.priority;
    removed(priority.match);
  }
  const date = findDate(text, now);
  if (date) {
    result.dueDate = date.date;
    removed(date.match);
  }
  const title = text.replace(ON_THE_LIST, ' ').replace(/\s+/g, ' ').trim().replace(TASK_CALLED, '');
  result.title = capitalize(stripQuotes(title.replace(/^(?:to|that|:|-)\s+/i, '').replace(TRAILING_JOINER, '')));
  return result;
}

export const PENDING_WORDS =
  /\b(?:pending|open|remaining|left|incomplete|unfinished|outstanding|not done|to do|todo|still)\b/;
// Narrower than PENDING_WORDS: in "delete my whole todo list", "todo" names the list, not a status.
const BULK_PENDING_WORDS = /\b(?:not done|pending|open|remaining|incomplete|unfinished|outstanding)\b/;
export const DONE_WORDS = /\b(?:completed?|done|finished|closed|ticked off|checked off)\b/;
const ABOUT = pattern(
  String.raw`\b`,
  oneOf('about', 'containing', 'mentioning', 'matching', 'related to', String.raw`with the words?`, 'that mention'),
  String.raw`\s+(.+)$`,
);

/** A list request's filters: status, period, priority, and the words the tasks must mention. */
export function parseList(text: string, now: Date): Intent {
  const lower = text.toLowerCase();
  const period = findPeriod(lower, now);
  // "What is due this week?" asks what is still to do.
  let status: Scope = period ? 'pending' : 'all';
  if (PENDING_WORDS.test(lower)) status = 'pending';
  else if (DONE_WORDS.test(lower)) status = 'completed';
  const intent: Extract<Intent, { kind: 'list' }> = { kind: 'list', status, ...(period && { period }) };
  const priority = parsePriority(text);
  if (priority) intent.priority = priority.priority;
  const about = ABOUT.exec(text);
  if (about) intent.q = stripQuotes(about[1]!.trim());
  return intent;
}

/** An update of the task that `refText` names: the field named, else the one its value fits (date, priority, title). */
export function parseUpdate(refText: string, field: string | undefined, value: string, now: Date): Intent {
  const ref = parseRef(refText);
  const v = stripQuotes(value.trim());
  const kind = field?.toLowerCase();
  if (kind === 'title' || kind === 'name') return { kind: 'update', ref, changes: { title: capitalize(v) } };
  if (kind?.startsWith('description') || kind?.startsWith('note'))
    return { kind: 'update', ref, changes: { description: v } };
  if (kind === 'priority') {
    const priority = priorityWord(v);
    return priority ? { kind: 'update', ref, changes: { priority } } : { kind: 'update-unclear', ref, value: v };
  }
  const date = findDate(v, now);
  const clearsDate = /^(?:no|none|nothing|never|no date|no due date)$/i.test(v);
  if (kind && /date|deadline|due/.test(kind)) {
    if (clearsDate) return { kind: 'update', ref, changes: { dueDate: null } };
    return date ? { kind: 'update', ref, changes: { dueDate: date.date } } : { kind: 'update-unclear', ref, value: v };
  }
  if (date && date.match.trim().length >= v.length - 3) return { kind: 'update', ref, changes: { dueDate: date.date } };
  const priority = priorityWord(v);
  if (priority) return { kind: 'update', ref, changes: { priority } };
  return { kind: 'update', ref, changes: { title: capitalize(v) } };
}

const WHOLE_LIST = pattern(
  String.raw`\b`,
  oneOf(
    'all',
    'everything',
    String.raw`every\s+(?:single\s+)?(?:task|todo|one|thing)`,
    String.raw`(?:whole|entire)\s+(?:todo\s+|to-do\s+|task\s+)?list`,
  ),
  String.raw`\b`,
);
const THE_LIST = /^(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?list$/i;
// The words a bulk request may use besides status words; any other word makes it a request about some tasks.
const FILLER = new RegExp(
  String.raw`\b` +
    oneOf(
      ...words('all|everything|every|single|of|the|my|whole|entire|list|todo|to-do|tasks?|todos?|items?|ones?'),
      ...words(String.raw`things?|stuff|that|which|are|is|i've|i\s+have|already|now|at\s+once`),
    ) +
    String.raw`\b`,
  'g',
);

/**
 * "all my tasks", "everything done", "my whole list", "all the finished ones": words that name a
 * set of tasks by status and nothing else. Any other word ("all the milk tasks") and it is not a
 * bulk request, so a bulk change never reaches more than the user said.
 */
export function bulkScope(target: string): Scope | undefined {
  const lower = target.toLowerCase();
  const names = WHOLE_LIST.test(lower) || THE_LIST.test(lower);
  const rest = lower
    .replace(FILLER, ' ')
    .replace(PENDING_WORDS, ' ')
    .replace(DONE_WORDS, ' ')
    .replace(/[\s,.'’-]+/g, '');
  if (!names || rest !== '') return undefined;
  if (BULK_PENDING_WORDS.test(lower)) return 'pending';
  return DONE_WORDS.test(lower) ? 'completed' : 'all';
}
