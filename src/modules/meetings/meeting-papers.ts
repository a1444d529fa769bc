// The paper path, for members without a phone or signal: per meeting, the notice
// (thông báo lịch sinh hoạt — cell, time, place, content, the secretary's signature) to
// post or hand out, and the sign-in sheet (danh sách đảng viên dự sinh hoạt — STT, name,
// a column to sign; exempted and suspended members listed apart) to pass round the room.
// Both in the party layout of paper-document.ts, always in Vietnamese, like the minutes.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { documentDateLine, vnDate, vnTime } from '../../domain/meeting-time.ts';
import { t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { findVisibleMeeting, viewerOf } from './meeting-access.ts';
import { meetingAttendance } from './meeting-attendance.ts';
import { placeFromUnitName, unitNamesOn } from './minutes-document.ts';
import type { PaperBlock, PaperDocument } from './paper-document.ts';

const vi = (key: string, params: Record<string, string | number> = {}) => t('vi', `meetings.papers.${key}`, params);
const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
const dmy = (iso: string) => iso.split('-').reverse().join('/');

type MeetingRow = Awaited<ReturnType<typeof findVisibleMeeting>>;

const BOARD_KINDS = new Set<string>(['grassroots_committee', 'briefing']);

/** The heading and the secretary who signs, as they were on the meeting's date. */
async function paperFrame(db: Kysely<DB>, m: MeetingRow, issuedOn: string) {
  const unit = await unitNamesOn(db, m.unit_id, m.held_on);
  const secretary = await db
    .selectFrom('committee_members')
    .select('full_name')
    .where('unit_id', '=', m.unit_id)
    .where('position', '=', 'bi_thu')
    .where('valid_from', '<=', m.held_on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', m.held_on)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  const [year, month] = [Number(m.held_on.slice(0, 4)), Number(m.held_on.slice(5, 7))];
  // A party committee's meetings (its own, the secretaries' briefing) are called by the đảng ủy, a cell's by its chi ủy.
  const byBoard = BOARD_KINDS.has(m.kind);
  return {
    byBoard,
    parentUnit: unit.parent_name ? upper(unit.parent_name) : null,
    unit: upper(unit.name),
    unitName: unit.name,
    placeAndDate: `${placeFromUnitName(unit.parent_name ?? unit.name)}, ${documentDateLine(issuedOn)}`,
    meetingName: vi(`meeting_names.${m.kind}`, { month, year, topic: m.topic }),
    signer: { role: [vi(byBoard ? 'for_board' : 'for_committee'), vi('secretary_role')], name: secretary?.full_name ?? '' },
  };
}

const timeLine = (m: MeetingRow) => {
  const [h, min] = vnTime(m.starts_at).split(':');
  return vi('time', { h: h!, m: min!, date: documentDateLine(m.held_on), end: vnTime(m.ends_at) });
};

/** The notice (thông báo lịch sinh hoạt), dated the day it is printed. */
export async function noticePaper(db: Kysely<DB>, access: Access, id: number, now: Date): Promise<PaperDocument> {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  const today = vnDate(now);
  const frame = await paperFrame(db, m, today < m.held_on ? today : m.held_on);
  const focal = (m.focal_issues as string[]) ?? [];
  const guests = await db.selectFrom('meeting_guests').select(['full_name', 'position']).where('meeting_id', '=', m.id).orderBy('id').execute();
  const blocks: PaperBlock[] = [
    {
      kind: 'paragraph',
      text: frame.byBoard
        ? vi('notice.intro_board', { board: frame.unitName.replace(/^Đảng bộ/u, 'Đảng ủy'), meeting: frame.meetingName })
        : vi('notice.intro', { unit: frame.unitName, meeting: frame.meetingName }),
    },
    { kind: 'item', text: `1. ${timeLine(m)}` },
    { kind: 'item', text: `2. ${vi('notice.place', { place: m.place })}` },
    { kind: 'item', text: `3. ${vi(focal.length ? 'notice.content_focal' : 'notice.content', { topic: m.topic })}` },
    ...focal.map((issue): PaperBlock => ({ kind: 'item', text: `- ${issue}` })),
    { kind: 'item', text: `4. ${vi(`notice.who.${m.kind}`)}` },
    ...(guests.length
      ? [
          {
            kind: 'item',
            text: vi('notice.guests', { list: guests.map((g) => (g.position ? `${g.full_name} (${g.position})` : g.full_name)).join('; ') }),
          } as PaperBlock,
        ]
      : []),
  ];
  return {
    fileName: `thong-bao-${m.held_on}-${m.id}`,
    parentUnit: frame.parentUnit,
    unit: frame.unit,
    documentNumber: vi(frame.byBoard ? 'notice.number_board' : 'notice.number'),
    placeAndDate: frame.placeAndDate,
    title: vi('notice.title'),
    subtitle: frame.meetingName,
    draft: false,
    blocks,
    closing: [{ kind: 'paragraph', text: vi('notice.closing') }],
    left: { recipients: [vi('notice.to_members'), vi('notice.to_file')] },
    right: frame.signer,
  };
}

/** The sign-in sheet: the roll in the order of the roll call, a column to sign, those exempted apart. */
export async function signInSheetPaper(db: Kysely<DB>, access: Access, id: number): Promise<PaperDocument> {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  const frame = await paperFrame(db, m, m.held_on);
  const roll = await meetingAttendance(db, m);
  const apartNote = (status: string) => vi(status === 'dinh_chi' ? 'sheet.suspended' : 'sheet.exempted');
  const blocks: PaperBlock[] = [
    { kind: 'item', text: timeLine(m) },
    { kind: 'item', text: vi('notice.place', { place: m.place }) },
    {
      kind: 'table',
      columns: [
        { title: vi('sheet.no'), width: 9, align: 'center' },
        { title: vi('sheet.name'), width: 43 },
        { title: vi('sheet.sign'), width: 25 },
        { title: vi('sheet.note'), width: 23 },
      ],
      rows: roll.members.map((e, i) => [String(i + 1), e.fullName, '', e.memberStatus === 'du_bi' ? vi('sheet.probationary') : '']),
      empty: vi('sheet.nobody'),
    },
  ];
  if (roll.apart.length) {
    blocks.push(
      { kind: 'heading', text: vi('sheet.apart') },
      {
        kind: 'table',
        columns: [
          { title: vi('sheet.no'), width: 9, align: 'center' },
          { title: vi('sheet.name'), width: 43 },
          { title: vi('sheet.note'), width: 48 },
        ],
        rows: roll.apart.map((e, i) => [String(i + 1), e.fullName, apartNote(e.memberStatus)]),
      },
    );
  }
  if (roll.guests.length) {
    blocks.push(
      { kind: 'heading', text: vi('sheet.guests') },
      {
        kind: 'table',
        columns: [
          { title: vi('sheet.no'), width: 9, align: 'center' },
          { title: vi('sheet.name'), width: 43 },
          { title: vi('sheet.sign'), width: 25 },
          { title: vi('sheet.position'), width: 23 },
        ],
        rows: roll.guests.map((g, i) => [String(i + 1), g.fullName, '', g.position ?? '']),
      },
    );
  }
  return {
    fileName: `danh-sach-dang-vien-du-sinh-hoat-${m.held_on}-${m.id}`,
    parentUnit: frame.parentUnit,
    unit: frame.unit,
    documentNumber: '',
    placeAndDate: frame.placeAndDate,
    title: vi('sheet.title'),
    subtitle: frame.meetingName,
    draft: false,
    blocks,
    closing: [{ kind: 'paragraph', text: vi('sheet.totals', { total: roll.members.length, date: dmy(m.held_on) }) }],
    left: { role: [vi('sheet.made_by')], name: '' },
    right: frame.signer,
  };
}
