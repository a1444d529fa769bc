// Benchmark: the nation demo on PostgreSQL (one national root, 34 provinces and the central
// party organisations, 3,321 communes, ~52,000 grassroots organisations, ~300,000 cells,
// 5.6 M members, 3 months of meetings). Measures, warm, through the real app (in-process
// Fastify, logged in as the national account `trunguong`) and side by side with hand-written
// SQL computing the same answer on the same connection pool:
//   - the national dashboard: GET /figures/units/{root} and GET /figures/units/{root}/meetings
//     (marked "not measured" when the figures API is not in this build);
//   - name search: GET /members?q=nguyen van (the first page, as a user sees it);
//   - the top of the tree: GET /units/children?parentId={root}.
// Each with p50/p95 and the ratio app/SQL, the load average before and after, the database's
// sizes, and (with --generate) the generation time. Writes bench/results/nation.json.
// Run: npm run bench -- nation [--generate] [--samples N] [--skip name,name]
// Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/chibo_nation_demo); with
// --generate that database is dropped, created and filled with `seedDemo(nation)` first.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { writeBenchResult } from './lib/write-result.ts';

const DATE = '2026-11-30';
const FROM = '2026-09-01';
const SEARCH = 'nguyen van';
const YEAR_START = '2026-01-01';
const MID_MONTH = '2026-11-20';
// What the hand-written SQL of the meetings dashboard is, so its ratio is read for what it is.
const MEETINGS_HAND_SQL_NOTE =
  'hand-written SQL sums held meetings, attendance and grades per month from meeting_facts: no per-cell compliance, no striking-off warnings (a floor, not the same answer)';

interface Timing {
  p50: number;
  p95: number;
  samples: number;
  min: number;
  max: number;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), samples: s.length, min: r(s[0]!), max: r(s[s.length - 1]!) };
}

