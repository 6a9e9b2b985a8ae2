/**
 * What a chat message asks: the first rule of RULES that reads it. assistant.ts acts on the intent;
 * guess.ts takes the messages no rule reads. Order matters where one request's words contain
 * another's; the rules say where.
 */
import type { Intent, TaskRef } from './intent.js';
import { bulkScope, parseAdd, parseList, parseRef, parseUpdate } from './task-phrases.js';
import { clean, oneOf, pattern, words } from './wording.js';

/** A rule: what it recognises, and the intent it reads from a cleaned message (undefined: not its kind). */
type Rule = { name: string; read: (text: string, now: Date) => Intent | undefined };

const raw = String.raw;
const whole = (...alternatives: string[]) => pattern('^', oneOf(...alternatives), '$');
/** The match of the first pattern that matches `text`. */
const firstMatch = (text: string, patterns: RegExp[]) =>
  patterns.reduce<RegExpExecArray | null>((found, p) => found ?? p.exec(text), null);
/** A rule whose patterns capture the words that name the task it is about. */
const aboutTask =
  (patterns: RegExp[], intent: (ref: TaskRef) => Intent): Rule['read'] =>
  (text) => {
    const match = firstMatch(text, patterns);
    return match ? intent(parseRef(match[1]!)) : undefined;
  };

const GREETING = whole(...words('hi|hello|hey|good (?:morning|afternoon|evening)|yo|howdy'));
const THANKS = pattern(
  '^',
  oneOf(...words('thanks|thank you|thx|cheers|great|perfect|awesome|nice|cool')),
  raw`(?:\s.*)?$`,
);
const HELP = whole(...words(raw`help|what can you do|how does this work|what do you do|commands|\?`));
const UNDO = [
  pattern(
    '^',
    oneOf('undo', 'revert', 'reverse'),
    raw`(?:\s+`,
    oneOf(
      ...words('that|it|this'),
      raw`the\s+last\s+(?:one|change|action|step)`,
      raw`my\s+last\s+(?:change|action)`,
      raw`the\s+(?:delete|deletion|change)`,
    ),
    ')?$',
  ),
  whole(
    raw`take\s+(?:that|it)\s+back`,
    raw`bring\s+(?:it|them)\s+back`,
    raw`put\s+(?:it|them)\s+back`,
    raw`restore\s+(?:it|them)`,
  ),
];
const YES = whole(
  ...words('y|yes|yep|yeah|yup|sure|ok|okay|confirm(?:ed)?|go ahead|do it|please do|yes please|yes,? do it'),
  ...words('yes,? delete (?:them|it|all)|absolutely|of course|correct'),
);
const NO = whole(
  ...words("n|no|nope|nah|cancel|stop|don't|do not|no thanks|keep them|keep it|never ?mind|forget it|abort"),
);

const ADD = [
  pattern(
    '^',
    oneOf(...words(raw`add|create|new|insert|put|note(?:\s+down)?|jot\s+down|write\s+down|schedule|make`)),
    raw`(?:\s+(?:a|an|another|one\s+more|the))?(?:\s+new)?\s+(?:task|todo|to-do|item|reminder|entry)`,
    raw`(?:\s+(?:to|for|called|named|titled|that\s+says|saying))?\s*:?\s+(.+)$`,
  ),
  pattern(
    '^',
    oneOf(...words(raw`add|create|insert|put|note(?:\s+down)?|jot\s+down|write\s+down`)),
    raw`\s*:?\s+(.+)$`,
  ),
  pattern(
    '^',
    oneOf(
      ...words(raw`remind\s+me\s+to|remember\s+to|i\s+need\s+to|i\s+have\s+to|i\s+must|i\s+should|i've\s+got\s+to`),
      ...words(raw`i\s+gotta|don't\s+let\s+me\s+forget\s+to|don't\s+forget\s+to|todo:|to-do:|new\s+task:|task:`),
    ),
    raw`\s*(.+)$`,
  ),
];

