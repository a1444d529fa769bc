import { describe, expect, it } from 'vitest';
import { CELL_IMPORT_MAX_ROWS, importRowLimit } from '../../src/domain/import-limits.ts';

describe('import row limit by role', () => {
  it.each([
    [false, CELL_IMPORT_MAX_ROWS],
    [true, null],
  ])('writes above cell level: %s → limit %s', (above, limit) => {
    expect(importRowLimit(above)).toBe(limit);
  });
  it('fits one cell', () => expect(CELL_IMPORT_MAX_ROWS).toBe(500));
});
