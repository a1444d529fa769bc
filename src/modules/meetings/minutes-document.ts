// The minutes as a party document (HD 36 layout): the issuing unit top left under its
// parent ("ĐẢNG BỘ …" over "CHI BỘ …"), "ĐẢNG CỘNG SẢN VIỆT NAM" top right, the number
// "Số …-BB/CB", the place and date line, the title, the body in the HD 12 sequence and
// the signatures. The .docx and the print view both render this one model, always in
// Vietnamese (it is the party's record, whatever language the reader's screen uses).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { documentDateLine, vnTime } from '../../domain/meeting-time.ts';
import { t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { readUnitOn } from '../org-history/units-under.ts';
import { openTasksOn } from '../tasks/minutes-tasks.ts';
import { documentNumber, minutesState } from './get-minutes.ts';
import { findVisibleMeeting, viewerOf } from './meeting-access.ts';

export interface MinutesSection {
  heading: string;
  paragraphs: string[];
}

export interface MinutesDocument {
  fileName: string;
  parentUnit: string | null;
  unit: string;
  documentNumber: string;
  placeAndDate: string;
  title: string;
  subtitle: string;
  sections: MinutesSection[];
  closing: string[];
  signatures: { role: string; name: string }[];
  draft: boolean;
}

const vi = (key: string, params: Record<string, string | number> = {}) => t('vi', `meetings.document.${key}`, params);
const ROMAN_NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
const percent = (n: number, of: number) => (of > 0 ? (n / of).toLocaleString('vi-VN', { style: 'percent', maximumFractionDigits: 2 }) : '—');
const clockText = (hhmm: string) => {
  const [h, m] = hhmm.split(':');
  return vi('clock', { h: h!, m: m! });
};

/** "Đảng bộ xã Bắc Bình" → "Bắc Bình": the place name of the date line. */
export function placeFromUnitName(name: string): string {
  return (
    name
      .replace(
        /^(đảng bộ|chi bộ)\s+((cơ sở|bộ phận)\s+)?((xã|phường|thị trấn|tỉnh|thành phố|huyện|quận|thị xã|đặc khu|thôn|bản|ấp|khu phố|tổ dân phố)\s+)?/iu,
        '',
      )
      .trim() || name
  );
}

/**
 * The cell and its parent as they were named on the meeting's date: a 2024 record keeps its
 * 2024 heading after a later rename, move or merger. (Today's names only if the unit had
 * no version on that date, which planning does not allow.)
 */
export async function unitNamesOn(db: Kysely<DB>, unitId: number, date: string): Promise<{ name: string; parent_name: string | null }> {
  const then = await readUnitOn(db, unitId, date);
  if (then) return { name: then.name, parent_name: then.parent?.name ?? null };
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.name', 'p.name as parent_name'])
    .where('u.id', '=', unitId)
    .executeTakeFirstOrThrow();
}

export async function minutesDocument(db: Kysely<DB>, access: Access, id: number): Promise<MinutesDocument> {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  const { row, content: c, attendance, adopted } = await minutesState(db, m);
  const unit = await unitNamesOn(db, m.unit_id, m.held_on);
  const [year, month] = [Number(m.held_on.slice(0, 4)), Number(m.held_on.slice(5, 7))];
  const place = c.placeName ?? placeFromUnitName(unit.parent_name ?? unit.name);
  const s = attendance.summary;
  const sections: MinutesSection[] = [];

  const opening = [vi('opening', { time: clockText(c.openedAt ?? vnTime(m.starts_at)), date: documentDateLine(m.held_on), place: m.place, unit: unit.name })];
  if (c.chairName) opening.push(vi('chair', { name: c.chairName, position: c.chairPosition ? ` – ${c.chairPosition}` : '' }));
  if (c.minuteTakerName) opening.push(vi('minute_taker', { name: c.minuteTakerName }));
  const guests = attendance.guests.filter((g) => g.attended !== false);
  if (guests.length) opening.push(vi('guests', { list: guests.map((g) => (g.position ? `${g.fullName} (${g.position})` : g.fullName)).join('; ') }));
  if (c.guestsNote) opening.push(c.guestsNote);
  if (c.purpose) opening.push(vi('purpose', { text: c.purpose }));
  sections.push({ heading: vi('sections.opening'), paragraphs: opening });

  const absentExcused = attendance.members.filter((e) => e.attendance === 'absent_excused');
  const absentUnexcused = attendance.members.filter((e) => e.attendance === 'absent_unexcused');
  const onDuty = attendance.members.filter((e) => e.attendance === 'on_duty');
  const roll = [
    vi('total', {
      total: s.total,
      full: s.full,
      probationary: s.probationary,
      exempted: s.exempted,
      suspended: s.suspended ? vi('suspended', { n: s.suspended }) : '',
    }),
    vi('present', { present: s.present, expected: s.expected, rate: percent(s.present, s.expected) }),
    vi('absent_excused', {
      n: s.absentExcused,
      names: absentExcused.length ? `: ${absentExcused.map((e) => (e.reason ? `${e.fullName} (${e.reason})` : e.fullName)).join('; ')}` : '',
    }),
    vi('absent_unexcused', { n: s.absentUnexcused, names: absentUnexcused.length ? `: ${absentUnexcused.map((e) => e.fullName).join('; ')}` : '' }),
  ];
  if (onDuty.length) roll.push(vi('on_duty', { n: onDuty.length, names: `: ${onDuty.map((e) => e.fullName).join('; ')}` }));
  if (attendance.apart.length) roll.push(vi('apart', { names: attendance.apart.map((e) => e.fullName).join('; ') }));
  sections.push({ heading: vi('sections.attendance'), paragraphs: roll });

  const body: string[] = [];
  if (c.previousResolutionReview) body.push(vi('previous_resolution', { text: c.previousResolutionReview }));
  if (c.upperDocuments) body.push(vi('upper_documents', { text: c.upperDocuments }));
  (c.agendaItems ?? []).forEach((item, i) => {
    body.push(`${i + 1}. ${item.title}${item.summary ? `: ${item.summary}` : ''}`);
    if (item.speakers?.length) body.push(vi('speakers', { names: item.speakers.join('; ') }));
  });
  if (body.length) sections.push({ heading: vi('sections.content'), paragraphs: body });

  const conclusion: string[] = [];
  if (c.conclusions) conclusion.push(c.conclusions);
  for (const [i, item] of (c.resolutionItems ?? []).entries()) conclusion.push(`${i + 1}. ${item}`);
  if (c.votes) {
    conclusion.push(
      vi('votes', {
        for: c.votes.for,
        forRate: percent(c.votes.for, s.present),
        against: c.votes.against,
        abstain: c.votes.abstain,
        present: s.present,
      }),
    );
  }
  // The grade the cell gave its meeting, recorded before adoption (HD 12).
  const grade = await db.selectFrom('meeting_quality').select(['grade', 'points', 'max_points']).where('meeting_id', '=', m.id).executeTakeFirst();
  if (grade) conclusion.push(vi('grade', { grade: t('vi', `meetings.grades.${grade.grade}`), points: grade.points, max: grade.max_points }));
  if (conclusion.length) sections.push({ heading: vi('sections.conclusion'), paragraphs: conclusion });
  if (c.tasks?.length) {
    sections.push({
      heading: vi('sections.tasks'),
      paragraphs: c.tasks.map(
        (task) => `- ${task.assignee}: ${task.description}${task.dueOn ? vi('due', { date: task.dueOn.split('-').reverse().join('/') }) : ''}`,
      ),
    });
  }
  // The cell's earlier tasks still open on the meeting's day, carried forward (tasks module).
  const carried = await openTasksOn(db, m.unit_id, m.held_on, { exceptMeetingId: m.id });
  if (carried.length) {
    sections.push({
      heading: t('vi', 'tasks.document.open_tasks'),
      paragraphs: carried.map(
        (task) =>
          `- ${task.assignee ? `${task.assignee}: ` : ''}${task.description}${task.dueOn ? vi('due', { date: task.dueOn.split('-').reverse().join('/') }) : ''}`,
      ),
    });
  }
  if (c.admissionsAndTransfers) sections.push({ heading: vi('sections.admissions'), paragraphs: [c.admissionsAndTransfers] });

  const closing = [vi('closing', { time: clockText(c.closedAt ?? vnTime(m.ends_at)) })];
  if (adopted) closing.push(vi('adopted'));
  const subtitleKey = `subtitles.${m.kind}`;
  return {
    fileName: `bien-ban-${m.held_on}-${m.id}.docx`,
    parentUnit: unit.parent_name ? upper(unit.parent_name) : null,
    unit: upper(unit.name),
    documentNumber: vi('number', { number: documentNumber(row?.number ?? null) }),
    placeAndDate: `${place}, ${documentDateLine(m.held_on)}`,
    title: vi('title'),
    subtitle: vi(subtitleKey, { month, year, topic: m.topic }),
    // Numbered as they stand: a section left out (no agenda item written) leaves no gap.
    sections: sections.map((s, i) => ({ ...s, heading: `${ROMAN_NUMERALS[i]}. ${s.heading}` })),
    closing,
    signatures: [
      { role: vi('minute_taker_role'), name: c.minuteTakerName ?? '' },
      { role: vi('chair_role'), name: c.chairName ?? '' },
    ],
    draft: !adopted,
  };
}
