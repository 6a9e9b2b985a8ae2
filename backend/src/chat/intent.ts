import type { Priority } from '../domain/tasks.js';
import { findDate, findPeriod, type Period } from './dates.js';

/**
 * How the user pointed at a task: by its place in the last list, by "it", by words of its title,
 * or (guess.ts) as the task, or the tasks, that the message's words name.
 */
export type TaskRef =
  | { kind: 'index'; index: number }
  | { kind: 'last' }
  | { kind: 'focus' }
  | { kind: 'words'; text: string }
  | { kind: 'id'; id: string }
  | { kind: 'ids'; ids: string[] };

export type TaskChanges = { title?: string; priority?: Priority; dueDate?: string | null; description?: string };

export type Scope = 'all' | 'pending' | 'completed';

export type Intent =
  | { kind: 'greet' | 'help' | 'thanks' | 'unknown' | 'undo' }
  | { kind: 'add'; title: string; priority?: Priority; dueDate?: string; tags?: string[]; description?: string }
  | { kind: 'list'; status: Scope; priority?: Priority; q?: string; period?: Period }
  | { kind: 'bulk'; op: 'delete' | 'complete' | 'reopen'; scope: Scope }
  | { kind: 'answer'; yes: boolean }
  | { kind: 'complete'; ref: TaskRef; completed: boolean }
  | { kind: 'delete'; ref: TaskRef }
  | { kind: 'update'; ref: TaskRef; changes: TaskChanges }
  | { kind: 'update-unclear'; ref: TaskRef; value: string }
  | { kind: 'select'; ref: TaskRef };

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const CARDINALS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const POLITE_PREFIX =
  /^(?:(?:hey|hi|hello|ok|okay|so|um|alright|please|pls|kindly|now|also|and|then|actually|oops|whoops|sorry)[,!]?\s+)*(?:(?:can|could|would|will)\s+you(?:\s+please)?\s+|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+|i\s+want\s+(?:you\s+)?to\s+|help\s+me\s+|let's\s+|please\s+)?/i;
const POLITE_SUFFIX = /(?:[,\s]+(?:please|pls|thanks|thank you|for me|now))+$/i;

export function clean(message: string): string {
  return message
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!?]+$/, '')
    .replace(POLITE_PREFIX, '')
    .replace(POLITE_SUFFIX, '')
    .trim();
}

