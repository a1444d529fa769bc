// A cell's meetings over the demo's months, without touching a database: the monthly
// regular meeting (sinh hoạt thường kỳ) with the committee's pre-meeting and its
// preparation, a thematic meeting (sinh hoạt chuyên đề) once a quarter, the roll call as
// of each meeting's date, the minutes (adopted, a few still drafts) and the quality grade
// under the HD 12 scale computed by the same rule the app grades with. Gaps are realistic
// and repeatable: a few weak cells miss months and some others one month, some quarters have no thematic meeting,
// members are sometimes absent with a reason and a few habitually without one.
import type { AttendanceStatus, MeetingKind } from '../../db/types.ts';
import { addDays, addMonths, ageOn } from '../../domain/calendar.ts';
import { longestExcusedStreak } from '../../domain/meeting-attendance.ts';
import { gradeMeeting, type QualityResult, type QualityScale, qualityScaleSchema } from '../../domain/meeting-quality.ts';
import { meetingRulesOn, standardAgenda } from '../../domain/meeting-rules.ts';
import { builtinRuleSet } from '../../domain/rules/load-rule-set.ts';
import type { MinutesContent } from '../meetings/minutes-schemas.ts';
import type { DemoCellBatch, DemoMember } from './generate-members.ts';
import { hashSeed, Rng } from './random.ts';

export interface DemoAttendance {
  member: DemoMember;
  status: AttendanceStatus;
  reason: string | null;
}

export interface DemoMeeting {
  kind: Extract<MeetingKind, 'regular' | 'thematic' | 'committee'>;
  heldOn: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  topic: string;
  focalIssues: string[];
  agenda: { title: string; note: null }[];
  /** Position in the cell's list of the meeting a committee pre-meeting prepares. */
  prepares: number | null;
  checkInCode: string;
  checkInSecret: string;
  /** The roll call; empty for a meeting not yet held and for a committee pre-meeting. */
  attendance: DemoAttendance[];
  minutes: { number: string | null; adopted: boolean; content: MinutesContent } | null;
  quality: { ticks: Record<string, boolean>; result: QualityResult } | null;
  /** Whether the previous resolution was carried out, as the secretary recorded it (graded meetings). */
  previousResolutionDone: boolean | null;
  preparation: { agreedContent: string; draftResolution: string } | null;
}

export const QUALITY_SCALE = { code: 'hd12', version: '2018-07-06' } as const;
let scale: QualityScale | undefined;
function qualityScale(): QualityScale {
  scale ??= builtinRuleSet('meeting-quality', QUALITY_SCALE.code, qualityScaleSchema, QUALITY_SCALE.version)!.body;
  return scale;
}

const FOCAL_ISSUES = [
  'Thu hoạch vụ mùa, chuẩn bị sản xuất vụ đông',
  'Vận động nhân dân tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện',
  'Giữ gìn an ninh trật tự, phòng chống tội phạm trên địa bàn',
  'Xây dựng nông thôn mới nâng cao, khu dân cư kiểu mẫu',
  'Vệ sinh môi trường, an toàn thực phẩm',
  'Thu nộp đảng phí, quỹ của thôn',
  'Phòng chống thiên tai, tìm kiếm cứu nạn',
  'Chuyển đổi số, dịch vụ công trực tuyến',
  'Phát triển đảng viên, bồi dưỡng quần chúng ưu tú',
  'Chăm lo gia đình chính sách, hộ nghèo',
  'Hoàn thành nhiệm vụ chuyên môn của cơ quan, đơn vị',
  'Thực hành tiết kiệm, chống lãng phí',
];
const THEMATIC_TOPICS = [
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'Tự soi, tự sửa',
  'Giữ trọn lời thề đảng viên',
  'Nâng cao chất lượng sinh hoạt chi bộ',
  'Phát huy vai trò nêu gương của cán bộ, đảng viên',
  'Phòng, chống tham nhũng, tiêu cực, lãng phí',
  'Chuyển đổi số trong công tác xây dựng Đảng',
  'Xây dựng khu dân cư văn hóa, nông thôn mới kiểu mẫu',
];
const EXCUSES = ['Đi công tác', 'Ốm, điều trị tại nhà', 'Việc gia đình', 'Đi làm ăn xa', 'Nằm viện', 'Đi học tập trung', 'Tuổi cao, sức yếu'];
const MANUAL_CRITERIA = ['previous_resolution_done', 'focused_content', 'democratic_discussion', 'proper_sequence'];

