import { expect, test } from 'vitest';
import { isoOffset, isoZ, rfc2822 } from '../../sandbox/format.js';
import { parseFilterDate } from '../../sandbox/parse-date.js';

const T = Date.UTC(2017, 3, 20, 15, 32, 0) / 1000;

test.each([
  ['Thu, 20 Apr 2017 11:32:00 -0400', T],
  ['Thu, 20 Apr 2017 15:32:00 +0000', T],
  ['2017-04-20T11:32:00.000-04:00', T],
  ['2017-04-20T15:32:00Z', T],
  ['2017-04-20T15:32:00+00:00', T],
  ['2017-04-20T15:32:00', T],
  ['2017-04-20', Date.UTC(2017, 3, 20) / 1000],
])('parses %s', (raw, seconds) => {
  expect(parseFilterDate(raw)).toMatchObject({ ok: true, seconds });
});

test.each(['yesterday', '', '2017-04-20T15:32:00 00:00', '20/04/2017'])('rejects %j', (raw) => {
  expect(parseFilterDate(raw).ok).toBe(false);
});

test('wire formats', () => {
  expect(rfc2822(T)).toBe('Thu, 20 Apr 2017 15:32:00 +0000');
  expect(isoZ(T)).toBe('2017-04-20T15:32:00Z');
  expect(isoOffset(T)).toBe('2017-04-20T15:32:00+00:00');
});
