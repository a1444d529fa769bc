import { describe, expect, it } from 'vitest';
import { groupBy } from '../../src/domain/group-by.ts';

describe('grouping in one pass', () => {
  it('keeps the items of each key in their order, and the keys in first-seen order', () => {
    const rows = [
      { cell: 7, month: '2026-09' },
      { cell: 3, month: '2026-09' },
      { cell: 7, month: '2026-10' },
    ];
    const byCell = groupBy(
      rows,
      (r) => r.cell,
      (r) => r.month,
    );
    expect([...byCell]).toEqual([
      [7, ['2026-09', '2026-10']],
      [3, ['2026-09']],
    ]);
    expect(groupBy([], (x: number) => x).size).toBe(0);
  });
});
