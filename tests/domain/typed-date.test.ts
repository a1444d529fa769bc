import { describe, expect, it } from 'vitest';
import { readTypedDate } from '../../src/domain/typed-date.ts';

describe('a date as people type it', () => {
  it.each([
    ['05/03/1980', '1980-03-05'],
    ['5/3/1980', '1980-03-05'],
    ['05031980', '1980-03-05'],
    ['5-3-1980', '1980-03-05'],
    ['5.3.1980', '1980-03-05'],
    [' 05 / 03 / 1980 ', '1980-03-05'],
    ['1980-03-05', '1980-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/2025', '2025-12-31'],
  ])('reads %s as %s', (text, iso) => {
    expect(readTypedDate(text)).toEqual({ kind: 'date', iso });
  });

  it.each(['31/02/2025', '29/02/2025', '31/04/2026', '00/01/2025', '01/13/2025', '32012025', '2025-02-30', '2025-13-01'])(
    'names %s as a day that does not exist (never another date)',
    (text) => {
      expect(readTypedDate(text)).toEqual({ kind: 'no_such_day' });
    },
  );

  it.each(['abc', '5/3/80', '1980/03/05', '5/3-1980', '0503198', '050319801', '5 tháng 3 1980'])('cannot read %s', (text) => {
    expect(readTypedDate(text)).toEqual({ kind: 'unreadable' });
  });

  it('an empty box is empty, not a date', () => {
    expect(readTypedDate('  ')).toEqual({ kind: 'empty' });
  });
});