const BULK: { op: Extract<Intent, { kind: 'bulk' }>['op']; patterns: RegExp[] }[] = [
  {
    op: 'delete',
    patterns: [
      pattern(
        '^',
        oneOf(
          ...words(raw`delete|remove|erase|clear(?:\s+out)?|wipe(?:\s+out)?|drop|trash|purge|empty|get\s+rid\s+of`),
          ...words('nuke|bin|scrap|discard'),
        ),
        raw`\s+(.+)$`,
      ),
    ],
  },
  {
    op: 'reopen',
    patterns: [
      pattern(
        raw`^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?`,
        oneOf(...words(raw`not\s+done|undone|incomplete|not\s+complete(?:d)?|unfinished|open|pending`)),
        '$',
      ),
      pattern('^', oneOf(...words('reopen|re-open|uncheck|unmark')), raw`\s+(.+)$`),
    ],
  },
  {
    op: 'complete',
    patterns: [
      pattern(raw`^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:done|complete(?:d)?|finished)$`),
      pattern('^', oneOf(...words(raw`complete|finish|check\s+off|tick\s+off|cross\s+off|close`)), raw`\s+(.+)$`),
      pattern(raw`^(.+?)\s+(?:is|are)\s+(?:all\s+)?(?:done|finished|complete(?:d)?)$`),
    ],
  },
];

/** "delete all my tasks", "mark everything done": a change to every task of a status at once. */
function parseBulk(text: string): Intent | undefined {
  for (const { op, patterns } of BULK) {
    for (const p of patterns) {
      const target = p.exec(text)?.[1];
      const scope = target === undefined ? undefined : bulkScope(target);
      if (!scope) continue;
      // Completing touches the open tasks and reopening the done ones, whatever words said so.
      return { kind: 'bulk', op, scope: op === 'complete' ? 'pending' : op === 'reopen' ? 'completed' : scope };
    }
  }
  return undefined;
}

const LIST = [
  pattern('^', oneOf(...words(raw`show|list|display|view|see|get(?!\s+rid)|give|tell|read`)), raw`(?:\s+me)?\b`),
  pattern(
    raw`^(?:what(?:'s|\s+is|\s+are|\s+do)?|which|do\s+i\s+have|anything|how\s+many)\b.*\b`,
    oneOf(...words(raw`tasks?|todos?|to-dos?|list|plate|left|pending|due|to\s+do|have`)),
    raw`\b`,
  ),
  pattern(raw`^(?:my\s+)?(?:tasks|todos|to-dos|todo\s+list|list)$`),
];

const REOPEN = [
  pattern(
    raw`^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?`,
    oneOf(...words(raw`not\s+done|undone|incomplete|not\s+complete(?:d)?|unfinished|open|pending|to\s*do`)),
    '$',
  ),
  pattern('^', oneOf(...words('reopen|re-open|uncomplete|unmark|uncheck|undo')), raw`\s+(.+)$`),
];
const COMPLETE = [
  pattern(raw`^(?:mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:done|complete(?:d)?|finished)$`),
  pattern(
    '^',
    oneOf(
      ...words(raw`complete|finish|check\s+off|tick\s+off|cross\s+off|close`),
      raw`i(?:'ve|\s+have)?\s+(?:done|finished|completed)`,
    ),
    raw`\s+(.+)$`,
  ),
  pattern('^', oneOf(...words(raw`done\s+with|finished\s+with|i'm\s+done\s+with|i\s+am\s+done\s+with`)), raw`\s+(.+)$`),
  pattern(raw`^(.+?)\s+is\s+(?:done|finished|complete(?:d)?)$`),
];
const CLEAR_DATE = [
  pattern(
    raw`^(?:remove|clear|drop|delete|unset)\s+(?:the\s+)?(?:due\s+date|deadline|date)\s+(?:of|from|on|for)\s+(.+)$`,
  ),
];
const DELETE = [
  pattern(
    '^',
    oneOf(...words(raw`delete|remove|erase|drop|cancel|get\s+rid\s+of|trash|discard|scrap|forget(?:\s+about)?`)),
    raw`\s+(.+?)(?:\s+from\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?(?:list|tasks))?$`,
  ),
];

