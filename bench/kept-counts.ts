// Benchmark: the member figures of a big subtree from the kept per-subtree counts
// (subtree_member_counts) against the scan of member_facts they replace, side by side, on
// synthetic nation-shaped read models — unit_ancestry and member_facts written directly
// (both are read models without foreign keys), so the shape is the nation's without the
// ~1 hour the full nation demo takes on a loaded machine: one root, 34 provinces,
// 100 communes each, 15 cells per commune, ~20 members per cell by default (1 M members;
// --members scales it). Measures, warm, on PostgreSQL: the root's and one province's
// aggregate both ways (checked equal), the top of the tree's member counts both ways, and
// the time the statement-level trigger took to fill the kept rows for the bulk insert.
// Run: npm run bench -- kept-counts [--members N] [--samples N]
// Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/chibo_kept_counts; dropped and created).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { writeBenchResult } from './lib/write-result.ts';

const DATE = '2026-11-30';
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function summarise(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
  return { p50: at(50), p95: at(95), samples: s.length };
}

export default async function keptCountsBenchmark(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { members: { type: 'string', default: '1000000' }, samples: { type: 'string', default: '10' } } });
  const members = Number(values.members);
  const samples = Number(values.samples);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chibo_kept_counts';
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();

  const { openDatabase } = await import('../src/db/connect.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { memberAggregate } = await import('../src/modules/figures/member-figures.ts');
  const { keptMemberAggregate, keptSubtreeTotals } = await import('../src/modules/figures/kept-member-counts.ts');
  const database = await openDatabase({ url });
  try {
    await migrate(database);
    const db = database.db;
    const loadBefore = loadavg();
    // Units: root 1; provinces 2..35; communes 100 per province; cells 15 per commune.
    const P = 34;
    const C = 100;
    const K = 15;
    const t0 = performance.now();
    await sql`
      with p as (select 1 + i as id from generate_series(1, ${P}) i),
           c as (select 1 + ${P} + (p.id - 2) * ${C} + j as id, p.id as province from p, generate_series(1, ${C}) j),
           k as (select 1 + ${P} + ${P * C} + (c.id - 2 - ${P}) * ${K} + j as id, c.id as commune, c.province from c, generate_series(1, ${K}) j)
      insert into unit_ancestry (unit_id, ancestor_id, depth, unit_kind, ancestor_kind, valid_from, valid_to)
      select 1, 1, 0, 'toan_dang', 'toan_dang', date '2015-01-01', null::date
      union all select id, id, 0, 'dang_bo_tinh', 'dang_bo_tinh', '2015-01-01', null from p
      union all select id, 1, 1, 'dang_bo_tinh', 'toan_dang', '2015-01-01', null from p
      union all select id, id, 0, 'dang_bo_xa', 'dang_bo_xa', '2025-07-01', null from c
      union all select id, province, 1, 'dang_bo_xa', 'dang_bo_tinh', '2025-07-01', null from c
      union all select id, 1, 2, 'dang_bo_xa', 'toan_dang', '2025-07-01', null from c
      union all select id, id, 0, 'chi_bo', 'chi_bo', '2015-01-01', null from k
      union all select id, commune, 1, 'chi_bo', 'dang_bo_xa', '2025-07-01', null from k
      union all select id, province, 2, 'chi_bo', 'dang_bo_tinh', '2015-01-01', null from k
      union all select id, 1, 3, 'chi_bo', 'toan_dang', '2015-01-01', null from k`.execute(db);
    const ancestrySeconds = (performance.now() - t0) / 1000;
    const cells = P * C * K;
    const firstCell = 2 + P + P * C;
    // Members: one open fact each, a few with a closed earlier stretch (a past status) and
    // a few leaving; attributes spread as in the demo.
    const t1 = performance.now();
    await sql`
      insert into member_facts (placement_id, status_id, member_id, unit_id, status, valid_from, valid_to, sex, ethnicity, religion,
        education, theory_level, born_ymd, admitted_ymd)
      select i, i, i, ${firstCell} + (i % ${cells}),
        case when i % 50 = 0 then 'du_bi' when i % 37 = 0 then 'mien_sinh_hoat' when i % 211 = 0 then 'chuyen_di' else 'chinh_thuc' end,
        date '2000-01-01' + (i % 9000), null,
        case when i % 3 = 0 then 'nu' else 'nam' end,
        case when i % 9 = 0 then 'Tày' when i % 13 = 0 then 'Mông' else 'Kinh' end,
        case when i % 17 = 0 then 'Phật giáo' else 'Không' end,
        (array['12/12', 'Cao đẳng', 'Đại học', 'Thạc sĩ', ''])[1 + i % 5],
        (array['so_cap', 'trung_cap', 'cao_cap', null])[1 + i % 4],
        (1940 + i % 60) * 10000 + (1 + i % 12) * 100 + (1 + i % 28),
        (1965 + i % 60) * 10000 + (1 + i % 12) * 100 + (1 + i % 28)
      from generate_series(1, ${members}) i`.execute(db);
    const factsSeconds = (performance.now() - t1) / 1000;
    await sql`analyze`.execute(db);
    const keptRows = Number((await sql<{ n: string }>`select count(*) as n from subtree_member_counts`.execute(db)).rows[0]!.n);

    const measure = async (run: () => Promise<unknown>) => {
      await run();
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const s = performance.now();
        await run();
        times.push(performance.now() - s);
      }
      return summarise(times);
    };
    const strip = (a: Awaited<ReturnType<typeof memberAggregate>>) => {
      const { perUnit: _perUnit, ...rest } = a;
      return JSON.stringify(rest, (_k, v) => (v instanceof Map ? [...v].sort() : v));
    };
    const results: Record<string, unknown> = {};
    for (const [label, id] of [
      ['root', 1],
      ['province', 2],
    ] as const) {
      const equal = strip(await keptMemberAggregate(db, id, DATE)) === strip(await memberAggregate(db, id, DATE));
      const scan = await measure(() => memberAggregate(db, id, DATE));
      const kept = await measure(() => keptMemberAggregate(db, id, DATE));
      results[label] = { equal, scan, kept, speedupP50: Math.round((scan.p50 / kept.p50) * 10) / 10 };
      console.log(label, results[label]);
    }
    const provinces = Array.from({ length: P }, (_, i) => 2 + i);
    const scanTop = sql`
      select a.ancestor_id, count(*) from unit_ancestry a join member_facts f on f.unit_id = a.unit_id
        and f.valid_from <= ${DATE}::date and (f.valid_to is null or f.valid_to > ${DATE}::date)
       where a.ancestor_id = any(${sql.val(provinces)}::int[]) and a.valid_from <= ${DATE}::date and (a.valid_to is null or a.valid_to > ${DATE}::date)
         and f.status not in ('chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran')
       group by 1`;
    results.topOfTree = {
      scan: await measure(() => scanTop.execute(db)),
      kept: await measure(() => keptSubtreeTotals(db, provinces, DATE)),
    };
    console.log('topOfTree', results.topOfTree);
    writeBenchResult('kept-counts', {
      database: url.replace(/\/\/[^@]*@/, '//'),
      shape: { provinces: P, communesPerProvince: C, cellsPerCommune: K, cells, members },
      date: DATE,
      load: { ancestrySeconds: Math.round(ancestrySeconds * 10) / 10, factsWithTriggerSeconds: Math.round(factsSeconds * 10) / 10, keptRows },
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
      results,
    });
  } finally {
    await database.close();
  }
}
