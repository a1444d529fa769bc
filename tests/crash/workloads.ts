// What the crash tests do while the server is killed, and what must hold afterwards.
// Each workload loops over real HTTP until the kill, recording every write the server
// acknowledged; its check then reads the database: every acknowledged write is there and
// nothing is half-written (also for writes that committed but were never acknowledged).
import { sql } from 'kysely';
import type { Database } from '../../src/db/connect.ts';
import { todayInVietnam } from '../../src/domain/calendar.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { type CrashOrg, importFile, PASSWORD } from './crash-fixtures.ts';
import { type HttpAnswer, loginOverHttp, type ServerProcess } from './server-process.ts';

/**
 * One server's life: `killed` is set just before the SIGKILL; `inFlight` says what was being
 * written; `acknowledged` is called on every acknowledged write (the kill timer starts at the first).
 */
export interface Round {
  number: number;
  killed: boolean;
  inFlight: Map<string, number>;
  acknowledged(): void;
}

export interface Workload {
  /** Logs in (before the kill timer starts) and returns the write loop. */
  prepare(server: ServerProcess, round: Round): Promise<() => Promise<void>>;
  /** Every fault found in the data, as sentences; empty when all holds. */
  check(database: Database): Promise<string[]>;
  /** One line on what was written and acknowledged over all rounds. */
  summary(): string;
}

/** Sends one write; null when the server was killed before it answered. A refusal before the kill is a test failure. */
async function write(round: Round, label: string, expected: number, send: () => Promise<HttpAnswer>): Promise<HttpAnswer | null> {
  round.inFlight.set(label, performance.now());
  try {
    const res = await send();
    if (res.status !== expected) throw new Error(`${label}: expected ${expected}, got ${res.status} ${res.body.slice(0, 500)}`);
    round.acknowledged();
    return res;
  } catch (error) {
    if (round.killed) return null;
    throw error;
  } finally {
    round.inFlight.delete(label);
  }
}

const count = async (database: Database, query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(database.db)).rows[0]!.n);

