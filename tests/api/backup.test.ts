import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { AppError } from '../../src/http/app-error.ts';
import { t as translate } from '../../src/i18n/messages.ts';
import { backupDatabase } from '../../src/modules/backup/backup-database.ts';
import { restoreDatabase } from '../../src/modules/backup/restore-database.ts';
import { listTables, quoteIdent } from '../../src/modules/backup/table-catalog.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

// A tiny page, so every table's rows cross several page boundaries: composite keys
// (attendance, check-ins, notice batches) once lost rows exactly there.
const PAGE = 3;
// A restore into a fresh PGlite database takes 2-3 s alone and up to 30 s at the start of CI,
// beside both suites and the browser tests on 2 cores (02/12): the tests that restore wait longer.
const RESTORING = 120_000;

let t: TestApp;
let target: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-backup-'));
const file = path.join(dir, 'chibo.backup');

/** Every table's rows as row_to_json text, in primary-key order. */
async function dumpAll(database: Database) {
  const out: Record<string, string[]> = {};
  for (const table of await listTables(database.db)) {
    const order = table.key.length ? table.key.map((k) => `t.${quoteIdent(k)}`).join(', ') : 'row_to_json(t)::text';
    const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(quoteIdent(table.name))} t order by ${sql.raw(order)}`.execute(
      database.db,
    );
    out[table.name] = rows.rows.map((r) => r.j);
  }
  return out;
}

// Rows for the tables the commune demo leaves empty or nearly so: meetings with their
// roll calls and check-ins (composite keys), documents (bytea), Vietnamese text, nulls.
// The demo's own meetings have no topic; these eight have one, and only they get rows here.
const FILL = `
insert into users (username, display_name, password_hash) select 'extra' || i, 'Người dùng ' || i, 'x' from generate_series(1, 2) i;
insert into role_grants (user_id, role, unit_id) select u.id, 'member', (select min(id) from units) from users u where username like 'extra%';
insert into rule_sets (kind, code, unit_id, title, effective_from, body)
  select 'meetings', 'ct' || i, (select min(id) from units), 'Bộ tiêu chí ' || i, date '2026-01-01' + i, jsonb_build_object('i', i) from generate_series(1, 8) i;
insert into meeting_topics (unit_id, title, summary, published)
  select (select min(id) from units), 'Chuyên đề ' || i, case when i % 2 = 0 then null else 'Tóm tắt “' || i || '”' end, i % 2 = 0 from generate_series(1, 8) i;
insert into meetings (unit_id, kind, held_on, starts_at, ends_at, place, topic, topic_id, check_in_code, check_in_secret)
  select c.id, 'regular', date '2026-01-05' + i * 30, timestamptz '2026-01-05 19:30+07' + i * interval '30 days',
         timestamptz '2026-01-05 21:30+07' + i * interval '30 days', 'Nhà văn hóa thôn', 'Sinh hoạt tháng ' || i,
         (select min(id) from meeting_topics), lpad(i::text, 6, '0'), md5(i::text)
  from generate_series(1, 8) i, (select min(id) as id from units where kind = 'chi_bo') c;
insert into meeting_preparations (meeting_id, agreed_content) select id, 'Nội dung ' || id from meetings where topic_id is not null;
insert into meeting_documents (meeting_id, file_name, content_type, size_bytes, content)
  select id, 'tài liệu ' || id || '.pdf', 'application/pdf', 3, '\\x00ff01'::bytea from meetings where topic_id is not null;
insert into meeting_guests (meeting_id, full_name, position) select id, 'Khách ' || id, null from meetings where topic_id is not null;
insert into meeting_check_ins (meeting_id, member_id, method)
  select m.id, p.id, 'code' from (select id from meetings where topic_id is not null) m, (select id from members order by id limit 5) p;
insert into meeting_attendance (meeting_id, member_id, status, reason)
  select m.id, p.id, case when p.id % 3 = 0 then 'absent_excused' else 'present' end, case when p.id % 3 = 0 then 'Ốm' end
  from (select id from meetings where topic_id is not null) m, (select id from members order by id limit 7) p;
insert into meeting_minutes (meeting_id, content, number) select id, jsonb_build_object('text', 'Biên bản ' || id), id || '-BB/CB' from meetings where topic_id is not null;
insert into meeting_roll_at_adoption (meeting_id, member_id, member_status, attendance, entry)
  select m.id, p.id, 'chinh_thuc', case when p.id % 3 = 0 then 'absent_excused' else 'present' end, jsonb_build_object('memberId', p.id, 'fullName', 'Đồng chí ' || p.id)
  from (select id from meetings where topic_id is not null) m, (select id from members order by id limit 7) p;
insert into party_group_members (member_id, party_group_id, valid_from, valid_to)
  select p.id, g.id, date '2026-01-01', case when p.id % 2 = 0 then date '2026-06-01' end
  from (select id from members order by id limit 8) p, (select min(id) as id from units where kind = 'to_dang') g where g.id is not null;
insert into member_attribute_history (member_id, valid_from, valid_to, education, theory_level, religion)
  select id, null, date '2026-01-01', case when id % 2 = 0 then '9/12' end, 'so_cap', 'Không' from (select id from members order by id limit 8) m;
insert into meeting_minutes_amendments (meeting_id, reason, before, after) select id, 'Sửa lỗi chính tả', '{}', '{"a": 1}' from meetings where topic_id is not null;
insert into tasks (unit_id, source, meeting_id, title, assignee_label, due_on) select unit_id, 'minutes', id, 'Việc ' || id, 'Đồng chí ' || id, date '2026-12-31' from meetings where topic_id is not null;
insert into tasks (unit_id, source, title, programme, due_on, expected_result, target_value, target_unit, outcome, outcome_on, achieved_value)
  select (select min(id) from units where kind = 'chi_bo'), 'direct', 'Vận động “bảo hiểm y tế” ' || i, 'health_insurance', date '2026-03-01' + i,
         case when i % 2 = 0 then 'Đạt 95%' end, 50 + i, 'hộ', case when i % 3 = 0 then 'exceeded' end, case when i % 3 = 0 then date '2026-03-01' end, case when i % 3 = 0 then 70.5 end
  from generate_series(1, 8) i;
insert into task_assignees (task_id, member_id) select t.id, m.id from (select id from tasks where source = 'direct' order by id limit 4) t, (select id from members order by id limit 2) m
  on conflict do nothing;
insert into task_reports (task_id, member_id, note, progress_value) select t.id, (select min(id) from members), 'Đã vận động ' || t.id || ' hộ', case when t.id % 2 = 0 then t.id end from (select id from tasks where source = 'direct' order by id) t;
insert into task_report_files (report_id, file_name, content_type, size_bytes, content) select id, 'ảnh ' || id || '.jpg', 'image/jpeg', 3, '\\x00ff01'::bytea from task_reports;
insert into task_reminders (task_id, recipients) select t.id, 2 from (select id from tasks where source = 'direct' order by id) t;
insert into meeting_quality (meeting_id, rule_set_code, rule_set_version, result, points, max_points, grade)
  select id, 'hd', '2026', '{}', 8.5, 10, 'tot' from meetings where topic_id is not null;
insert into member_residence_links (member_id, unit_id, valid_from)
  select id, (select min(id) from units where kind = 'chi_bo'), '2026-01-01' from (select id from members order by id limit 8) m;
insert into calendar_tokens (member_id, token_hash) select id, md5('cal' || id) from (select id from members order by id limit 8) m;
insert into notices (member_id, kind, meeting_id, dedupe_key)
  select p.id, 'meeting_planned', m.id, 'k' || m.id from (select id from meetings where topic_id is not null) m, (select id from members order by id limit 2) p;
insert into meeting_notice_batches (meeting_id, dedupe_key, recipients)
  select m.id, k, 5 from (select id from meetings where topic_id is not null) m, unnest(array['planned', 'reminder:1', 'reminder:2']) k;
insert into notification_emails (member_id, email) select id, 'dv' || id || '@example.vn' from (select id from members order by id limit 8) m;
insert into api_tokens (user_id, name, token_hash, expires_at) select (select min(id) from users), 'token ' || i, md5('t' || i), now() + interval '90 days' from generate_series(1, 8) i;
insert into sessions (token_hash, user_id, expires_at) select md5('s' || i), (select min(id) from users), now() + interval '1 day' from generate_series(1, 8) i;
insert into throttles (kind, key, window_start, count) select 'login', 'k' || i, now(), i from generate_series(1, 8) i;
insert into login_attempts (username, succeeded) select 'admin', i % 2 = 0 from generate_series(1, 8) i;
insert into identifier_conflicts (kind, value, source, from_unit_id, existing_member_id, existing_unit_id, status)
  select 'party_card_number', 'TĐ' || id, 'import', (select min(id) from units where kind = 'chi_bo'), id, unit_id, case when id % 2 = 0 then 'open' else 'resolved' end
  from (select id, unit_id from members order by id limit 8) m;
insert into residence_link_requests (unit_id, party_card_number, member_id, valid_from, status)
  select (select min(id) from units where kind = 'chi_bo'), 'YC' || i, case when i % 2 = 0 then (select min(id) from members) end, date '2026-01-01', 'pending'
  from generate_series(1, 8) i;
insert into import_runs (unit_id, file_name, state) select (select min(id) from units), 'nhap ' || i || '.xlsx', 'done' from generate_series(1, 8) i;
insert into import_run_members (run_id, member_id, before)
  select r.id, m.id, case when m.id % 2 = 0 then jsonb_build_object('full_name', 'Trước') end
  from (select id from import_runs order by id limit 2) r, (select id from members order by id limit 4) m;
insert into grading_periods (unit_id, kind, name, starts_on, ends_on, rule_set_code, rule_set_version, rules)
  select (select min(id) from units), 'ad_hoc', 'Tháng ' || i || '/2026', make_date(2026, i, 1), (make_date(2026, i, 1) + interval '1 month' - interval '1 day')::date,
         'qd366', '2025-08-30', jsonb_build_object('thang', i) from generate_series(1, 8) i;
insert into grading_entries (period_id, subject, member_id, unit_id, role_group, excluded, self_scores, self_points, self_grade, self_forms, proposed_grade, decided_grade, grade, decided_on, four_good)
  select p.id, 'member', m.id, m.unit_id, 'khong_giu_chuc_vu', case when m.id % 4 = 0 then '{"key": "grading.excluded.exempted", "params": {}}'::jsonb end,
         '{"general": 27.5}', 27.5, 'httnv', '{"form": "2A", "fields": {"uu_diem": "Gương mẫu “tốt”"}}', 'httnv',
         case when m.id % 4 <> 0 then 'httnv' end, case when m.id % 4 <> 0 then 'httnv' end, case when m.id % 4 <> 0 then date '2026-04-10' end, null
  from (select id from grading_periods order by id limit 2) p, (select id, unit_id from members order by id limit 4) m;
insert into grading_entries (period_id, subject, unit_id, role_group, grade, decided_grade, decided_on, four_good)
  select p.id, 'organisation', c.id, 'organisation', 'htxsnv', 'htxsnv', date '2026-04-10', true
  from (select id from grading_periods order by id limit 1) p, (select id from units where kind = 'chi_bo' order by id limit 4) c;
insert into grading_amendments (entry_id, from_grade, to_grade, reason, decision_number)
  select e.id, 'httnv', 'htnv', 'Điều chỉnh lần ' || i, case when i = 1 then '12-QĐ/ĐU' end
  from (select id from grading_entries where decided_grade is not null and subject = 'member') e, generate_series(1, 2) i;
insert into villages (cell_id, name, kind, established_on, dissolved_on, decision_number)
  select (select min(id) from units where kind = 'chi_bo'), 'Thôn ' || i, case when i % 3 = 0 then 'ban' else 'thon' end, date '2020-01-01',
         case when i = 8 then date '2026-01-01' end, case when i = 1 then '3-QĐ/UBND' end from generate_series(1, 8) i;
insert into member_residences (member_id, village_id, valid_from, valid_to)
  select m.id, v.id, date '2024-01-01', case when v.id % 2 = 0 then date '2026-01-01' end
  from (select id from members order by id limit 4) m, (select id from villages order by id limit 2) v;
insert into growth_targets (cell_id, year, target, set_by_unit_id)
  select c.id, y, 1 + (c.id + y) % 3, (select min(id) from units) from (select id from units where kind = 'chi_bo' order by id limit 4) c, generate_series(2025, 2026) y
  on conflict do nothing;
insert into admission_candidates (unit_id, village_id, full_name, sex, date_of_birth, residence, stage)
  select (select min(id) from units where kind = 'chi_bo'), case when i % 2 = 0 then i end, 'Quần chúng “' || i || '”', 'nu', date '1995-01-01' + i,
         case when i % 2 = 0 then 'Bản Nà Hẩu' end, 'application'
  from generate_series(1, 8) i;
insert into admission_steps (candidate_id, stage, done_on, note, superseded) select id, 'source', date '2025-01-05', 'Nguồn ' || id, false from admission_candidates;
insert into admission_steps (candidate_id, stage, done_on, votes_for, votes_total, corrects_step_id, correction_reason)
  select candidate_id, 'source', date '2025-01-06', 5, 6, id, 'Ghi nhầm ngày' from admission_steps;
insert into admission_documents (candidate_id, document, status, received_on, verified_on)
  select id, d, case when d = 'application' then 'received' else 'verified' end, date '2025-02-01', case when d = 'application' then null else date '2025-02-10' end
  from admission_candidates, unnest(array['application', 'certificate']) d
  on conflict do nothing;
insert into calendar_days (day, kind, note) select date '2027-01-01' + i, case when i % 2 = 0 then 'day_off' else 'working_day' end, 'Ngày ' || i from generate_series(1, 8) i;
insert into dues_bases (member_id, basis, earnings, fixed_amount, past_working_age, valid_from, valid_to, note)
  select id, case when id % 2 = 0 then 'insured_salary' else 'other' end, case when id % 2 = 0 then 8765450 end,
         case when id % 2 = 1 then 10000 end, id % 3 = 0, date '2026-01-01', case when id % 4 = 0 then date '2026-06-01' end, 'Lương “mới”'
  from (select id from members order by id limit 8) m;
insert into dues_exemptions (member_id, reason, from_month, to_month, decision_number, decided_on)
  select id, 'poor_household', date '2026-03-01', case when id % 2 = 0 then date '2026-12-01' end, '12-QĐ/ĐU', date '2026-03-02' from (select id from members order by id limit 8) m;
insert into dues_reductions (member_id, percent, from_month, months, decision_number)
  select id, 50, date '2026-04-01', 12, case when id % 2 = 0 then '13-QĐ/ĐU' end from (select id from members order by id limit 8) m;
insert into dues_payments (member_id, month, unit_id, due, amount, method, reference, paid_on, rule_set_code)
  select m.id, make_date(2026, i, 1), m.unit_id, 5000, 5000 + i, case when i % 2 = 0 then 'online' else 'cash' end, case when i % 2 = 0 then 'FT' || i end,
         make_date(2026, i, 10), 'qd01-2026'
  from (select id, unit_id from members order by id limit 4) m, generate_series(1, 2) i;
update dues_payments p set replaced_by = (select max(id) from dues_payments) where p.id = (select min(id) from dues_payments);
insert into member_transfers (member_id, from_unit_id, to_unit_id, destination, decision_number, decision_on, issued_by, status, received_on)
  select m.id, m.unit_id, case when m.id % 2 = 0 then (select max(id) from units where kind = 'chi_bo') end, case when m.id % 2 = 1 then 'Đảng bộ “nơi đến” ' || m.id end,
         m.id || '-QĐ/ĐU', date '2026-03-01', 'Đảng ủy xã', case when m.id % 2 = 0 then 'sent' else 'accepted' end, case when m.id % 2 = 1 then date '2026-03-01' end
  from (select id, unit_id from members order by id limit 8) m;
insert into strike_off_proposals (member_id, unit_id, reason, months, proposed_on, resolution_number, status)
  select m.id, m.unit_id, 'absence', array['2026-01', '2026-03', '2026-05'], date '2026-06-01', m.id || '-NQ/CB', case when m.id % 2 = 0 then 'proposed' else 'rejected' end
  from (select id, unit_id from members order by id limit 8) m;
insert into residence_comments (link_id, member_id, residence_unit_id, work_unit_id, year, requested_on, keeps_contact, comment, answered_on)
  select r.id, r.member_id, r.unit_id, m.unit_id, 2026, date '2026-11-02', case when r.id % 2 = 0 then true end, case when r.id % 2 = 0 then 'Gương mẫu “nơi cư trú”' end,
         case when r.id % 2 = 0 then date '2026-11-20' end
  from member_residence_links r join members m on m.id = r.member_id;
insert into grading_commitments (year, subject, member_id, kind, content, pledge)
  select 2026, 'member', id, 'hoc_tap_lam_theo_bac', 'Học tập và làm theo Bác “phong cách quần chúng” ' || id, 'Gương mẫu'
  from (select id from members order by id limit 4) m;
insert into grading_commitments (year, subject, unit_id, kind, content)
  select 2026, 'organisation', id, 'chi_bo_4_tot', 'Phấn đấu đạt "Chi bộ 4 tốt"' from (select id from units where kind = 'chi_bo' order by id limit 4) c;
insert into member_disciplines (member_id, form, decided_on, decision_number, reason)
  select id, case when id % 2 = 0 then 'khien_trach' else 'canh_cao' end, date '2026-03-01', case when id % 2 = 0 then '5-QĐ/UBKT' end, 'Vi phạm quy định ' || id
  from (select id from members order by id limit 8) m;
insert into audit_log (action, entity_type, entity_id, after)
  select 'member.read', 'member', id::text, jsonb_build_object('n', 'Nguyễn') from (select id from members order by id limit 8) m;
`;

/** The backup's lines, to alter one and write the file back. */
function readLines(from: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(from)).toString('utf8').split('\n').filter(Boolean);
}
function writeLines(to: string, lines: string[]) {
  fs.writeFileSync(to, zlib.gzipSync(`${lines.join('\n')}\n`));
}

async function expectEmpty(database: Database) {
  for (const [table, rows] of Object.entries(await dumpAll(database))) expect(rows, table).toEqual([]);
}

beforeAll(async () => {
  t = await createTestApp();
  target = await openTestDatabase();
  await seedDemo(t.database, { scale: 'commune', seed: 1, asOf: '2026-11-01' });
  await t.database.execScript(FILL);
  await t.as('admin').catch(() => undefined); // a login attempt, whatever the demo password
}, 300_000); // the demo organisation takes a while on a busy machine
afterAll(async () => {
  await t.close();
  await target.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it(
    'restores a database whose every table spans several pages, row for row',
    async () => {
      const before = await dumpAll(t.database);
      for (const [table, rows] of Object.entries(before)) {
        // A new table needs rows in FILL above, so the round trip below covers it too.
        expect(rows.length, `table ${table} must span several backup pages: add rows to FILL`).toBeGreaterThan(2 * PAGE);
      }
      const result = await backupDatabase(t.database.db, file, { pageSize: PAGE });
      expect(result.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
      await restoreDatabase(target.db, file);
      const after = await dumpAll(target);
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      // The demo's 12 months of roll calls and the 56 added above.
      expect(after.meeting_attendance!.length).toBeGreaterThan(56 + 3000);
      // 340 generated and the admission candidate the demo admitted a year ago.
      expect(after.members).toHaveLength(341);
    },
    RESTORING,
  );

  it('continues the id sequences after a restore', async () => {
    const next = await target.db.insertInto('unit_events').values({ kind: 'create', effective_on: '2026-01-01' }).returning('id').executeTakeFirstOrThrow();
    const max = await t.database.db
      .selectFrom('unit_events')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(Number(max.m) + 1);
  });

  it('refuses to restore over existing data, in Vietnamese', async () => {
    await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ code: 'backup.not_empty', status: 409 });
  });
});

describe('a damaged or altered backup', () => {
  let empty: Database;
  beforeAll(async () => {
    empty = await openTestDatabase();
  });
  afterAll(async () => {
    await empty.close();
  });

  async function expectRefused(altered: string, table: string) {
    const error = await restoreDatabase(empty.db, altered).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).params.table).toBe(table);
    const message = translate('vi', `errors.${(error as AppError).code}`, (error as AppError).params);
    expect(message).toContain(`bảng ${table}`);
    expect(message).toContain('Không khôi phục');
    await expectEmpty(empty);
  }

  it(
    'refuses a file with one attendance row removed, naming the table, and restores nothing',
    async () => {
      const lines = readLines(file);
      const at = lines.findIndex((l) => l.startsWith('{"table":"meeting_attendance"'));
      const line = JSON.parse(lines[at]!) as { table: string; rows: unknown[] };
      line.rows.splice(1, 1);
      lines[at] = JSON.stringify(line);
      const altered = path.join(dir, 'row-removed.backup');
      writeLines(altered, lines);
      await expectRefused(altered, 'meeting_attendance');
    },
    RESTORING,
  );

  it(
    'refuses a file with one value changed',
    async () => {
      const lines = readLines(file);
      const at = lines.findIndex((l) => l.startsWith('{"table":"members"'));
      lines[at] = lines[at]!.replace(/"full_name":"[^"]*"/, '"full_name":"Nguyễn Văn Giả"');
      const altered = path.join(dir, 'value-changed.backup');
      writeLines(altered, lines);
      await expectRefused(altered, 'members');
    },
    RESTORING,
  );

  it(
    'refuses a file cut short before a table ends',
    async () => {
      const lines = readLines(file);
      const at = lines.findIndex((l) => l.startsWith('{"table":"meetings"'));
      const altered = path.join(dir, 'cut.backup');
      writeLines(altered, lines.slice(0, at + 1));
      await expectRefused(altered, 'meetings');
    },
    RESTORING,
  );

  it(
    'recomputes the kept read models a file from before them does not carry',
    async () => {
      // A backup written before migration 20261201T0610: no per-subtree counts, no meeting sums.
      const kept = [
        'meeting_facts',
        'cell_month_facts',
        'subtree_member_counts',
        'subtree_month_sums',
        'cell_islands',
        'cell_year_held',
        'subtree_year_patterns',
        'subtree_island_shapes',
        'unexcused_absences',
      ];
      const lines = readLines(file).filter((l) => !kept.some((k) => l.startsWith(`{"table":"${k}"`) || l.startsWith(`{"end":"${k}"`)));
      const header = JSON.parse(lines[0]!) as { tables: string[]; migrations: string[] };
      lines[0] = JSON.stringify({
        ...header,
        tables: header.tables.filter((t) => !kept.includes(t)),
        migrations: header.migrations.filter((m) => m < '20261201T0610'),
      });
      const older = path.join(dir, 'older.backup');
      writeLines(older, lines);
      const fresh = await openTestDatabase();
      try {
        await restoreDatabase(fresh.db, older);
        const [restored, source] = [await dumpAll(fresh), await dumpAll(t.database)];
        // Recomputed 1,000 meetings at a time (figures/refresh-meeting-facts.ts).
        expect(restored.meeting_facts!.length).toBeGreaterThan(100);
        expect(restored.meeting_facts).toEqual(source.meeting_facts);
        expect(restored.cell_month_facts!.length).toBeGreaterThan(100);
        expect(restored.cell_month_facts).toEqual(source.cell_month_facts);
        // Signed rows are folded when recomputed: the same counts, one row per key.
        const folded = (rows: string[]) => {
          const sums = new Map<string, number>();
          for (const r of rows.map((j) => JSON.parse(j) as { ancestor_id: number; dim: string; key: string; n: number })) {
            const key = `${r.ancestor_id}|${r.dim}|${r.key}`;
            sums.set(key, (sums.get(key) ?? 0) + r.n);
          }
          return [...sums].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b));
        };
        expect(folded(restored.subtree_member_counts!)).toEqual(folded(source.subtree_member_counts!));
        expect(restored.cell_islands!.length).toBeGreaterThan(10);
        expect(restored.cell_islands).toEqual(source.cell_islands);
        const heldRows = (rows: string[]) => rows.filter((j) => /"(held|t[1-4])":[1-9-]/.test(j));
        expect(heldRows(restored.cell_year_held!)).toEqual(heldRows(source.cell_year_held!));
        const foldedSums = (rows: string[]) => {
          const sums = new Map<string, number[]>();
          for (const { ancestor_id, month, ...counts } of rows.map((j) => JSON.parse(j) as Record<string, number>)) {
            const key = `${ancestor_id}|${month}`;
            const values = Object.values(counts);
            sums.set(
              key,
              (sums.get(key) ?? values.map(() => 0)).map((n, i) => n + values[i]!),
            );
          }
          return [...sums].filter(([, v]) => v.some((n) => n !== 0)).sort(([a], [b]) => a.localeCompare(b));
        };
        expect(foldedSums(restored.subtree_month_sums!).length).toBeGreaterThan(10);
        expect(foldedSums(restored.subtree_month_sums!)).toEqual(foldedSums(source.subtree_month_sums!));
        const foldedCounts = (rows: string[]) => {
          const sums = new Map<string, number>();
          for (const { n, ...key } of rows.map((j) => JSON.parse(j) as Record<string, number>)) {
            const k = JSON.stringify(key);
            sums.set(k, (sums.get(k) ?? 0) + n);
          }
          return [...sums].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b));
        };
        expect(foldedCounts(restored.subtree_year_patterns!).length).toBeGreaterThan(5);
        expect(foldedCounts(restored.subtree_year_patterns!)).toEqual(foldedCounts(source.subtree_year_patterns!));
        expect(foldedCounts(restored.subtree_island_shapes!)).toEqual(foldedCounts(source.subtree_island_shapes!));
        expect(restored.unexcused_absences!.length).toBeGreaterThan(5);
        expect(restored.unexcused_absences!.toSorted()).toEqual(source.unexcused_absences!.toSorted());
      } finally {
        await fresh.close();
      }
    },
    RESTORING,
  );

  it(
    'still reads a version 1 file (no counts or checksums), saying it could not verify it',
    async () => {
      const lines = readLines(file).filter((l) => !l.startsWith('{"end":'));
      const header = JSON.parse(lines[0]!) as Record<string, unknown>;
      delete header.tables;
      lines[0] = JSON.stringify({ ...header, version: 1 });
      const old = path.join(dir, 'version-1.backup');
      writeLines(old, lines);
      const result = await restoreDatabase(empty.db, old);
      expect(result.verified).toBe(false);
      expect(await dumpAll(empty)).toEqual(await dumpAll(t.database));
    },
    RESTORING,
  );
});
