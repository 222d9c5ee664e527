import { describe, expect, it } from 'vitest';
import { toUtcSeconds } from '../../src/normalize/date-time.js';

describe('toUtcSeconds', () => {
  it.each([
    ['Tue, 20 Nov 2012 00:00:00 +0000', '2012-11-20T00:00:00Z'],
    ['Mon, 11 Mar 2019 15:17:25 +0000', '2019-03-11T15:17:25Z'],
    ['Thu, 20 Apr 2017 11:32:00 -0400', '2017-04-20T15:32:00Z'],
    ['Sun, 31 Dec 2023 23:30:00 -0130', '2024-01-01T01:00:00Z'],
    ['Tue, 5 Mar 2019 21:40:11 +0000', '2019-03-05T21:40:11Z'],
    ['Tue, 15 Nov 2011 12:45:26 GMT', '2011-11-15T12:45:26Z'],
    ['2018-11-13T21:42:06Z', '2018-11-13T21:42:06Z'],
    ['2018-08-15T14:48:46+00:00', '2018-08-15T14:48:46Z'],
    ['2018-08-15T14:48:46.999+00:00', '2018-08-15T14:48:46Z'],
    ['2018-08-15T14:48:46.123456Z', '2018-08-15T14:48:46Z'],
    ['2017-04-20T11:32:00.000-04:00', '2017-04-20T15:32:00Z'],
    ['2017-04-20T01:32:00+05:30', '2017-04-19T20:02:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
  ])('%s -> %s', (text, expected) => {
    expect(toUtcSeconds(text)).toBe(expected);
  });

  it.each(['not a date', 'Tue, 99 Foo 2012 00:00:00 +0000', '2018-13-45T99:99:99Z', '0'])('returns null for %j', (text) => {
    expect(toUtcSeconds(text)).toBeNull();
  });
});

describe('less common date shapes', () => {
  it('reads the SQL form as UTC', () => {
    expect(toUtcSeconds('2024-05-01 10:00:00')).toBe('2024-05-01T10:00:00Z');
  });
});
