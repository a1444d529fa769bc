// The figures counted directly from the base tables, in plain TypeScript, for the figures
// tests: the tree walked day by day from unit_versions, members from their placements and
// statuses, meetings from their roll calls and check-ins. Written apart from the engine
// (no shared SQL, no shared date arithmetic) so that agreement means something.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';

type Row = Record<string, unknown>;
interface Version {
  unit_id: number;
  name: string;
  kind: string;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
}
interface Dated {
  member_id: number;
  valid_from: string;
  valid_to: string | null;
}

const on = (r: { valid_from: string; valid_to: string | null }, d: string) => r.valid_from <= d && (r.valid_to === null || r.valid_to > d);
const count = <T>(xs: T[], key: (x: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};

function years(from: string, d: string): number {
  let n = Number(d.slice(0, 4)) - Number(from.slice(0, 4));
  if (d.slice(5) < from.slice(5)) n -= 1;
  return n;
}
const ageBand = (a: number) => (a < 30 ? 'duoi_30' : a <= 40 ? '30_40' : a <= 50 ? '41_50' : a <= 60 ? '51_60' : 'tren_60');
const partyBand = (a: number) => (a < 10 ? 'duoi_10' : a < 20 ? '10_19' : a < 30 ? '20_29' : a < 40 ? '30_39' : 'tu_40');

function daysOf(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const monthEnd = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

export class Oracle {
  private readonly versions: Version[];
  private readonly units: Map<number, { code: string; path: string }>;
  private readonly placements: (Dated & { unit_id: number })[];
  private readonly statuses: (Dated & { status: string })[];
  private readonly members: Map<number, Row>;
  private readonly meetings: Row[];
  private readonly attendance: Row[];
  private readonly checkIns: Row[];
  private readonly grades: Map<number, string>;
  private readonly attributeHistory: Row[];

  private constructor(
    versions: Version[],
    units: Map<number, { code: string; path: string }>,
    placements: (Dated & { unit_id: number })[],
    statuses: (Dated & { status: string })[],
    members: Map<number, Row>,
    meetings: Row[],
    attendance: Row[],
    checkIns: Row[],
    grades: Map<number, string>,
    attributeHistory: Row[],
  ) {
    this.versions = versions;
    this.units = units;
    this.placements = placements;
    this.statuses = statuses;
    this.members = members;
    this.meetings = meetings;
    this.attendance = attendance;
    this.checkIns = checkIns;
    this.grades = grades;
    this.attributeHistory = attributeHistory;
  }

  static async load(db: Kysely<DB>): Promise<Oracle> {
    const [versions, units, placements, statuses, members, meetings, attendance, checkIns, quality, history] = await Promise.all([
      db.selectFrom('unit_versions').selectAll().execute(),
      db.selectFrom('units').select(['id', 'code', 'path']).execute(),
      db.selectFrom('member_placements').selectAll().execute(),
      db.selectFrom('member_statuses').selectAll().execute(),
      db.selectFrom('members').selectAll().execute(),
      db.selectFrom('meetings').selectAll().execute(),
      db.selectFrom('meeting_attendance').selectAll().execute(),
      db.selectFrom('meeting_check_ins').selectAll().execute(),
      db.selectFrom('meeting_quality').select(['meeting_id', 'grade']).execute(),
      db.selectFrom('member_attribute_history').selectAll().execute(),
    ]);
    return new Oracle(
      versions as Version[],
      new Map(units.map((u) => [u.id, u])),
      placements,
      statuses,
      new Map(members.map((m) => [m.id, m as unknown as Row])),
      meetings as unknown as Row[],
      attendance as unknown as Row[],
      checkIns as unknown as Row[],
      new Map(quality.map((q) => [q.meeting_id, q.grade])),
      history as unknown as Row[],
    );
  }

  /** The member's record with the education, theory level and religion they had on the date. */
  memberOn(id: number, d: string): Row {
    const m = this.members.get(id)!;
    const then = this.attributeHistory.find((h) => h.member_id === id && (h.valid_from === null || String(h.valid_from) <= d) && String(h.valid_to) > d);
    return then ? { ...m, education: then.education, theory_level: then.theory_level, religion: then.religion } : m;
  }

  /** unit id → its version on the date. */
  tree(d: string): Map<number, Version> {
    return new Map(this.versions.filter((v) => on(v, d)).map((v) => [v.unit_id, v]));
  }

  under(root: number, d: string): Map<number, Version> {
    const tree = this.tree(d);
    const out = new Map<number, Version>();
    if (!tree.has(root)) return out;
    const queue = [root];
    while (queue.length) {
      const id = queue.shift()!;
      out.set(id, tree.get(id)!);
      for (const v of tree.values()) if (v.parent_id === id) queue.push(v.unit_id);
    }
    return out;
  }

  membersUnder(root: number, d: string) {
    const units = this.under(root, d);
    const out: { id: number; unitId: number; status: string; m: Row }[] = [];
    for (const p of this.placements) {
      if (!on(p, d) || !units.has(p.unit_id)) continue;
      const s = this.statuses.find((x) => x.member_id === p.member_id && on(x, d));
      if (!s || ['chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran'].includes(s.status)) continue;
      out.push({ id: p.member_id, unitId: p.unit_id, status: s.status, m: this.memberOn(p.member_id, d) });
    }
    return out;
  }

  /** Điều lệ Art. 21 before 1/7/2025 (đảng bộ xã = đảng bộ cơ sở); after, a đảng bộ xã counts when it holds a chi bộ directly. */
  organisations(root: number, d: string) {
    const units = [...this.under(root, d).values()];
    const holdsCell = (id: number) => units.some((u) => u.parent_id === id && u.unit_id !== root && u.kind === 'chi_bo');
    const committees = units.filter((u) => u.kind === 'dang_bo_co_so' || (u.kind === 'dang_bo_xa' && (d < '2025-07-01' || holdsCell(u.unit_id)))).length;
    const grassrootsCells = units.filter((u) => u.kind === 'chi_bo_co_so').length;
    const underCommittees = units.filter((u) => u.kind === 'chi_bo').length;
    return {
      grassroots: { n: committees + grassrootsCells, committees, cells: grassrootsCells },
      cells: { n: underCommittees + grassrootsCells, underCommittees, grassrootsCells },
    };
  }

  unitFigures(root: number, d: string) {
    const ms = this.membersUnder(root, d);
    const tree = this.under(root, d);
    const kids = [...tree.values()].filter((v) => v.parent_id === root && v.unit_id !== root);
    return {
      total: ms.length,
      byStatus: count(ms, (x) => x.status),
      bySex: count(ms, (x) => String(x.m.sex)),
      byAgeBand: count(ms, (x) => ageBand(years(String(x.m.date_of_birth), d))),
      byEthnicity: count(ms, (x) => String(x.m.ethnicity)),
      byReligion: count(ms, (x) => String(x.m.religion)),
      byEducation: count(ms, (x) => (x.m.education ? String(x.m.education) : 'khong_ro')),
      byTheoryLevel: count(ms, (x) => (x.m.theory_level ? String(x.m.theory_level) : 'khong_ro')),
      byPartyAge: count(ms, (x) => (x.m.admitted_on && String(x.m.admitted_on) <= d ? partyBand(years(String(x.m.admitted_on), d)) : 'khong_ro')),
      organisations: this.organisations(root, d),
      subUnits: Object.fromEntries(
        kids.map((k) => [
          k.unit_id,
          {
            members: this.membersUnder(k.unit_id, d).length,
            cells: this.organisations(k.unit_id, d).cells.n,
            grassroots: this.organisations(k.unit_id, d).grassroots.n,
          },
        ]),
      ),
    };
  }

  /** Held: not cancelled, dated by `end`, attendance taken. */
  private held(m: Row, end: string) {
    return (
      m.status === 'planned' &&
      String(m.held_on) <= end &&
      (this.attendance.some((a) => a.meeting_id === m.id) || this.checkIns.some((c) => c.meeting_id === m.id))
    );
  }

  private roll(m: Row) {
    const d = String(m.held_on);
    const rollPath = this.units.get(Number(m.party_group_id ?? m.unit_id))!.path;
    return this.placements
      .filter((p) => on(p, d) && this.units.get(p.unit_id)!.path.startsWith(rollPath))
      .filter((p) => ['du_bi', 'chinh_thuc'].includes(this.statuses.find((s) => s.member_id === p.member_id && on(s, d))?.status ?? ''))
      .map((p) => p.member_id);
  }

  private attendanceOf(meetingId: number, memberId: number): string | null {
    const a = this.attendance.find((x) => x.meeting_id === meetingId && x.member_id === memberId);
    const c = this.checkIns.find((x) => x.meeting_id === meetingId && x.member_id === memberId);
    if (a && (!c || (a.recorded_at as Date) >= (c.checked_in_at as Date))) return String(a.status);
    return c ? 'present' : null;
  }

  /** The child of `root` that `unit` sat under on `d` (null: not under root). */
  private topOn(root: number, unit: number, d: string): number | null {
    const tree = this.tree(d);
    let id: number | null = unit;
    let prev: number | null = null;
    for (;;) {
      if (id === root) return prev;
      const v = tree.get(id!);
      if (!v) return null;
      prev = id;
      id = v.parent_id;
      if (id === null) return null;
    }
  }

  meetingFigures(root: number, from: string, to: string, today: string) {
    const end = to < today ? to : today;
    const cellKinds = ['chi_bo', 'chi_bo_co_so'];
    const months: string[] = [];
    for (let y = Number(from.slice(0, 4)), mo = Number(from.slice(5, 7)); ; mo++) {
      if (mo > 12) {
        mo = 1;
        y++;
      }
      const m = `${y}-${String(mo).padStart(2, '0')}`;
      if (m > end.slice(0, 7)) break;
      if (`${m}-01` >= from && monthEnd(m) <= end) months.push(m);
    }
    // cell → top per day of each required month
    const cellTops = new Map<string, Map<number, number | null>>(); // month → cell → top when the same all month (null: not throughout)
    for (const m of months) {
      const days = daysOf(`${m}-01`, monthEnd(m));
      const per = new Map<number, number | null>();
      const first = this.under(root, days[0]!);
      for (const [id, v] of first) {
        if (!cellKinds.includes(v.kind)) continue;
        const tops = days.map((d) => {
          const u = this.under(root, d).get(id);
          return u && cellKinds.includes(u.kind) ? this.topOn(root, id, d) : undefined;
        });
        if (tops.some((x) => x === undefined)) continue;
        per.set(id, tops.every((x) => x === tops[0]) ? tops[0]! : null);
      }
      cellTops.set(m, per);
    }
    const held = this.meetings.filter(
      (m) =>
        ['regular', 'thematic', 'extraordinary'].includes(String(m.kind)) &&
        String(m.held_on) >= from &&
        this.held(m, end) &&
        cellKinds.includes(this.under(root, String(m.held_on)).get(Number(m.unit_id))?.kind ?? ''),
    );
    const regularIn = (cell: number, month: string) => held.some((m) => m.unit_id === cell && m.kind === 'regular' && String(m.held_on).slice(0, 7) === month);
    const cells = new Set([...cellTops.values()].flatMap((per) => [...per.keys()]));
    const everyMonth = [...cells].filter((c) => months.filter((m) => cellTops.get(m)!.has(c)).every((m) => regularIn(c, m)));
    // quarters wholly required
    const quarters = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`))].filter((q) => {
      const n = (Number(q.slice(6)) - 1) * 3;
      return [1, 2, 3].every((i) => months.includes(`${q.slice(0, 4)}-${String(n + i).padStart(2, '0')}`));
    });
    const qMonths = (q: string) => [1, 2, 3].map((i) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + i).padStart(2, '0')}`);
    const thematicCells = [...cells].filter((c) => quarters.some((q) => qMonths(q).every((m) => cellTops.get(m)!.has(c))));
    const thematicOk = thematicCells.filter((c) =>
      quarters
        .filter((q) => qMonths(q).every((m) => cellTops.get(m)!.has(c)))
        .every((q) => held.some((m) => m.unit_id === c && m.kind === 'thematic' && qMonths(q).includes(String(m.held_on).slice(0, 7)))),
    );
    let expected = 0;
    let present = 0;
    const unexcused = new Map<number, string[]>();
    const byMonth = new Map<string, { n: number; of: number }>();
    for (const m of held) {
      for (const id of this.roll(m)) {
        const a = this.attendanceOf(Number(m.id), id);
        if (a === 'on_duty') continue; // armed forces away on duty: out of the ratio
        expected += 1;
        const mo = String(m.held_on).slice(0, 7);
        const e = byMonth.get(mo) ?? { n: 0, of: 0 };
        e.of += 1;
        if (a === 'present') {
          present += 1;
          e.n += 1;
        }
        byMonth.set(mo, e);
      }
    }
    // Striking-off: 3 distinct months with an absence without reason within 12 calendar
    // months, the third inside the period; the months before `from` count too.
    const monthNo = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
    const firstNo = monthNo(from) - 11;
    for (const m of this.meetings) {
      const d = String(m.held_on);
      if (!['regular', 'thematic', 'extraordinary'].includes(String(m.kind)) || monthNo(d) < firstNo || !this.held(m, end)) continue;
      if (!cellKinds.includes(this.under(root, d).get(Number(m.unit_id))?.kind ?? '')) continue;
      for (const id of this.roll(m)) {
        if (this.attendanceOf(Number(m.id), id) === 'absent_unexcused') unexcused.set(id, [...(unexcused.get(id) ?? []), d]);
      }
    }
    const warnings = [...unexcused.values()].filter((dates) => {
      const s = [...new Set(dates.map(monthNo))].sort((a, b) => a - b);
      return s.some((n, i) => i + 2 < s.length && s[i + 2]! - n < 12 && s[i + 2]! >= monthNo(from) && s[i + 2]! <= monthNo(end));
    }).length;
    const grades = { tot: 0, kha: 0, trung_binh: 0, kem: 0 } as Record<string, number>;
    for (const m of held) {
      const g = this.grades.get(Number(m.id));
      if (g) grades[g]! += 1;
    }
    return {
      meetingsHeld: held.length,
      monthlyCompliance: { n: everyMonth.length, of: cells.size },
      thematic: { n: thematicOk.length, of: thematicCells.length },
      attendanceRate: { n: present, of: expected },
      quality: Object.entries(grades).map(([grade, n]) => ({ grade, n })),
      graded: { n: Object.values(grades).reduce((a, b) => a + b, 0), of: held.length },
      strikingOffWarnings: warnings,
      trendCompliance: Object.fromEntries(
        months.map((m) => {
          const per = cellTops.get(m)!;
          return [m, { n: [...per.keys()].filter((c) => regularIn(c, m)).length, of: per.size }];
        }),
      ),
      trendAttendance: Object.fromEntries([...byMonth].map(([m, e]) => [m, e])),
      /** top → monthly compliance of the cells that sat under it all month. */
      subUnitCompliance: (top: number) => {
        const own = [...cells].filter((c) => months.some((m) => cellTops.get(m)!.get(c) === top));
        const ok = own.filter((c) => months.filter((m) => cellTops.get(m)!.get(c) === top).every((m) => regularIn(c, m)));
        return { n: ok.length, of: own.length };
      },
      subUnitHeld: (top: number) => held.filter((m) => this.topOn(root, Number(m.unit_id), String(m.held_on)) === top).length,
    };
  }
}
