import { describe, expect, it } from 'vitest';
import { describeDay, findDate } from '../../src/chat/dates.js';

// Wednesday 18 November 2026, late in the day: dates are calendar days in UTC.
const NOW = new Date('2026-11-18T23:30:00Z');

describe('findDate', () => {
  it.each([
    ['call mom today', '2026-11-18', 'today'],
    ['tonight', '2026-11-18', 'tonight'],
    ['by tomorrow', '2026-11-19', 'by tomorrow'],
    ['the day after tomorrow', '2026-11-20', 'the day after tomorrow'],
    ['on Friday', '2026-11-20', 'on Friday'],
    ['on wed', '2026-11-25', 'on wed'],
    ['this thursday', '2026-11-19', 'this thursday'],
    ['next Friday', '2026-11-27', 'next Friday'],
    ['next monday', '2026-11-23', 'next monday'],
    ['next week', '2026-11-23', 'next week'],
    ['this weekend', '2026-11-21', 'this weekend'],
    ['in 3 days', '2026-11-21', 'in 3 days'],
    ['in two weeks', '2026-12-02', 'in two weeks'],
    ['in a month', '2026-12-18', 'in a month'],
    ['due 2027-01-15', '2027-01-15', 'due 2027-01-15'],
    ['on Dec 5th', '2026-12-05', 'on Dec 5th'],
    ['by the 1st of december', '2026-12-01', 'by the 1st of december'],
    ['on March 3', '2027-03-03', 'on March 3'],
    ['by the end of the month', '2026-11-30', 'by the end of the month'],
    ['by the end of the week', '2026-11-20', 'by the end of the week'],
    ['next month', '2026-12-01', 'next month'],
  ])('%s → %s', (text, date, match) => {
    expect(findDate(text, NOW)).toEqual({ date, match });
  });

  it('finds nothing in plain text or impossible dates', () => {
    expect(findDate('buy milk', NOW)).toBeUndefined();
    expect(findDate('on 2026-02-30', NOW)).toBeUndefined();
    expect(findDate('on Feb 30', NOW)).toBeUndefined();
  });

  it('takes the first date phrase when there are several', () => {
    expect(findDate('tomorrow, or on Friday', NOW)?.date).toBe('2026-11-19');
  });
});

describe('findDate at the edges of the calendar', () => {
  it('keeps years below 100 as written, not as 19xx', () => {
    expect(findDate('on 0050-03-04', NOW)?.date).toBe('0050-03-04');
    expect(findDate('on 0001-01-01', NOW)?.date).toBe('0001-01-01');
  });

  it.each(['on 0000-01-01', 'in 99999999 days', 'in 999999999999999999999 weeks', 'in 99999999 months'])(
    'finds no date in %s (outside 0001 to 9999)',
    (text) => {
      expect(findDate(text, NOW)).toBeUndefined();
    },
  );

  it('reaches 9999-12-31 and no further', () => {
    const days = (Date.UTC(9999, 11, 31) - Date.UTC(2026, 10, 18)) / 86_400_000;
    expect(findDate(`in ${days} days`, NOW)?.date).toBe('9999-12-31');
    expect(findDate(`in ${days + 1} days`, NOW)).toBeUndefined();
  });
});

describe('describeDay', () => {
  it.each([
    ['2026-11-18', 'today'],
    ['2026-11-19', 'tomorrow'],
    ['2026-11-17', 'yesterday'],
    ['2026-11-21', 'on Saturday'],
    ['2026-11-25', 'on Nov 25'],
    ['2027-01-02', 'on Jan 2, 2027'],
  ])('%s is %s', (iso, words) => {
    expect(describeDay(iso, NOW)).toBe(words);
  });
});