/** A warm-up run, then samples until `samples` are taken or the time budget is spent (at least 5). */
async function measure(run: () => Promise<void>, samples: number, budgetMs = 60_000): Promise<Timing> {
  await run();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < samples && (times.length < 5 || performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** The generating run's figures, if the last result measured this same database. */
function previousGeneration(name: string, database: string): Record<string, unknown> | null {
  try {
    const last = JSON.parse(fs.readFileSync(new URL(`./results/${name}.json`, import.meta.url), 'utf8')) as {
      at?: string;
      database?: string;
      generation?: Record<string, unknown> | null;
    };
    if (!last.generation || last.database !== database) return null;
    return { ...last.generation, measuredAt: last.generation.measuredAt ?? last.at };
  } catch {
    return null;
  }
}

async function recreateDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  await client.end();
}

export default async function nationBenchmark(argv: string[]) {
  // --root-kind / --account let the same measurements run on a smaller demo (a province under admin).
  const { values } = parseArgs({
    args: argv,
    options: {
      generate: { type: 'boolean', default: false },
      samples: { type: 'string', default: '20' },
      'root-kind': { type: 'string', default: 'toan_dang' },
      account: { type: 'string', default: 'trunguong' },
      name: { type: 'string', default: 'nation' },
      // Comma-separated measurement names to leave out (e.g. dashboardMeetings, ~25 s a run on the nation).
      skip: { type: 'string', default: '' },
    },
  });
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chibo_nation_demo';
  const samples = Number(values.samples);
  const { openDatabase } = await import('../src/db/connect.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { buildApp } = await import('../src/server.ts');
  const { seedDemo, DEMO_PASSWORD } = await import('../src/modules/demo/seed-demo.ts');

  let generation: Record<string, unknown> | null = null;
  if (values.generate) {
    await recreateDatabase(url);
    const database = await openDatabase({ url });
    await migrate(database);
    const before = loadavg();
    const started = performance.now();
    const phases: Record<string, number> = {};
    const result = await seedDemo(database, {
      scale: 'nation',
      seed: 1,
      asOf: DATE,
      onProgress: (n) => console.log(`  … ${n.toLocaleString('vi-VN')} đảng viên`),
      onPhase: (phase, seconds) => {
        phases[phase] = seconds;
        console.log(`  ${phase}: ${seconds} s`);
      },
    });
    generation = { seconds: Math.round((performance.now() - started) / 100) / 10, phases, ...result, loadavgBefore: before, loadavgAfter: loadavg() };
    // What autovacuum does on a server that runs it (this one has it off): the visibility map
    // set, so index-only scans read no table pages. Timed apart from the generation.
    const vacuuming = performance.now();
    await database.execScript('vacuum analyze');
    generation.vacuumSeconds = Math.round((performance.now() - vacuuming) / 100) / 10;
    console.log('generation', generation);
    await database.close();
  }

  const database = await openDatabase({ url });
  // Migrations not yet applied to this database run now (e.g. a read model filled from the data): timed apart.
  const migrating = performance.now();
  const migrations = await migrate(database);
  if (migrations.length) await database.execScript('analyze');
  const migration = { applied: migrations, seconds: Math.round((performance.now() - migrating) / 100) / 10 };
  if (migrations.length) console.log('migrations', migration);
  const db = database.db;
  const app = await buildApp(database);
  try {
    const root = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('kind', '=', values['root-kind'] as 'toan_dang')
      .where('dissolved_on', 'is', null)
      .executeTakeFirst();
    if (!root) throw new Error(`no national root in ${url}: run with --generate, or \`chibo demo --scale nation\` first`);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: values.account, password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login as ${values.account}: ${login.statusCode} ${login.body}`);
    const cookie = login.cookies.find((c) => c.name === 'chibo_session')!.value;
    const get = async (path: string) => {
      const res = await app.inject({ method: 'GET', url: path, cookies: { chibo_session: cookie } });
      if (res.statusCode !== 200) throw Object.assign(new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`), { status: res.statusCode });
      return res;
    };
    const hasTable = async (name: string) => Boolean((await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db)).rows[0]?.t);
    const run = (text: ReturnType<typeof sql>) => async () => {
      await text.execute(db);
    };

    // ---- hand-written SQL, the same answers ----
    const underRoot = sql`select a.unit_id from unit_ancestry a where a.ancestor_id = ${root.id} and a.valid_from <= ${DATE}::date and (a.valid_to is null or a.valid_to > ${DATE}::date)`;
    const membersSql = sql`
      with mu as (
        select p.member_id, s.status from (${underRoot}) u
          join member_placements p on p.unit_id = u.unit_id and p.valid_from <= ${DATE}::date and (p.valid_to is null or p.valid_to > ${DATE}::date)
          join member_statuses s on s.member_id = p.member_id and s.valid_from <= ${DATE}::date and (s.valid_to is null or s.valid_to > ${DATE}::date)
         where s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi'))
      select mu.status, m.sex, width_bucket(extract(year from age(${DATE}::date, m.date_of_birth)), array[30, 41, 51, 61]) as band,
             m.ethnicity, m.religion, m.education, m.theory_level, count(*)
        from mu join members m on m.id = mu.member_id
       group by grouping sets ((mu.status), (m.sex), (band), (band, m.sex), (m.ethnicity), (m.religion), (m.education), (m.theory_level))`;
    const orgSql = sql`select a.unit_kind, count(*) from unit_ancestry a where a.ancestor_id = ${root.id}
      and a.valid_from <= ${DATE}::date and (a.valid_to is null or a.valid_to > ${DATE}::date) group by a.unit_kind`;
    const factsTable = await hasTable('meeting_facts');
    const meetingsSqlFor = (from: string, to: string) =>
      factsTable
        ? sql`select date_trunc('month', f.held_on) as month, count(*) filter (where f.attendance_taken) as held, sum(f.expected) as expected, sum(f.present) as present,
               count(*) filter (where f.kind = 'thematic') as thematic, f.grade, count(*)
              from meeting_facts f join (${underRoot}) u on u.unit_id = f.unit_id
             where f.held_on between ${from}::date and ${to}::date and f.recorded
             group by grouping sets ((month), (f.grade))`
        : sql`select date_trunc('month', m.held_on) as month, count(distinct m.id) as held, count(a.*) as expected, count(*) filter (where a.status = 'present') as present
              from meetings m join (${underRoot}) u on u.unit_id = m.unit_id left join meeting_attendance a on a.meeting_id = m.id
             where m.held_on between ${from}::date and ${to}::date and m.status = 'planned' and m.kind in ('regular', 'thematic', 'extraordinary')
             group by month`;
    const meetingsSql = meetingsSqlFor(FROM, DATE);
    const searchSql = sql`select id, full_name, unit_id, status from members where search_name like ${`%${SEARCH}%`} order by sort_key collate "C", id limit 50`;
    const searchCountSql = sql`select count(*) from members where search_name like ${`%${SEARCH}%`}`;
    const topSql = sql`
      with kids as (
        select v.unit_id, u.code, v.name, v.kind from unit_versions v join units u on u.id = v.unit_id
         where v.parent_id = ${root.id} and v.valid_from <= ${DATE}::date and (v.valid_to is null or v.valid_to > ${DATE}::date))
      select k.*, (select count(*) from unit_versions c where c.parent_id = k.unit_id and c.valid_from <= ${DATE}::date and (c.valid_to is null or c.valid_to > ${DATE}::date)) as children,
             (select count(*) from unit_ancestry a
                join member_placements p on p.unit_id = a.unit_id and p.valid_from <= ${DATE}::date and (p.valid_to is null or p.valid_to > ${DATE}::date)
                join member_statuses s on s.member_id = p.member_id and s.valid_from <= ${DATE}::date and (s.valid_to is null or s.valid_to > ${DATE}::date)
               where a.ancestor_id = k.unit_id and a.valid_from <= ${DATE}::date and (a.valid_to is null or a.valid_to > ${DATE}::date)
                 and s.status not in ('chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran')) as members
        from kids k`;

    // With the kept per-subtree member counts (subtree_member_counts), the same answers read
    // from them: the app reads them too, so the ratio is to this; the scans above are still
    // measured on their own (…ScanSql, no app figure) to show what the kept rows save.
    const keptTable = await hasTable('subtree_member_counts');
    const keptMembersSql = sql`select dim, key, sum(n)::int from subtree_member_counts where ancestor_id = ${root.id} group by dim, key having sum(n) <> 0`;
    const topKeptSql = sql`
      with kids as (
        select v.unit_id, u.code, v.name, v.kind from unit_versions v join units u on u.id = v.unit_id
         where v.parent_id = ${root.id} and v.valid_from <= ${DATE}::date and (v.valid_to is null or v.valid_to > ${DATE}::date))
      select k.*, (select count(*) from unit_versions c where c.parent_id = k.unit_id and c.valid_from <= ${DATE}::date and (c.valid_to is null or c.valid_to > ${DATE}::date)) as children,
             (select sum(n) from subtree_member_counts s where s.ancestor_id = k.unit_id and s.dim = 's') as members
        from kids k`;

    const loadBefore = loadavg();
    const figures: Record<string, unknown> = {};
    const skipped = new Set(values.skip.split(',').filter(Boolean));
    const compare = async (name: string, api: (() => Promise<void>) | null, hand: () => Promise<void>, n = samples, note?: string) => {
      if (skipped.has(name)) {
        figures[name] = { note: 'not measured in this run (--skip)' };
        return;
      }
      console.log(`measuring ${name}…`);
      const sqlTiming = await measure(hand, n);
      let apiTiming: Timing | null = null;
      let apiNote = note ?? null;
      if (api) {
        try {
          apiTiming = await measure(api, n);
        } catch (error) {
          if ((error as { status?: number }).status !== 404) throw error;
          apiNote = 'not measured: the route is not in this build';
        }
      }
      figures[name] = {
        app: apiTiming,
        sql: sqlTiming,
        note: apiNote,
        ratioP50: apiTiming ? Math.round((apiTiming.p50 / sqlTiming.p50) * 100) / 100 : null,
        ratioP95: apiTiming ? Math.round((apiTiming.p95 / sqlTiming.p95) * 100) / 100 : null,
      };
      console.log(name, figures[name]);
    };
    const both =
      (...runs: Array<() => Promise<void>>) =>
      async () => {
        for (const r of runs) await r();
      };
    await compare(
      'dashboardUnit',
      () => get(`/api/v1/figures/units/${root.id}?date=${DATE}`).then(() => {}),
      keptTable ? both(run(keptMembersSql), run(orgSql)) : both(run(membersSql), run(orgSql)),
      Math.min(samples, 10),
      keptTable ? 'hand-written SQL reads subtree_member_counts (as the app); the scan is dashboardUnitScanSql' : undefined,
    );
    if (keptTable) await compare('dashboardUnitScanSql', null, both(run(membersSql), run(orgSql)), 5);
    await compare(
      'dashboardMeetings',
      () => get(`/api/v1/figures/units/${root.id}/meetings?from=${FROM}&to=${DATE}`).then(() => {}),
      run(meetingsSql),
      Math.min(samples, 10),
      factsTable ? MEETINGS_HAND_SQL_NOTE : 'hand-written SQL reads meetings and attendance (no meeting_facts table in this build)',
    );
    // The dashboard's default view: the year up to a day in the middle of a month (that month's
    // days are read from the meeting facts, the whole months from the kept per-cell-month rows).
    await compare(
      'dashboardMeetingsYearToDate',
      () => get(`/api/v1/figures/units/${root.id}/meetings?from=${YEAR_START}&to=${MID_MONTH}`).then(() => {}),
      run(meetingsSqlFor(YEAR_START, MID_MONTH)),
      Math.min(samples, 10),
      factsTable ? MEETINGS_HAND_SQL_NOTE : undefined,
    );
    await compare('nameSearch', () => get(`/api/v1/members?q=${encodeURIComponent(SEARCH)}`).then(() => {}), both(run(searchSql), run(searchCountSql)));
    await compare(
      'topOfTree',
      () => get(`/api/v1/units/children?parentId=${root.id}&at=${DATE}`).then(() => {}),
      keptTable ? run(topKeptSql) : run(topSql),
      Math.min(samples, 10),
      keptTable ? 'hand-written SQL reads subtree_member_counts (as the app); the scan is topOfTreeScanSql' : undefined,
    );
    if (keptTable) await compare('topOfTreeScanSql', null, run(topSql), 5);
    const loadAfter = loadavg();

    const counts = (
      await sql<Record<string, string>>`select
        (select count(*) from units where dissolved_on is null) as units,
        (select count(*) from units where dissolved_on is not null) as units_dissolved,
        (select count(*) from units where kind = 'dang_bo_tinh') as provinces,
        (select count(*) from units where kind = 'dang_bo_truc_thuoc_tw') as central_organisations,
        (select count(*) from units where kind = 'dang_bo_xa' and dissolved_on is null) as communes,
        (select count(*) from units where kind in ('chi_bo', 'chi_bo_co_so') and dissolved_on is null) as cells,
        (select count(*) from members) as members,
        (select count(*) from meetings) as meetings,
        (select count(*) from meeting_attendance) as attendance_rows,
        (select count(*) from unit_ancestry) as ancestry_rows,
        pg_size_pretty(pg_database_size(current_database())) as database_size`.execute(db)
    ).rows[0]!;
    const orgs = await app.inject({ method: 'GET', url: `/api/v1/units/${root.id}?at=${DATE}`, cookies: { chibo_session: cookie } });
    writeBenchResult(values.name, {
      database: url.replace(/\/\/[^@]*@/, '//'),
      root: root.name,
      account: values.account,
      date: DATE,
      period: { from: FROM, to: DATE },
      search: SEARCH,
      targets: { dashboardP95Ms: 1000, nameSearchP95Ms: 50, topOfTreeMs: 100 },
      // A run without --generate measures the database a previous run generated: that run's
      // generation figures are kept, with the time it finished.
      generation: generation ?? previousGeneration(values.name, url.replace(/\/\/[^@]*@/, '//')),
      migration,
      counts,
      rootCounts: orgs.statusCode === 200 ? orgs.json().counts : null,
      loadavgBefore: loadBefore,
      loadavgAfter: loadAfter,
      cpus: os.cpus().length,
      figures,
    });
  } finally {
    await app.close();
    await database.close();
  }
}