const stripQuotes = (text: string) => text.replace(/^["'“‘](.*)["'”’]$/, '$1').trim();
const capitalize = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

export function parsePriority(text: string): { priority: Priority; match: string } | undefined {
  const m =
    /\b(?:(?:with|as|at|a|an|of)\s+)?(?:(high|medium|low|normal|top)[- ]priority|priority\s+(?:is\s+|of\s+)?(high|medium|low|normal))\b/i.exec(
      text,
    ) ?? /\b(urgent(?:ly)?|asap|important)\b/i.exec(text);
  if (!m) return undefined;
  const word = (m[1] ?? m[2] ?? 'high').toLowerCase();
  const priority: Priority = word === 'low' ? 'low' : word === 'medium' || word === 'normal' ? 'medium' : 'high';
  return { priority, match: m[0] };
}

function priorityWord(text: string): Priority | undefined {
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

function parseAdd(rest: string, now: Date): Intent {
  let text = ` ${rest} `;
  const removed = (match: string) => {
    text = text.replace(match, ' ');
  };
  const result: Extract<Intent, { kind: 'add' }> = { kind: 'add', title: '' };

  const described = /\s(?:with\s+(?:the\s+)?(?:description|note|notes|details?)|description:|notes?:)\s+(.+)$/i.exec(
    text,
  );
  if (described) {
    result.description = stripQuotes(described[1]!.trim());
    removed(described[0]);
  }
  const tags = [...text.matchAll(/(?:^|\s)#([\w-]+)/g)].map((m) => m[1]!.toLowerCase());
  const taggedPhrase = /\s(?:tagged|with\s+tags?|tags?:)\s+([\w-]+(?:\s*(?:,|and)\s*[\w-]+)*)/i.exec(text);
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
  result.title = capitalize(
    stripQuotes(
      text
        .replace(/\s+(?:to|on|in|onto)\s+(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?(?:list|tasks)\b/i, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        // What is left of "add an urgent task to ..." once "urgent" is taken out.
        .replace(
          /^(?:(?:a|an|another|the)\s+)?(?:new\s+)?(?:task|todo|to-do|item|reminder)\s+(?:to|for|called|named|titled)\s+/i,
          '',
        )
        .replace(/^(?:to|that|:|-)\s+/i, '')
        .replace(/(?:[\s,:;-]+(?:and|with|that's|which is|it's|it is))*[\s,:;-]*$/i, ''),
    ),
  );
  return result;
}

const PENDING_WORDS = /\b(?:pending|open|remaining|left|incomplete|unfinished|outstanding|not done|to do|todo|still)\b/;
// Narrower than PENDING_WORDS: in "delete my whole todo list", "todo" names the list, not a status.
const BULK_PENDING_WORDS = /\b(?:not done|pending|open|remaining|incomplete|unfinished|outstanding)\b/;
const DONE_WORDS = /\b(?:completed?|done|finished|closed|ticked off|checked off)\b/;

function parseList(text: string, now: Date): Intent {
  const lower = text.toLowerCase();
  const period = findPeriod(lower, now);
  // "What is due this week?" asks what is still to do.
  let status: Scope = period ? 'pending' : 'all';
  if (PENDING_WORDS.test(lower)) status = 'pending';
  else if (DONE_WORDS.test(lower)) status = 'completed';
  const intent: Extract<Intent, { kind: 'list' }> = { kind: 'list', status, ...(period && { period }) };
  const priority = parsePriority(text);
  if (priority) intent.priority = priority.priority;
  const about = /\b(?:about|containing|mentioning|matching|related to|with the words?|that mention)\s+(.+)$/i.exec(
    text,
  );
  if (about) intent.q = stripQuotes(about[1]!.trim());
  return intent;
}

function parseUpdate(refText: string, field: string | undefined, value: string, now: Date): Intent {
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

/**
 * "all my tasks", "everything done", "my whole list", "all the finished ones": words that name a
 * set of tasks by status and nothing else. Any other word ("all the milk tasks") and it is not a
 * bulk request, so a bulk change never reaches more than the user said.
 */
function bulkScope(target: string): Scope | undefined {
  const lower = target.toLowerCase();
  const names =
    /\b(?:all|everything|every\s+(?:single\s+)?(?:task|todo|one|thing)|(?:whole|entire)\s+(?:todo\s+|to-do\s+|task\s+)?list)\b/.test(
      lower,
    ) || /^(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?list$/.test(lower);
  const rest = lower
    .replace(
      /\b(?:all|everything|every|single|of|the|my|whole|entire|list|todo|to-do|tasks?|todos?|items?|ones?|things?|stuff|that|which|are|is|i've|i\s+have|already|now|at\s+once)\b/g,
      ' ',
    )
    .replace(PENDING_WORDS, ' ')
    .replace(DONE_WORDS, ' ')
    .replace(/[\s,.'’-]+/g, '');
  if (!names || rest !== '') return undefined;
  if (BULK_PENDING_WORDS.test(lower)) return 'pending';
  return DONE_WORDS.test(lower) ? 'completed' : 'all';
}

const BULK: { op: Extract<Intent, { kind: 'bulk' }>['op']; patterns: RegExp[] }[] = [
  {
    op: 'delete',
    patterns: [
      /^(?:delete|remove|erase|clear(?:\s+out)?|wipe(?:\s+out)?|drop|trash|purge|empty|get\s+rid\s+of|nuke|bin|scrap|discard)\s+(.+)$/i,
    ],
  },
  {
    op: 'reopen',
    patterns: [
      /^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:not\s+done|undone|incomplete|not\s+complete(?:d)?|unfinished|open|pending)$/i,
      /^(?:reopen|re-open|uncheck|unmark)\s+(.+)$/i,
    ],
  },
  {
    op: 'complete',
    patterns: [
      /^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:done|complete(?:d)?|finished)$/i,
      /^(?:complete|finish|check\s+off|tick\s+off|cross\s+off|close)\s+(.+)$/i,
      /^(.+?)\s+(?:is|are)\s+(?:all\s+)?(?:done|finished|complete(?:d)?)$/i,
    ],
  },
];

function parseBulk(text: string): Intent | undefined {
  for (const { op, patterns } of BULK) {
    for (const pattern of patterns) {
      const target = pattern.exec(text)?.[1];
      const scope = target === undefined ? undefined : bulkScope(target);
      if (!scope) continue;
      // Completing touches the open tasks and reopening the done ones, whatever words said so.
      return { kind: 'bulk', op, scope: op === 'complete' ? 'pending' : op === 'reopen' ? 'completed' : scope };
    }
  }
  return undefined;
}

const YES =
  /^(?:y|yes|yep|yeah|yup|sure|ok|okay|confirm(?:ed)?|go ahead|do it|please do|yes please|yes,? do it|yes,? delete (?:them|it|all)|absolutely|of course|correct)$/i;
const NO = /^(?:n|no|nope|nah|cancel|stop|don't|do not|no thanks|keep them|keep it|never ?mind|forget it|abort)$/i;
const UNDO =
  /^(?:undo|revert|reverse)(?:\s+(?:that|it|this|the\s+last\s+(?:one|change|action|step)|my\s+last\s+(?:change|action)|the\s+(?:delete|deletion|change)))?$|^(?:take\s+(?:that|it)\s+back|bring\s+(?:it|them)\s+back|put\s+(?:it|them)\s+back|restore\s+(?:it|them))$/i;

type Rule = (text: string, now: Date) => Intent | undefined;

const RULES: Rule[] = [
  (t) => (/^(?:hi|hello|hey|good (?:morning|afternoon|evening)|yo|howdy)$/i.test(t) ? { kind: 'greet' } : undefined),
  (t) =>
    /^(?:thanks|thank you|thx|cheers|great|perfect|awesome|nice|cool)(?:\s.*)?$/i.test(t)
      ? { kind: 'thanks' }
      : undefined,
  (t) =>
    /^(?:help|what can you do|how does this work|what do you do|commands|\?)$/i.test(t) ? { kind: 'help' } : undefined,
  (t) => (UNDO.test(t) ? { kind: 'undo' } : undefined),
  (t) => (YES.test(t) ? { kind: 'answer', yes: true } : NO.test(t) ? { kind: 'answer', yes: false } : undefined),

  // Adding comes first: "remind me to delete old emails" is an add, not a delete.
  (t, now) => {
    const m =
      /^(?:add|create|new|insert|put|note(?:\s+down)?|jot\s+down|write\s+down|schedule|make)(?:\s+(?:a|an|another|one\s+more|the))?(?:\s+new)?\s+(?:task|todo|to-do|item|reminder|entry)(?:\s+(?:to|for|called|named|titled|that\s+says|saying))?\s*:?\s+(.+)$/i.exec(
        t,
      ) ??
      /^(?:add|create|insert|put|note(?:\s+down)?|jot\s+down|write\s+down)\s*:?\s+(.+)$/i.exec(t) ??
      /^(?:remind\s+me\s+to|remember\s+to|i\s+need\s+to|i\s+have\s+to|i\s+must|i\s+should|i've\s+got\s+to|i\s+gotta|don't\s+let\s+me\s+forget\s+to|don't\s+forget\s+to|todo:|to-do:|new\s+task:|task:)\s*(.+)$/i.exec(
        t,
      );
    return m ? parseAdd(m[1]!, now) : undefined;
  },

  (t) => parseBulk(t),

  (t, now) =>
    /^(?:show|list|display|view|see|get(?!\s+rid)|give|tell|read)(?:\s+me)?\b/i.test(t) ||
    /^(?:what(?:'s|\s+is|\s+are|\s+do)?|which|do\s+i\s+have|anything|how\s+many)\b.*\b(?:tasks?|todos?|to-dos?|list|plate|left|pending|due|to\s+do|have)\b/i.test(
      t,
    ) ||
    /^(?:my\s+)?(?:tasks|todos|to-dos|todo\s+list|list)$/i.test(t)
      ? parseList(t, now)
      : undefined,

  (t) => {
    const m =
      /^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:not\s+done|undone|incomplete|not\s+complete(?:d)?|unfinished|open|pending|to\s*do)$/i.exec(
        t,
      ) ?? /^(?:reopen|re-open|uncomplete|unmark|uncheck|undo)\s+(.+)$/i.exec(t);
    return m ? { kind: 'complete', ref: parseRef(m[1]!), completed: false } : undefined;
  },
  (t) => {
    const m =
      /^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:done|complete(?:d)?|finished)$/i.exec(t) ??
      /^(?:complete|finish|check\s+off|tick\s+off|cross\s+off|close|i(?:'ve|\s+have)?\s+(?:done|finished|completed))\s+(.+)$/i.exec(
        t,
      ) ??
      /^(?:done\s+with|finished\s+with|i'm\s+done\s+with|i\s+am\s+done\s+with)\s+(.+)$/i.exec(t) ??
      /^(.+?)\s+is\s+(?:done|finished|complete(?:d)?)$/i.exec(t);
    return m ? { kind: 'complete', ref: parseRef(m[1]!), completed: true } : undefined;
  },

  (t) => {
    const m =
      /^(?:remove|clear|drop|delete|unset)\s+(?:the\s+)?(?:due\s+date|deadline|date)\s+(?:of|from|on|for)\s+(.+)$/i.exec(
        t,
      );
    return m ? { kind: 'update', ref: parseRef(m[1]!), changes: { dueDate: null } } : undefined;
  },
  (t) => {
    const m =
      /^(?:delete|remove|erase|drop|cancel|get\s+rid\s+of|trash|discard|scrap|forget(?:\s+about)?)\s+(.+?)(?:\s+from\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?(?:list|tasks))?$/i.exec(
        t,
      );
    return m ? { kind: 'delete', ref: parseRef(m[1]!) } : undefined;
  },

  (t, now) => {
    const rename = /^(?:rename|retitle)\s+(.+?)\s+(?:to|as)\s+(.+)$/i.exec(t);
    if (rename) return parseUpdate(rename[1]!, 'title', rename[2]!, now);
    const fieldOf =
      /^(?:change|update|edit|set|modify)\s+(?:the\s+)?(title|name|priority|due\s+date|deadline|date|description|notes?)\s+(?:of|for|on)\s+(.+?)\s+to\s+(.+)$/i.exec(
        t,
      );
    if (fieldOf) return parseUpdate(fieldOf[2]!, fieldOf[1]!, fieldOf[3]!, now);
    const possessive =
      /^(?:change|update|edit|set|modify)\s+(.+?)(?:'s|s')?\s+(title|name|priority|due\s+date|deadline|date|description|notes?)\s+to\s+(.+)$/i.exec(
        t,
      );
    if (possessive) return parseUpdate(possessive[1]!, possessive[2]!, possessive[3]!, now);
    const priority =
      /^(?:make|set|mark|flag)\s+(.+?)\s+(?:as\s+)?(?:an?\s+)?(high|medium|low|urgent|important|normal|top)(?:\s+priority)?$/i.exec(
        t,
      );
    if (priority) return parseUpdate(priority[1]!, 'priority', priority[2]!, now);
    const move =
      /^(?:move|reschedule|postpone|push(?:\s+back)?|defer|delay|set)\s+(.+?)\s+(?:to|until|till|for)\s+(.+)$/i.exec(t);
    if (move) return parseUpdate(move[1]!, 'due date', move[2]!, now);
    const general = /^(?:change|update|edit|modify)\s+(.+?)\s+to\s+(.+)$/i.exec(t);
    if (general) return parseUpdate(general[1]!, undefined, general[2]!, now);
    return undefined;
  },

  (t) => {
    const ref = parseRef(t);
    return ref.kind === 'index' || ref.kind === 'last' ? { kind: 'select', ref } : undefined;
  },
];

/** Turns one chat message into what the user wants; `unknown` when no rule fits. */
export function parseIntent(message: string, now: Date): Intent {
  const text = clean(message);
  for (const rule of RULES) {
    const intent = rule(text, now);
    if (intent) return intent;
  }
  return { kind: 'unknown' };
}
