// The SQL of the report queries (figures engine and compliance report), compiled with
// fixed parameters and kept as reviewed snapshot files in tests/sql-snapshots/: a change
// to a query shows in review as a change to its file. Update with `vitest -u` and read
// the diff.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/types.ts';
import { cellFactsSql, unexcusedSql } from '../../src/modules/figures/cell-facts.ts';
import { keptMeetingSumsSql } from '../../src/modules/figures/kept-meeting-sums.ts';
import { memberFiguresSql } from '../../src/modules/figures/member-figures.ts';
import { periodMeetingSumsSql } from '../../src/modules/figures/period-meeting-sums.ts';
import { unitTreeSql } from '../../src/modules/figures/unit-figures.ts';
import { cellsOnDateSql } from '../../src/modules/meetings/compliance.ts';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

function render(query: RawBuilder<unknown>): string {
  const c = query.compile(db);
  const text = c.sql
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n');
  return `${text}\n-- parameters: ${JSON.stringify(c.parameters)}\n`;
}

const MEETING_SUMS = {
  rootId: 42,
  from: '2025-01-01',
  end: '2025-12-31',
  requiredMonths: ['2025-01', '2025-02', '2025-03'],
  requiredQuarters: ['2025-Q1'],
  thematicPerQuarter: 1,
};

const QUERIES: Record<string, RawBuilder<unknown>> = {
  'figures-members': memberFiguresSql(42, '2025-06-30'),
  'figures-unit-tree': unitTreeSql(42, '2025-06-30'),
  'figures-meeting-sums': periodMeetingSumsSql(MEETING_SUMS),
  'figures-kept-meeting-sums': keptMeetingSumsSql(MEETING_SUMS)!,
  'compliance-cell-facts': cellFactsSql(42, '2025-01-01', '2025-12-31'),
  'figures-unexcused-absences': unexcusedSql(42, '2025-01-01', '2025-12-31', { strikeOffUnexcusedAbsences: 3, strikeOffWindowMonths: 12 }),
  'compliance-cells-on-date': cellsOnDateSql(42, '2026-01-10'),
};

describe('SQL of the report queries', () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    it(name, async () => {
      await expect(render(query)).toMatchFileSnapshot(`../sql-snapshots/${name}.sql`);
    });
  }
});
