import { describe, expect, it } from 'vitest';
import {
  compareUnitNames,
  compareVietnameseNames,
  foldForSearch,
  normaliseName,
  personSortKey,
  splitName,
  unitNameRanks,
} from '../../src/domain/vietnamese.ts';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn Thắng', 'nguyen van thang'],
    ['NGUYỄN VĂN THẮNG', 'nguyen van thang'],
    ['Đặng Thị Ánh', 'dang thi anh'],
    ['  Lò   Văn  Đức ', 'lo van duc'],
    ['Hoàng Thị Ngọc Ước', 'hoang thi ngoc uoc'],
  ])('%s → %s', (input, folded) => expect(foldForSearch(input)).toBe(folded));
});

describe('Vietnamese name order', () => {
  it('sorts by given name first, then family and middle names', () => {
    const names = ['Trần Văn Bình', 'Nguyễn Thị An', 'Lê Văn An', 'Phạm Văn Anh'];
    expect([...names].sort(compareVietnameseNames)).toEqual(['Lê Văn An', 'Nguyễn Thị An', 'Phạm Văn Anh', 'Trần Văn Bình']);
  });

  it('follows the Vietnamese alphabet: a ă â b … d đ e ê … o ô ơ … u ư', () => {
    const given = ['Ơn', 'Ôn', 'On', 'Đạt', 'Dũng', 'Ân', 'Ăn', 'An', 'Ưng', 'Uyên', 'Ê', 'Em'];
    const sorted = given
      .map((g) => `Nguyễn ${g}`)
      .sort(compareVietnameseNames)
      .map((n) => n.split(' ')[1]);
    expect(sorted).toEqual(['An', 'Ăn', 'Ân', 'Dũng', 'Đạt', 'Em', 'Ê', 'On', 'Ôn', 'Ơn', 'Uyên', 'Ưng']);
  });

  it('breaks ties by tone in dictionary order (ngang, huyền, hỏi, ngã, sắc, nặng)', () => {
    const given = ['Mạ', 'Má', 'Mã', 'Mả', 'Mà', 'Ma'];
    const sorted = given
      .map((g) => `Lê ${g}`)
      .sort(compareVietnameseNames)
      .map((n) => n.split(' ')[1]);
    expect(sorted).toEqual(['Ma', 'Mà', 'Mả', 'Mã', 'Má', 'Mạ']);
  });

  it('puts a shorter given name before a longer one with the same start', () => {
    expect(personSortKey('Lê An') < personSortKey('Lê Anh')).toBe(true);
  });

  it('splits and normalises names', () => {
    expect(splitName('Nguyễn Văn Thắng')).toEqual({ given: 'Thắng', rest: 'Nguyễn Văn' });
    expect(normaliseName('  nguyễn  văn THẮNG ')).toBe('Nguyễn Văn Thắng');
  });
});

describe('unit names in Vietnamese order', () => {
  it('puts Ấ with A, Đ after D, and numbers by value', () => {
    const names = ['Chi bộ thôn 10', 'Chi bộ Bình Minh', 'Chi bộ Đông Hòa', 'Chi bộ thôn 2', 'Chi bộ Ấp Bắc', 'Chi bộ Dương Xá', 'Chi bộ Ông Đình'];
    expect([...names].sort(compareUnitNames)).toEqual([
      'Chi bộ Ấp Bắc',
      'Chi bộ Bình Minh',
      'Chi bộ Dương Xá',
      'Chi bộ Đông Hòa',
      'Chi bộ Ông Đình',
      'Chi bộ thôn 2',
      'Chi bộ thôn 10',
    ]);
  });

  it('ranks each distinct name once, in the same order', () => {
    const names = ['Chi bộ thôn 10', 'Chi bộ Đông Hòa', 'Chi bộ thôn 2', 'Chi bộ Ấp Bắc', 'Chi bộ thôn 2', 'Chi bộ Dương Xá'];
    const rank = unitNameRanks(names);
    expect([...rank]).toEqual([
      ['Chi bộ Ấp Bắc', 0],
      ['Chi bộ Dương Xá', 1],
      ['Chi bộ Đông Hòa', 2],
      ['Chi bộ thôn 2', 3],
      ['Chi bộ thôn 10', 4],
    ]);
    expect([...names].sort((a, b) => rank.get(a)! - rank.get(b)!)).toEqual([...names].sort(compareUnitNames));
  });

  it('gives names the order holds equal one rank, so the tie is broken by the caller', () => {
    const composed = 'Chi bộ Đông Hòa';
    const decomposed = composed.normalize('NFD');
    const rank = unitNameRanks(['Chi bộ thôn 02', 'Chi bộ thôn 2', decomposed, composed, 'Chi bộ thôn 10']);
    expect(rank.get('Chi bộ thôn 02')).toBe(rank.get('Chi bộ thôn 2'));
    expect(rank.get(decomposed)).toBe(rank.get(composed));
    expect(rank.get(composed)!).toBeLessThan(rank.get('Chi bộ thôn 2')!);
    expect(rank.get('Chi bộ thôn 2')!).toBeLessThan(rank.get('Chi bộ thôn 10')!);
  });
});