const FIELD = raw`(title|name|priority|due\s+date|deadline|date|description|notes?)`;
/** The ways to change one task, each pattern with what its groups are: the task, the field, the value. */
const CHANGES: {
  pattern: RegExp;
  read: (m: RegExpExecArray) => [task: string, field: string | undefined, value: string];
}[] = [
  { pattern: pattern(raw`^(?:rename|retitle)\s+(.+?)\s+(?:to|as)\s+(.+)$`), read: (m) => [m[1]!, 'title', m[2]!] },
  {
    pattern: pattern(
      raw`^(?:change|update|edit|set|modify)\s+(?:the\s+)?`,
      FIELD,
      raw`\s+(?:of|for|on)\s+(.+?)\s+to\s+(.+)$`,
    ),
    read: (m) => [m[2]!, m[1]!, m[3]!],
  },
  {
    pattern: pattern(raw`^(?:change|update|edit|set|modify)\s+(.+?)(?:'s|s')?\s+`, FIELD, raw`\s+to\s+(.+)$`),
    read: (m) => [m[1]!, m[2]!, m[3]!],
  },
  {
    pattern: pattern(
      raw`^(?:make|set|mark|flag)\s+(.+?)\s+(?:as\s+)?(?:an?\s+)?`,
      raw`(high|medium|low|urgent|important|normal|top)(?:\s+priority)?$`,
    ),
    read: (m) => [m[1]!, 'priority', m[2]!],
  },
  {
    pattern: pattern(
      '^',
      oneOf(...words(raw`move|reschedule|postpone|push(?:\s+back)?|defer|delay|set`)),
      raw`\s+(.+?)\s+(?:to|until|till|for)\s+(.+)$`,
    ),
    read: (m) => [m[1]!, 'due date', m[2]!],
  },
  {
    pattern: pattern(raw`^(?:change|update|edit|modify)\s+(.+?)\s+to\s+(.+)$`),
    read: (m) => [m[1]!, undefined, m[2]!],
  },
];

const RULES: Rule[] = [
  { name: 'greeting', read: (t) => (GREETING.test(t) ? { kind: 'greet' } : undefined) },
  { name: 'thanks', read: (t) => (THANKS.test(t) ? { kind: 'thanks' } : undefined) },
  { name: 'help', read: (t) => (HELP.test(t) ? { kind: 'help' } : undefined) },
  { name: 'undo', read: (t) => (UNDO.some((p) => p.test(t)) ? { kind: 'undo' } : undefined) },
  {
    name: 'answer to a question',
    read: (t) =>
      YES.test(t) ? { kind: 'answer', yes: true } : NO.test(t) ? { kind: 'answer', yes: false } : undefined,
  },
  // Before the others: "remind me to delete old emails" adds a task, it deletes none.
  {
    name: 'add a task',
    read: (t, now) => {
      const match = firstMatch(t, ADD);
      return match ? parseAdd(match[1]!, now) : undefined;
    },
  },
  // Before one task's changes: "delete all my tasks" would otherwise delete a task called "all my tasks".
  { name: 'change every task of a status', read: parseBulk },
  { name: 'list tasks', read: (t, now) => (LIST.some((p) => p.test(t)) ? parseList(t, now) : undefined) },
  // Before completing: "mark it as not done" ends in "done".
  { name: 'reopen a task', read: aboutTask(REOPEN, (ref) => ({ kind: 'complete', ref, completed: false })) },
  { name: 'complete a task', read: aboutTask(COMPLETE, (ref) => ({ kind: 'complete', ref, completed: true })) },
  // Before deleting: "remove the due date of X" keeps X.
  {
    name: 'clear a due date',
    read: aboutTask(CLEAR_DATE, (ref) => ({ kind: 'update', ref, changes: { dueDate: null } })),
  },
  { name: 'delete a task', read: aboutTask(DELETE, (ref) => ({ kind: 'delete', ref })) },
  {
    name: 'change a task',
    read: (t, now) => {
      for (const change of CHANGES) {
        const match = change.pattern.exec(t);
        if (match) return parseUpdate(...change.read(match), now);
      }
      return undefined;
    },
  },
  // Last: a bare "2" or "the last one" picks a task of the last list.
  {
    name: 'pick a task of the last list',
    read: (t) => {
      const ref = parseRef(t);
      return ref.kind === 'index' || ref.kind === 'last' ? { kind: 'select', ref } : undefined;
    },
  },
];

/** Turns one chat message into what the user wants; `unknown` when no rule fits. */
export function parseIntent(message: string, now: Date): Intent {
  const text = clean(message);
  for (const rule of RULES) {
    const intent = rule.read(text, now);
    if (intent) return intent;
  }
  return { kind: 'unknown' };
}
