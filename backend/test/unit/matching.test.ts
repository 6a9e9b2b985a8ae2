import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestMatches, sameWord, stem } from '../../src/chat/matching.js';

describe('word matching', () => {
  it.each([
    ['watering', 'water'],
    ['watered', 'water'],
    ['called', 'call'],
    ['stopped', 'stop'],
    ['berries', 'berry'],
    ['boxes', 'box'],
    ['plants', 'plant'],
    ['bought', 'buy'],
    ['paid', 'pay'],
    ['Renewed', 'renew'],
  ])('stems %s to %s', (word, base) => {
    expect(stem(word)).toBe(base);
  });

  it('takes a word and its inflections for one word, and different words for different ones', () => {
    expect(sameWord(stem('leaky'), stem('leaking'))).toBe(true);
    expect(sameWord(stem('complete'), stem('completed'))).toBe(true);
    for (const [a, b] of [
      ['bin', 'bill'],
      ['milk', 'mild'],
      ['mom', 'moment'],
      ['pay', 'paint'],
    ])
      expect(sameWord(stem(a!), stem(b!)), `${a} ~ ${b}`).toBe(false);
  });

  it('is symmetric, and a word is always itself', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(sameWord(stem(a), stem(a))).toBe(true);
        expect(sameWord(a, b)).toBe(sameWord(b, a));
      }),
    );
  });

  it('names the tasks whose titles share most words with the message, all of them when tied', () => {
    const tasks = [{ title: 'Buy milk' }, { title: 'Buy bread' }, { title: 'Call mom' }];
    expect(bestMatches(tasks, ['buy', 'bread']).matches).toEqual([{ title: 'Buy bread' }]);
    expect(bestMatches(tasks, ['bought']).matches).toEqual([]);
    expect(bestMatches(tasks, [stem('bought')]).matches.map((t) => t.title)).toEqual(['Buy milk', 'Buy bread']);
    expect(bestMatches(tasks, ['weather']).matches).toEqual([]);
  });
});