const pad2 = (n: number) => String(n).padStart(2, '0');
const vnInstant = (date: string, minutes: number) => new Date(`${date}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00+07:00`);
const PLANNED_MINUTES = 120;
const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The months of the window: `count` months ending with the reference date's month, oldest first. */
export function demoMonths(asOf: string, count: number): { year: number; month: number }[] {
  const out = [];
  let y = Number(asOf.slice(0, 4));
  let m = Number(asOf.slice(5, 7));
  for (let k = 0; k < count; k++) {
    out.unshift({ year: y, month: m });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

interface MemberOnDate {
  member: DemoMember;
  expected: boolean;
}

/** The cell's roll on a date: members placed there then, exempted ones apart. */
function rollOn(members: readonly DemoMember[], date: string): MemberOnDate[] {
  const roll: MemberOnDate[] = [];
  for (const m of members) {
    if (m.admittedOn > date || m.joinedUnitOn > date) continue;
    roll.push({ member: m, expected: !(m.exemptedOn && m.exemptedOn <= date) });
  }
  return roll;
}

export interface GenerateOptions {
  /**
   * `false` leaves the standard agenda out of the stored meetings (the nation demo:
   * 2 million meetings would carry 1.6 GB of the same twelve lines).
   */
  agenda: boolean;
  /** Next month's regular meeting: planned by most cells ('likely'), by this one for sure ('always'). */
  planAhead?: 'likely' | 'always';
  /** This month's regular meeting is not planned yet (the secretary's next step); the months before stay as they were. */
  skipThisMonth?: boolean;
  /** The cell missed one past month's regular meeting (the month drawn from its own stream, so the other months' dates and topics stay as they were). */
  missOneMonth?: boolean;
}

/** Who carries out each point of a regular meeting's resolution, and by when (the minutes' tasks). */
function resolutionTasks(roll: readonly DemoAttendance[], focal: readonly string[], heldOn: string): NonNullable<MinutesContent['tasks']> {
  const present = roll.filter((a) => a.status === 'present');
  if (present.length === 0) return [];
  return focal.map((f, k) => ({
    memberId: null,
    assignee: present[(k * 7 + heldOn.length) % present.length]!.member.fullName,
    description: f,
    dueOn: addDays(heldOn, 25),
  }));
}
export function generateMeetings(
  batch: DemoCellBatch,
  seed: number,
  asOf: string,
  monthCount: number,
  options: GenerateOptions = { agenda: true },
): DemoMeeting[] {
  const { unit, members, committees } = batch;
  const rng = new Rng(hashSeed(`${unit.code}#meetings`, seed));
  const rules = meetingRulesOn(asOf).body;
  const secretary = committees.find((c) => c.unitIndex === unit.index && c.position === 'bi_thu')?.fullName ?? members[0]?.fullName ?? '';
  const deputy = committees.find((c) => c.unitIndex === unit.index && c.position === 'pho_bi_thu')?.fullName ?? members[1]?.fullName ?? secretary;
  const evening = unit.profile === 'village' || unit.profile === 'ward_group' || unit.profile === 'coop';
  const place = unit.village ? `Nhà văn hóa ${unit.village}` : 'Phòng họp cơ quan';
  const placeName = (unit.commune ?? '').replace(/^(xã|phường) /, '') || 'Hà Nội';
  // A weak cell misses months and prepares less; habitual absentees skip without a reason.
  const weak = rng.chance(0.08);
  const absentee = new Set(members.filter(() => rng.chance(0.015)).map((m) => m.index));
  // The elderly (75 or more at the reference date) are more often excused.
  const elderly = new Set(members.filter((m) => ageOn(m.dateOfBirth, asOf) >= 75).map((m) => m.index));

  const planned: { kind: 'regular' | 'thematic'; heldOn: string; focal: string[]; topic: string }[] = [];
  const months = demoMonths(asOf, monthCount);
  const past = months.slice(0, -1);
  const missed = options.missOneMonth && past.length > 0 ? new Rng(hashSeed(`${unit.code}#gap`, seed)).pick(past) : undefined;
  const thematicMonth = new Map<string, number>();
  for (const { year, month } of months) {
    const quarter = `${year}-Q${Math.ceil(month / 3)}`;
    if (!thematicMonth.has(quarter)) thematicMonth.set(quarter, rng.chance(weak ? 0.3 : 0.08) ? 0 : (Math.ceil(month / 3) - 1) * 3 + rng.int(1, 3));
    if (`${year}-${pad2(month)}-${pad2(lastDay(year, month))}` < unit.establishedOn) continue;
    if (!rng.chance(weak ? 0.25 : 0.015)) {
      const day = rng.int(3, 20);
      const focal = [rng.pick(FOCAL_ISSUES), rng.pick(FOCAL_ISSUES), ...(rng.chance(0.5) ? [rng.pick(FOCAL_ISSUES)] : [])];
      const heldOn = `${year}-${pad2(month)}-${pad2(day)}`;
      // Drawn all the same, so the other months keep their draws.
      const skipped = (options.skipThisMonth && heldOn.slice(0, 7) === asOf.slice(0, 7)) || (missed?.year === year && missed.month === month);
      if (!skipped) {
        planned.push({ kind: 'regular', heldOn, focal: [...new Set(focal)], topic: `Sinh hoạt chi bộ thường kỳ tháng ${month}/${year}` });
      }
    }
    if (thematicMonth.get(quarter) === month) {
      planned.push({
        kind: 'thematic',
        heldOn: `${year}-${pad2(month)}-${pad2(rng.int(21, 27))}`,
        focal: [],
        // The topic alone: notices and minutes say "Sinh hoạt chuyên đề: …" themselves.
        topic: rng.pick(THEMATIC_TOPICS),
      });
    }
  }
  if (options.planAhead) {
    // Planned ahead by the 20th, as HD 12 asks; from its own stream, so the months before stay as they were.
    const ahead = new Rng(hashSeed(`${unit.code}#ahead`, seed));
    const next = addMonths(`${asOf.slice(0, 7)}-01`, 1);
    const [y, m] = [Number(next.slice(0, 4)), Number(next.slice(5, 7))];
    if (options.planAhead === 'always' || ahead.chance(weak ? 0.4 : 0.85)) {
      planned.push({
        kind: 'regular',
        heldOn: `${next.slice(0, 7)}-${pad2(ahead.int(3, 20))}`,
        focal: [...new Set([ahead.pick(FOCAL_ISSUES), ahead.pick(FOCAL_ISSUES)])],
        topic: `Sinh hoạt chi bộ thường kỳ tháng ${m}/${y}`,
      });
    }
  }
  planned.sort((a, b) => (a.heldOn < b.heldOn ? -1 : 1));

  const out: DemoMeeting[] = [];
  const history = new Map<number, { year: string; seq: (AttendanceStatus | null)[] }>();
  const numbers = new Map<string, number>();
  for (const p of planned) {
    if (p.heldOn < unit.establishedOn) continue;
    const held = p.heldOn <= asOf;
    const start = evening ? 19 * 60 + 30 : 14 * 60;
    const minutesLong = rng.chance(weak ? 0.4 : 0.08) ? rng.int(60, 85) : rng.int(95, 130);
    const agenda = options.agenda ? standardAgenda(rules, p.kind).map((title) => ({ title, note: null })) : [];
    let prepares: number | null = null;
    let preparation: DemoMeeting['preparation'] = null;
    if (p.kind === 'regular' && rng.chance(weak ? 0.4 : 0.9)) {
      // The committee (or the secretary) meets a few days before to agree the content.
      const on = addDays(p.heldOn, -rng.int(2, 5));
      const agreed = `Thống nhất nội dung sinh hoạt: ${p.focal.join('; ')}`;
      out.push({
        kind: 'committee',
        heldOn: on,
        startsAt: vnInstant(on, 16 * 60),
        endsAt: vnInstant(on, 17 * 60),
        place,
        topic: `Chi ủy họp chuẩn bị ${p.topic.toLowerCase()}`,
        focalIssues: [],
        agenda: options.agenda ? standardAgenda(rules, 'committee').map((title) => ({ title, note: null })) : [],
        prepares: out.length + 1,
        checkInCode: String(rng.int(0, 999_999)).padStart(6, '0'),
        checkInSecret: secret(rng),
        attendance: [],
        minutes: null,
        quality: null,
        previousResolutionDone: null,
        preparation: { agreedContent: agreed, draftResolution: `Dự thảo nghị quyết: ${p.focal.map((f, i) => `${i + 1}. ${f}`).join(' ')}` },
      });
      prepares = out.length - 1;
      preparation = out[prepares]!.preparation;
    }
    const meeting: DemoMeeting = {
      kind: p.kind,
      heldOn: p.heldOn,
      startsAt: vnInstant(p.heldOn, start),
      // Planned for two hours, as a secretary writes a plan; the minutes keep how long it ran.
      endsAt: vnInstant(p.heldOn, start + PLANNED_MINUTES),
      place,
      topic: p.topic,
      focalIssues: p.focal,
      agenda,
      prepares: null,
      checkInCode: String(rng.int(0, 999_999)).padStart(6, '0'),
      checkInSecret: secret(rng),
      attendance: [],
      minutes: null,
      quality: null,
      previousResolutionDone: null,
      preparation: null,
    };
    out.push(meeting);
    if (!held) continue;

    // The roll call as of the meeting's date.
    const roll = rollOn(members, p.heldOn);
    const year = p.heldOn.slice(0, 4);
    for (const r of roll) {
      if (!r.expected) continue;
      const m = r.member;
      const old = elderly.has(m.index);
      const x = rng.next();
      let status: AttendanceStatus = 'present';
      if (absentee.has(m.index) ? x < 0.35 : x < 0.004) status = 'absent_unexcused';
      else if (x < (old ? 0.2 : 0.06)) status = 'absent_excused';
      meeting.attendance.push({ member: m, status, reason: status === 'absent_excused' ? rng.pick(EXCUSES) : status === 'absent_unexcused' ? null : null });
      let h = history.get(m.index);
      if (!h || h.year !== year) {
        h = { year, seq: [] };
        history.set(m.index, h);
      }
      h.seq.push(status);
    }
    const present = meeting.attendance.filter((a) => a.status === 'present').length;
    const expected = meeting.attendance.length;
    const unexcused = meeting.attendance.filter((a) => a.status === 'absent_unexcused');
    const excused = meeting.attendance.filter((a) => a.status === 'absent_excused');

    // The minutes: adopted at the end of the meeting, a few recent ones still drafts.
    const adopted = !(p.heldOn >= addDays(asOf, -20) && rng.chance(0.3)) && !rng.chance(0.01);
    const numberKey = year;
    let number: string | null = null;
    if (adopted) {
      number = String((numbers.get(numberKey) ?? 0) + 1);
      numbers.set(numberKey, Number(number));
    }
    const content: MinutesContent = {
      placeName,
      openedAt: hhmm(start),
      closedAt: hhmm(start + minutesLong),
      chairName: secretary,
      chairPosition: 'Bí thư Chi bộ',
      minuteTakerName: deputy,
      purpose: p.kind === 'regular' ? 'Đánh giá kết quả thực hiện nghị quyết tháng trước, đề ra nhiệm vụ tháng tới' : `Sinh hoạt chuyên đề "${p.topic}"`,
      agendaItems: (p.kind === 'regular' ? p.focal : [p.topic]).map((title) => ({
        title,
        summary: `Chi bộ thảo luận về ${title.toLowerCase()}; các đảng viên phát biểu, thống nhất cách làm.`,
      })),
      previousResolutionReview: p.kind === 'regular' ? 'Các nhiệm vụ nghị quyết tháng trước cơ bản hoàn thành.' : null,
      upperDocuments: 'Quán triệt các văn bản mới của cấp ủy cấp trên.',
      conclusions: `Chi bộ có ${expected} đảng viên phải dự, có mặt ${present}; vắng có lý do ${excused.length}${unexcused.length ? `, vắng không lý do ${unexcused.length}: ${unexcused.map((a) => a.member.fullName).join(', ')}` : ''}.`,
      resolutionItems: (p.kind === 'regular' ? p.focal : ['Mỗi đảng viên xây dựng kế hoạch tự soi, tự sửa']).map(
        (f) => `Tập trung lãnh đạo: ${f.toLowerCase()}`,
      ),
      tasks: p.kind === 'regular' ? resolutionTasks(meeting.attendance, p.focal, p.heldOn) : [],
      votes: { for: present, against: 0, abstain: 0 },
    };
    meeting.minutes = { number, adopted, content };

    // The grade, from the same rule the app applies: every adopted meeting has one, since the
    // app adopts minutes only once the meeting is graded. (A draft with a grade is not drawn.)
    if (adopted) {
      const streak = Math.max(0, ...meeting.attendance.map((a) => longestExcusedStreak(history.get(a.member.index)?.seq ?? [])));
      // Drawn with the chair's ticks (the same random sequence as before), but recorded on
      // the meeting: the previous resolution is a fact of the meeting, not a tick.
      const { previous_resolution_done: done, ...ticks } = Object.fromEntries(MANUAL_CRITERIA.map((k) => [k, rng.chance(weak ? 0.6 : 0.92)]));
      meeting.previousResolutionDone = done ?? null;
      const result = gradeMeeting(
        qualityScale(),
        {
          attendanceRate: expected > 0 ? present / expected : null,
          unmarked: 0,
          unexcusedAbsences: unexcused.length,
          longestExcusedStreak: streak,
          committeeMetBefore: preparation !== null,
          draftResolutionPrepared: preparation !== null,
          durationMinutes: minutesLong,
          minutesComplete: true,
          previousResolutionDone: meeting.previousResolutionDone,
        },
        ticks,
      );
      meeting.quality = { ticks, result };
    }
  }
  return out;
}

function secret(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += rng.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return s;
}
