// How many rows one import may carry. A cell secretary imports their own cell: a file
// larger than any cell is a list of people elsewhere, which is the organisation board's
// work (and would otherwise let one secretary test thousands of numbers at once).
// Whoever may write members of a unit above cell level (org_officer, admin, a commune's
// secretary) is not limited here; the uploads' own bounds still apply.
export const CELL_IMPORT_MAX_ROWS = 500;

/** The most rows the caller may import, or null for no per-role limit. */
export function importRowLimit(writesAboveCellLevel: boolean): number | null {
  return writesAboveCellLevel ? null : CELL_IMPORT_MAX_ROWS;
}
