/** Dates as the assistant understands them: calendar days in UTC, written YYYY-MM-DD. */

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const startOfDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/**
 * Dates a task can hold: years 1 to 9999, as PostgreSQL and YYYY-MM-DD both can. An invalid Date
 * (an overflow) has a NaN year, so it is never in range.
 */
const inRange = (date: Date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;
const addDays = (date: Date, days: number) => {
  const result = new Date(date.getTime() + days * DAY_MS);
  return inRange(result) ? result : undefined;
};

function validDay(year: number, month: number, day: number): Date | undefined {
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  if (!inRange(date)) return undefined;
  return date.getUTCMonth() === month && date.getUTCDate() === day ? date : undefined;
}

export type DateMatch = { date: string; match: string };

type Rule = { pattern: RegExp; resolve: (m: RegExpExecArray, today: Date) => Date | undefined };

const LEAD = String.raw`(?:(?:due|by|on|for|until|till|before)\s+)?`;
const WEEKDAY = String.raw`(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?`;

const RULES: Rule[] = [
  { pattern: new RegExp(String.raw`\b${LEAD}(?:the\s+)?day after tomorrow\b`, 'i'), resolve: (_, t) => addDays(t, 2) },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(?:today|tonight|this (?:morning|afternoon|evening))\b`, 'i'),
    resolve: (_, t) => t,
  },
  { pattern: new RegExp(String.raw`\b${LEAD}tomorrow\b`, 'i'), resolve: (_, t) => addDays(t, 1) },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(\d{4})-(\d{2})-(\d{2})\b`, 'i'),
    resolve: (m) => validDay(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  },
  {
    pattern: new RegExp(
      String.raw`\bin\s+(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month)s?\b`,
      'i',
    ),
    resolve: (m, t) => {
      const count = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
      const unit = m[2]!.toLowerCase();
      if (unit === 'month')
        return validDay(t.getUTCFullYear(), t.getUTCMonth() + count, t.getUTCDate()) ?? addDays(t, 30 * count);
      return addDays(t, unit === 'week' ? 7 * count : count);
    },
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(?:the\s+)?end of (?:the|this)\s+week\b`, 'i'),
    resolve: (_, t) => addDays(t, (5 - t.getUTCDay() + 7) % 7),
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(?:the\s+)?end of (?:the|this)\s+month\b`, 'i'),
    resolve: (_, t) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)),
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(?:this\s+)?weekend\b`, 'i'),
    resolve: (_, t) => addDays(t, t.getUTCDay() === 6 ? 0 : 6 - t.getUTCDay()),
  },
  // "next week" means the Monday that starts it.
  {
    pattern: new RegExp(String.raw`\b${LEAD}next\s+week\b`, 'i'),
    resolve: (_, t) => addDays(t, (8 - t.getUTCDay()) % 7 || 7),
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}next\s+month\b`, 'i'),
    resolve: (_, t) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1)),
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(?:(next|this|coming)\s+)?${WEEKDAY}\b`, 'i'),
    resolve: (m, t) => {
      const target = WEEKDAYS.findIndex((d) => d.startsWith(m[2]!.toLowerCase().slice(0, 3)));
      // A bare weekday is its next occurrence (a week ahead when it is today);
      // "next Friday" is the Friday of next week (weeks start on Monday).
      const ahead = (target - t.getUTCDay() + 7) % 7 || 7;
      if (m[1]?.toLowerCase() !== 'next') return addDays(t, ahead);
      return addDays(t, ((8 - t.getUTCDay()) % 7 || 7) + ((target + 6) % 7));
    },
  },
  {
    pattern: new RegExp(
      String.raw`\b${LEAD}(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTHS.join('|')})[a-z]*\b`,
      'i',
    ),
    resolve: (m, t) => upcoming(t, m[2]!, Number(m[1])),
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(${MONTHS.join('|')})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`, 'i'),
    resolve: (m, t) => upcoming(t, m[1]!, Number(m[2])),
  },
];

/** The given month and day this year, or next year when it has already passed. */
function upcoming(today: Date, monthName: string, day: number): Date | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase().slice(0, 3));
  const thisYear = validDay(today.getUTCFullYear(), month, day);
  if (thisYear && thisYear >= today) return thisYear;
  return validDay(today.getUTCFullYear() + 1, month, day);
}

/** Finds the first date phrase in the text ("tomorrow", "on Friday", "in 3 days", "Dec 5", ...). */
export function findDate(text: string, now: Date): DateMatch | undefined {
  const today = startOfDay(now);
  let best: (DateMatch & { index: number }) | undefined;
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const date = rule.resolve(m, today);
    if (date && (!best || m.index < best.index)) best = { date: isoDay(date), match: m[0], index: m.index };
  }
  return best && { date: best.date, match: best.match };
}

/** "today", "tomorrow", "on Friday" within a week, else "on Dec 5" (with the year when not this one). */
export function describeDay(iso: string, now: Date): string {
  const today = startOfDay(now);
  const date = new Date(`${iso}T00:00:00Z`);
  const days = Math.round((date.getTime() - today.getTime()) / DAY_MS);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  const weekday = WEEKDAYS[date.getUTCDay()]!;
  if (days > 1 && days < 7) return `on ${weekday[0]!.toUpperCase()}${weekday.slice(1)}`;
  const month = MONTHS[date.getUTCMonth()]!;
  const year = date.getUTCFullYear() === today.getUTCFullYear() ? '' : `, ${date.getUTCFullYear()}`;
  return `on ${month[0]!.toUpperCase()}${month.slice(1)} ${date.getUTCDate()}${year}`;
}

export type Period = { from?: string; to: string; label: string };

/**
 * The span of days a question asks about ("due this week", "due today", "overdue"): weeks run
 * Monday to Sunday. Undefined when the text names no span.
 */
export function findPeriod(text: string, now: Date): Period | undefined {
  const today = startOfDay(now);
  const day = (offset: number) => isoDay(addDays(today, offset) ?? today);
  const monday = -((today.getUTCDay() + 6) % 7);
  if (/\boverdue\b|\blate\b|\bpast due\b/i.test(text)) return { to: day(-1), label: 'overdue' };
  if (/\bnext\s+week\b/i.test(text)) return { from: day(monday + 7), to: day(monday + 13), label: 'due next week' };
  if (/\b(?:this|the)\s+week\b/i.test(text)) return { from: day(monday), to: day(monday + 6), label: 'due this week' };
  if (/\btoday\b|\btonight\b/i.test(text)) return { from: day(0), to: day(0), label: 'due today' };
  if (/\btomorrow\b/i.test(text)) return { from: day(1), to: day(1), label: 'due tomorrow' };
  return undefined;
}
