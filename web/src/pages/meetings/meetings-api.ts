// Meeting queries and the shapes of their answers. Where the server exports a zod schema,
// the type is inferred from it, so a contract change breaks this build, not a page.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { attendanceOut, checkInCodeOut, checkInOut } from '../../../../src/modules/meetings/attendance-schemas.ts';
import type { complianceOut } from '../../../../src/modules/meetings/compliance-schemas.ts';
import type { minutesContentOut, minutesOut } from '../../../../src/modules/meetings/minutes-schemas.ts';
import type { qualityOut } from '../../../../src/modules/meetings/quality-schemas.ts';
import type { meetingKind, meetingOut, meetingSummaryOut, preparationOut, qualityGrade, standardAgendaOut } from '../../../../src/modules/meetings/schemas.ts';
import { api } from '../../api/client.ts';

export type MeetingKind = z.infer<typeof meetingKind>;
export type QualityGrade = z.infer<typeof qualityGrade>;
export type Meeting = z.infer<typeof meetingOut>;
export type MeetingSummary = z.infer<typeof meetingSummaryOut>;
export type StandardAgenda = z.infer<typeof standardAgendaOut>;
export type Preparation = z.infer<typeof preparationOut>;
export type Attendance = z.infer<typeof attendanceOut>;
export type AttendanceEntry = Attendance['members'][number];
export type AttendanceStatus = NonNullable<AttendanceEntry['attendance']>;
export type Guest = Meeting['guests'][number];
export type CheckInCode = z.infer<typeof checkInCodeOut>;
/** The check-in window and its state as the server applies it; pages show it, never recompute it. */
export type CheckInWindow = Meeting['checkIn'];
export type CheckInResult = z.infer<typeof checkInOut>;
export type Minutes = z.infer<typeof minutesOut>;
export type MinutesContent = z.infer<typeof minutesContentOut>;
export type Quality = z.infer<typeof qualityOut>;
export type Compliance = z.infer<typeof complianceOut>;

/** GET /meeting-topics (the route's schema is not exported). */
export interface Topic {
  id: number;
  title: string;
  summary: string | null;
  unitId: number;
  unitName: string;
  published: boolean;
  createdAt: string;
  usedBy: { unitId: number; unitName: string; meetings: number; lastHeldOn: string }[];
}

/** GET /me/meetings. */
export interface MyMeeting {
  id: number;
  kind: MeetingKind;
  unitId: number;
  unitName: string;
  heldOn: string;
  startTime: string;
  endTime: string;
  place: string;
  topic: string;
  status: 'planned' | 'cancelled';
  role: 'member' | 'guest' | 'residence' | 'committee';
  checkedIn: boolean;
  /** The member's own mark in the roll call, once the secretary has taken it. */
  attendance: AttendanceStatus | null;
  checkIn: CheckInWindow;
  checkInOpen: boolean;
}

/** GET /me/notices. */
export interface Notice {
  id: number;
  kind: string;
  meetingId: number | null;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const MEETING_KINDS: readonly MeetingKind[] = ['regular', 'thematic', 'committee', 'grassroots_committee', 'briefing', 'extraordinary'];
/** Kinds a cell (chi bộ, chi bộ cơ sở) holds; the rest are held by party committees above. */
export const CELL_MEETING_KINDS: readonly MeetingKind[] = ['regular', 'thematic', 'committee', 'extraordinary'];
export const COMMITTEE_MEETING_KINDS: readonly MeetingKind[] = ['grassroots_committee', 'briefing', 'extraordinary'];
/** Kinds whose meeting a committee pre-meeting may prepare. */
export const PREPARED_KINDS: readonly MeetingKind[] = ['regular', 'thematic', 'extraordinary'];

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (unitId: number, from: string | null, to: string | null) => ['meetings', 'list', unitId, from, to] as const,
  detail: (id: number) => ['meetings', 'detail', id] as const,
  attendance: (id: number) => ['meetings', 'attendance', id] as const,
  code: (id: number) => ['meetings', 'code', id] as const,
  minutes: (id: number) => ['meetings', 'minutes', id] as const,
  quality: (id: number) => ['meetings', 'quality', id] as const,
  preparation: (id: number) => ['meetings', 'preparation', id] as const,
  agenda: (kind: MeetingKind, unitId: number | null, on: string | null) => ['meetings', 'agenda', kind, unitId, on] as const,
  topics: (unitId: number) => ['meetings', 'topics', unitId] as const,
  compliance: (unitId: number, from: string, to: string) => ['meetings', 'compliance', unitId, from, to] as const,
  mine: ['meetings', 'mine'] as const,
  minePast: (from: string, to: string) => ['meetings', 'mine', 'past', from, to] as const,
  notices: ['notices'] as const,
};

export function useMeetings(unitId: number | null, from: string | null, to: string | null) {
  return useQuery({
    queryKey: meetingKeys.list(unitId ?? 0, from, to),
    queryFn: () => api<{ items: MeetingSummary[] }>('/meetings', { query: { unitId, from, to } }),
    enabled: unitId !== null,
    placeholderData: (previous) => previous,
  });
}

export function useMeeting(id: number) {
  return useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => api<Meeting>(`/meetings/${id}`), enabled: id > 0 });
}

export function useAttendance(id: number, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.attendance(id),
    queryFn: () => api<Attendance>(`/meetings/${id}/attendance`),
    enabled: enabled && id > 0,
    staleTime: 0,
  });
}

export function useMinutes(id: number) {
  return useQuery({ queryKey: meetingKeys.minutes(id), queryFn: () => api<Minutes>(`/meetings/${id}/minutes`), staleTime: 0 });
}

export function useQuality(id: number) {
  return useQuery({ queryKey: meetingKeys.quality(id), queryFn: () => api<Quality>(`/meetings/${id}/quality`), staleTime: 0 });
}

export function useStandardAgenda(kind: MeetingKind | undefined, unitId: number | null, on: string | null) {
  return useQuery({
    queryKey: meetingKeys.agenda(kind ?? 'regular', unitId, on),
    queryFn: () => api<StandardAgenda>('/meetings/standard-agenda', { query: { kind, unitId, on } }),
    enabled: kind !== undefined,
    staleTime: 10 * 60_000,
  });
}

export function useTopics(unitId: number | null) {
  return useQuery({
    queryKey: meetingKeys.topics(unitId ?? 0),
    queryFn: () => api<{ items: Topic[] }>('/meeting-topics', { query: { unitId } }),
    enabled: unitId !== null,
  });
}

export function useMyMeetings(enabled = true) {
  return useQuery({ queryKey: meetingKeys.mine, queryFn: () => api<{ items: MyMeeting[] }>('/me/meetings'), enabled, staleTime: 0, refetchInterval: 60_000 });
}

/** The member's own meetings held from `from` to `to` (their past year), with their own marks. */
export function useMyPastMeetings(from: string, to: string) {
  // Read again whenever the page is shown: the secretary may have corrected the roll call meanwhile.
  return useQuery({ queryKey: meetingKeys.minePast(from, to), queryFn: () => api<{ items: MyMeeting[] }>(`/me/meetings?from=${from}&to=${to}`), staleTime: 0 });
}

export function useNotices(enabled = true) {
  return useQuery({
    queryKey: meetingKeys.notices,
    queryFn: () => api<{ items: Notice[]; unread: number }>('/me/notices'),
    enabled,
    refetchInterval: 60_000,
    // Notices are a side feature of the header: a failure must not interrupt the page.
    retry: false,
  });
}
