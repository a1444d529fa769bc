// Benchmark: the temporal organisation model (unit_ancestry) against the hand-written
// recursive walk of unit_versions it replaced, side by side in one run, on the province
// demo (4,423 units, 100,000 members) on PostgreSQL: units under the province, members
// under the province and under a commune by status, ancestors of 100 cells, keeping the
// table after a change to a commune and to the root (rolled back), and a full rebuild.
// Each pair must give the same answer; the plan of "units under the province" must be an
// index range scan on unit_ancestry. Prints the figures, writes bench/results/history.json.
// Run: npm run bench -- history   (DATABASE_URL: a server; a database of its own is
// created and dropped; BENCH_ROUNDS, default 7).
import os from 'node:os';
import { type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { keepUnitAncestry, rebuildUnitAncestry } from '../src/modules/org-history/keep-ancestry.ts';
import { ancestryUnderOn, membersUnderOn, unitsUnderOn } from '../src/modules/org-history/units-under.ts';
import { validOn } from '../src/modules/org-history/valid-on.ts';
import { writeBenchResult } from './lib/write-result.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const DATE = '2026-06-01';

// The hand-written SQL of before: walk down unit_versions from the roots on the date.
const walkDown = (rootId: number) => sql`
  with recursive sub(unit_id) as (
    select v.unit_id from unit_versions v where v.unit_id = ${rootId}::int and ${validOn('v', DATE)}
    union
    select v.unit_id from sub join unit_versions v on v.parent_id = sub.unit_id and ${validOn('v', DATE)})
  select unit_id from sub`;
const membersByWalk = (rootId: number) => sql`
  select s.status, count(*)::int as n from (${walkDown(rootId)}) w
    join member_placements p on p.unit_id = w.unit_id and ${validOn('p', DATE)}
    join member_statuses s on s.member_id = p.member_id and ${validOn('s', DATE)}
   where s.status not in ('chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran')
   group by s.status order by s.status`;
const ancestorsByWalk = (ids: number[]) => sql`
  with recursive up(start_id, parent_id, lvl) as (
    select v.unit_id, v.parent_id, 0 from unit_versions v where v.unit_id = any(${sql.val(ids)}::int[]) and ${validOn('v', DATE)}
    union all
    select up.start_id, v.parent_id, up.lvl + 1 from up join unit_versions v on v.unit_id = up.parent_id and ${validOn('v', DATE)})
  select count(*)::int as n from up where lvl > 0`;

export default async function main() {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `chibo_bench_history_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    await migrate(database);
    const seeded = await seedDemo(database, { scale: 'province', seed: 1, asOf: '2026-11-01' });
    const db = database.db;
    const root = (await db.selectFrom('units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
    const commune = (await db.selectFrom('units').select('id').where('parent_id', '=', root).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const cells = (await db.selectFrom('units').select('id').where('kind', '=', 'chi_bo').orderBy('id').limit(100).execute()).map((c) => c.id);

    const time = async (run: () => Promise<unknown>) => {
      const ms: number[] = [];
      let answer: unknown;
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        answer = await run();
        ms.push(performance.now() - started);
      }
      ms.sort((a, b) => a - b);
      return { medianMs: Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10, minMs: Math.round(ms[0]! * 10) / 10, answer };
    };
    const rows = (q: RawBuilder<unknown>) => async () => JSON.stringify((await q.execute(db)).rows);
    const pairs: Record<string, { model: RawBuilder<unknown>; handWritten: RawBuilder<unknown> }> = {
      unitsUnderProvince: {
        model: sql`select count(*)::int as n from (${unitsUnderOn([root], DATE)}) uu`,
        handWritten: sql`select count(*)::int as n from (${walkDown(root)}) w`,
      },
      unitsUnderProvinceLean: {
        model: sql`select count(*)::int as n from (${ancestryUnderOn([root], DATE)}) au`,
        handWritten: sql`select count(*)::int as n from (${walkDown(root)}) w`,
      },
      membersUnderProvinceByStatus: {
        model: sql`select status, count(*)::int as n from (${membersUnderOn([root], DATE)}) mu group by status order by status`,
        handWritten: membersByWalk(root),
      },
      membersUnderCommuneByStatus: {
        model: sql`select status, count(*)::int as n from (${membersUnderOn([commune], DATE)}) mu group by status order by status`,
        handWritten: membersByWalk(commune),
      },
      ancestorsOf100Cells: {
        model: sql`select count(*)::int as n from unit_ancestry a where a.unit_id = any(${sql.val(cells)}::int[]) and a.depth > 0 and ${validOn('a', DATE)}`,
        handWritten: ancestorsByWalk(cells),
      },
    };
    const figures: Record<string, unknown> = {};
    for (const [label, pair] of Object.entries(pairs)) {
      const model = await time(rows(pair.model));
      const handWritten = await time(rows(pair.handWritten));
      if (model.answer !== handWritten.answer) throw new Error(`${label}: the model answers ${model.answer}, the walk ${handWritten.answer}`);
      figures[label] = {
        answer: JSON.parse(String(model.answer)),
        modelMs: model.medianMs,
        handWrittenMs: handWritten.medianMs,
        ratio: Math.round((model.medianMs / handWritten.medianMs) * 100) / 100,
      };
    }
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain select count(*) from (${ancestryUnderOn([root], DATE)}) au`.execute(db)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    if (!/Index (Only )?Scan on unit_ancestry|Bitmap Index Scan on unit_ancestry_pkey|Index Scan using unit_ancestry_pkey/.test(plan))
      throw new Error(`units under the province is not an index scan:\n${plan}`);
    figures.unitsUnderProvincePlan = plan.split('\n').map((l) => l.trim());

    const keep = async (ids: number[]) =>
      time(() =>
        db
          .transaction()
          .execute(async (trx) => {
            const r = await keepUnitAncestry(trx, ids, '2026-01-01');
            throw Object.assign(new Error('rollback'), { r });
          })
          .catch((e: { r?: unknown }) => JSON.stringify(e.r)),
      );
    figures.keepAfterCommuneChange = await keep([commune]);
    figures.keepAfterRootChange = await keep([root]);
    const started = performance.now();
    const rebuilt = await db.transaction().execute((trx) => rebuildUnitAncestry(trx));
    figures.fullRebuild = { ...rebuilt, ms: Math.round(performance.now() - started) };
    writeBenchResult('history', {
      engine: 'postgres',
      demo: { units: seeded.units, members: seeded.members },
      date: DATE,
      rounds: ROUNDS,
      loadAverage: os.loadavg(),
      ...figures,
    });
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