// ---- (a) import apply -------------------------------------------------------------------
export function importWorkload(org: CrashOrg, rows: number): Workload {
  const attempts: { prefix: string; acknowledged: boolean }[] = [];
  return {
    async prepare(server, round) {
      const admin = await loginOverHttp(server.baseUrl, 'quantri', PASSWORD);
      const prefix = (i: number) => `R${round.number}F${i}.`;
      let next = importFile(prefix(1), rows);
      return async () => {
        for (let i = 1; !round.killed; i++) {
          const file = await next;
          next = importFile(prefix(i + 1), rows);
          if (round.killed) break;
          const attempt = { prefix: prefix(i), acknowledged: false };
          attempts.push(attempt);
          const { payload, headers } = multipartFile(`${attempt.prefix}xlsx`, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          const res = await write(round, `import ${attempt.prefix}xlsx (${rows} rows)`, 200, () =>
            admin('POST', `/api/v1/imports/members?unitId=${org.importCell}&mode=apply`, payload, headers),
          );
          if (!res) break;
          attempt.acknowledged = true;
        }
        await next.catch(() => {});
      };
    },
    async check(database) {
      const faults: string[] = [];
      for (const a of attempts) {
        const like = `${a.prefix}%`;
        const members = await count(database, sql`select count(*) as n from members where party_card_number like ${like}`);
        const whole = await count(
          database,
          sql`select count(*) as n from members m where m.party_card_number like ${like}
          and exists (select 1 from member_placements p where p.member_id = m.id)
          and exists (select 1 from member_statuses s where s.member_id = m.id)
          and (select count(*) from audit_log l where l.action = 'member.create' and l.entity_type = 'member' and l.entity_id = m.id::text) = 1`,
        );
        const applied = await count(database, sql`select count(*) as n from audit_log where action = 'import.apply' and after->>'file' = ${`${a.prefix}xlsx`}`);
        if (a.acknowledged && members !== rows) faults.push(`import ${a.prefix}xlsx was acknowledged but ${members} of its ${rows} members are present`);
        if (members !== 0 && members !== rows) faults.push(`import ${a.prefix}xlsx is half-written: ${members} of ${rows} members`);
        if (whole !== members) faults.push(`import ${a.prefix}xlsx: ${members - whole} members lack their placement, status or audit row`);
        if (applied !== (members === rows ? 1 : 0)) faults.push(`import ${a.prefix}xlsx: ${applied} import.apply audit rows for ${members} members`);
      }
      return faults;
    },
    summary() {
      return `${attempts.length} imports of ${rows} rows sent, ${attempts.filter((a) => a.acknowledged).length} acknowledged`;
    },
  };
}

// ---- (b) adoption of minutes ------------------------------------------------------------
type Step = 'plan' | 'previous_resolution' | 'grade' | 'attendance' | 'minutes' | 'adopt';

export function adoptionWorkload(org: CrashOrg): Workload {
  const meetings: { topic: string; id?: number; acknowledged: Set<Step> }[] = [];
  const yesterday = new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const minutes = {
    openedAt: '08:00',
    closedAt: '09:45',
    chairName: 'Nguyễn Văn An',
    chairPosition: 'Bí thư chi bộ',
    minuteTakerName: 'Trần Thị Bình',
    purpose: 'Đánh giá tháng trước, đề ra nhiệm vụ tháng này',
    previousResolutionReview: 'Đã hoàn thành các chỉ tiêu',
    agendaItems: [{ title: 'Đánh giá nghị quyết tháng trước', summary: 'Hoàn thành 4/5 chỉ tiêu', speakers: ['Lê Văn Cường'] }],
    conclusions: 'Chi bộ thống nhất hai nhiệm vụ trọng tâm',
    resolutionItems: ['Hoàn thành 300 m đường bê tông'],
    votes: { for: 6, against: 0, abstain: 0 },
    tasks: [{ memberId: org.cellMembers[2]!, assignee: 'Lê Văn Cường', description: 'Phụ trách tổ làm đường', dueOn: '2026-12-31' }],
  };
  return {
    async prepare(server, round) {
      const bithu = await loginOverHttp(server.baseUrl, 'bithu1', PASSWORD);
      return async () => {
        for (let i = 1; !round.killed; i++) {
          const m: (typeof meetings)[number] = { topic: `Sinh hoạt chi bộ, lần thử R${round.number}M${i}`, acknowledged: new Set() };
          meetings.push(m);
          const step = async (name: Step, expected: number, send: () => Promise<HttpAnswer>) => {
            const res = await write(round, `${name} of meeting R${round.number}M${i}`, expected, send);
            if (res) m.acknowledged.add(name);
            return res;
          };
          const planned = await step('plan', 201, () =>
            bithu('POST', '/api/v1/meetings', {
              unitId: org.meetingCell,
              // Many meetings a round in one month: one regular meeting a month is the rule, so these are extraordinary.
              kind: 'extraordinary',
              date: yesterday,
              startTime: '08:00',
              endTime: '10:00',
              place: 'Nhà văn hóa thôn Một',
              topic: m.topic,
              focalIssues: ['Làm đường giao thông nông thôn', 'Thu nộp đảng phí'],
            }),
          );
          if (!planned) break;
          const id = planned.json<{ id: number }>().id;
          m.id = id;
          if (!(await step('previous_resolution', 200, () => bithu('PUT', `/api/v1/meetings/${id}/previous-resolution`, { done: true })))) break;
          // Graded before the roll call, so the grade adoption recomputes differs from this one.
          if (!(await step('grade', 200, () => bithu('PUT', `/api/v1/meetings/${id}/quality`, { ticks: { focused_content: true, proper_sequence: true } }))))
            break;
          if (
            !(await step('attendance', 200, () =>
              bithu('PUT', `/api/v1/meetings/${id}/attendance`, {
                entries: org.cellMembers.map((memberId) => ({ memberId, status: 'present' })),
              }),
            ))
          )
            break;
          if (!(await step('minutes', 200, () => bithu('PUT', `/api/v1/meetings/${id}/minutes`, { content: minutes })))) break;
          if (!(await step('adopt', 200, () => bithu('POST', `/api/v1/meetings/${id}/minutes/adopt`)))) break;
        }
      };
    },
    async check(database) {
      const faults: string[] = [];
      const rows = await sql<{ id: number; topic: string }>`select id, topic from meetings where unit_id = ${org.meetingCell}`.execute(database.db);
      const byTopic = new Map(rows.rows.map((r) => [r.topic, r.id]));
      for (const m of meetings) {
        const id = byTopic.get(m.topic);
        const label = `meeting ${m.topic.split(' ').pop()}`;
        if (id === undefined) {
          if (m.acknowledged.size) faults.push(`${label} was acknowledged (${[...m.acknowledged].join(', ')}) but is missing`);
          continue;
        }
        const audits = (action: string) =>
          count(database, sql`select count(*) as n from audit_log where entity_type = 'meeting' and entity_id = ${String(id)} and action like ${action}`);
        const state = (
          await sql<{
            minutes: number;
            adopted: boolean;
            snapshot: boolean;
            numbered: boolean;
            attendance: number;
            actions: number;
            graded: number;
            attendanceMet: boolean | null;
          }>`
          select (select count(*) from meeting_minutes where meeting_id = ${id}) as minutes,
                 coalesce((select adopted_at is not null from meeting_minutes where meeting_id = ${id}), false) as adopted,
                 exists (select 1 from meeting_roll_at_adoption where meeting_id = ${id}) as snapshot,
                 coalesce((select number is not null from meeting_minutes where meeting_id = ${id}), false) as numbered,
                 (select count(*) from meeting_attendance where meeting_id = ${id}) as attendance,
                 (select count(*) from tasks where meeting_id = ${id}) as actions,
                 (select count(*) from meeting_quality where meeting_id = ${id}) as graded,
                 (select (c->>'met')::boolean from meeting_quality q, jsonb_array_elements(q.result->'criteria') c
                   where q.meeting_id = ${id} and c->>'key' = 'attendance') as "attendanceMet"`.execute(database.db)
        ).rows[0]!;
        const n = {
          plan: await audits('meeting.plan'),
          grade: await audits('meeting.grade'),
          attendance: await audits('meeting.attendance.%'),
          minutes: await audits('minutes.save'),
          adopt: await audits('minutes.adopt'),
        };
        const ack = (s: Step) => m.acknowledged.has(s);
        if (n.plan !== 1) faults.push(`${label}: ${n.plan} meeting.plan audit rows`);
        if (ack('grade') && !state.graded) faults.push(`${label}: the acknowledged grade is missing`);
        if (state.graded > 0 !== n.grade > 0) faults.push(`${label}: grade ${state.graded} without its audit row (${n.grade}) or the reverse`);
        if (ack('attendance') && Number(state.attendance) !== org.cellMembers.length)
          faults.push(`${label}: the acknowledged roll call has ${state.attendance} rows`);
        if (![0, org.cellMembers.length].includes(Number(state.attendance))) faults.push(`${label}: half a roll call (${state.attendance} rows)`);
        if (Number(state.attendance) > 0 !== n.attendance > 0)
          faults.push(`${label}: roll call and its audit row disagree (${state.attendance} rows, ${n.attendance} audits)`);
        if (ack('minutes') && !state.minutes) faults.push(`${label}: the acknowledged minutes are missing`);
        if (Number(state.minutes) > 0 !== n.minutes > 0) faults.push(`${label}: minutes and their audit row disagree (${state.minutes}, ${n.minutes})`);
        if (ack('adopt') && !state.adopted) faults.push(`${label}: the acknowledged adoption is missing`);
        if (state.adopted) {
          if (!state.snapshot || !state.numbered || n.adopt !== 1 || Number(state.actions) !== 1 || (state.graded && state.attendanceMet !== true)) {
            faults.push(
              `${label}: adopted but incomplete (snapshot ${state.snapshot}, number ${state.numbered}, adopt audits ${n.adopt}, action items ${state.actions}, regraded ${state.attendanceMet})`,
            );
          }
        } else if (state.snapshot || n.adopt !== 0 || Number(state.actions) !== 0 || state.attendanceMet === true) {
          faults.push(
            `${label}: not adopted but partly adopted (snapshot ${state.snapshot}, adopt audits ${n.adopt}, action items ${state.actions}, regraded ${state.attendanceMet})`,
          );
        }
      }
      const untracked = rows.rows.filter((r) => !meetings.some((m) => m.topic === r.topic));
      if (untracked.length) faults.push(`${untracked.length} meetings nobody planned: ${untracked.map((r) => r.topic).join('; ')}`);
      return faults;
    },
    summary() {
      return `${meetings.length} meetings started, ${meetings.filter((m) => m.acknowledged.has('adopt')).length} adoptions acknowledged`;
    },
  };
}

// ---- (c) a write loop: members created as fast as the server takes them ------------------
export function writeLoopWorkload(org: CrashOrg, writers: number): Workload {
  const sent: { name: string; id?: number }[] = [];
  return {
    async prepare(server, round) {
      const bithu = await loginOverHttp(server.baseUrl, 'bithu2', PASSWORD);
      return async () => {
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let n = 0; !round.killed; n++) {
              const tag = `R${round.number}W${w}N${n}`;
              const attempt: (typeof sent)[number] = { name: `Lương Văn Ghi ${tag}` };
              sent.push(attempt);
              const res = await write(round, `member ${tag}`, 201, () =>
                bithu('POST', '/api/v1/members', {
                  fullName: attempt.name,
                  sex: 'nam',
                  dateOfBirth: '1980-01-01',
                  fullMemberOn: '2010-01-01',
                  unitId: org.writeCell,
                  joinedUnitOn: '2024-01-01',
                  partyCardNumber: `GHI${round.number}${w}${String(n).padStart(5, '0')}`,
                }),
              );
              if (!res) break;
              attempt.id = res.json<{ id: number }>().id;
            }
          }),
        );
      };
    },
    async check(database) {
      const faults: string[] = [];
      const present = await sql<{ id: number; full_name: string; placements: number; statuses: number; audits: number }>`
        select m.id, m.full_name,
               (select count(*) from member_placements p where p.member_id = m.id) as placements,
               (select count(*) from member_statuses s where s.member_id = m.id) as statuses,
               (select count(*) from audit_log l where l.action = 'member.create' and l.entity_type = 'member' and l.entity_id = m.id::text) as audits
        from members m where m.unit_id = ${org.writeCell}`.execute(database.db);
      const byId = new Map(present.rows.map((r) => [r.id, r]));
      for (const a of sent.filter((s) => s.id !== undefined)) {
        const row = byId.get(a.id!);
        // (The server writes names in title case: R1W0N0 becomes R1w0n0.)
        if (!row || row.full_name.toLowerCase() !== a.name.toLowerCase()) faults.push(`member ${a.name} (id ${a.id}) was acknowledged but is missing`);
      }
      for (const r of present.rows) {
        if (Number(r.placements) !== 1 || Number(r.statuses) !== 1 || Number(r.audits) !== 1) {
          faults.push(`member ${r.full_name} is half-written: ${r.placements} placements, ${r.statuses} statuses, ${r.audits} audit rows`);
        }
      }
      return faults;
    },
    summary() {
      return `${sent.length} member creations sent, ${sent.filter((s) => s.id !== undefined).length} acknowledged`;
    },
  };
}
