// Grading queries and the shapes of their answers, inferred from the server's zod schemas
// (src/modules/grading/schemas.ts), so a contract change breaks this build, not a page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type {
  AmendmentInput,
  CommitmentOut,
  DecisionsInput,
  EntryOut,
  MemberCommitmentInput,
  myEntriesOut,
  OpenPeriodInput,
  ProposalInput,
  periodDetailOut,
  periodsOut,
  ResultsOut,
  ruleSetOut,
  SelfAssessmentInput,
} from '../../../../src/modules/grading/schemas.ts';
import { api } from '../../api/client.ts';

export type Entry = EntryOut;
export type PeriodDetail = z.infer<typeof periodDetailOut>;
export type Period = z.infer<typeof periodsOut>['items'][number];
export type MyEntry = z.infer<typeof myEntriesOut>['items'][number];
export type RuleSetPreview = z.infer<typeof ruleSetOut>;
export type Results = ResultsOut;
export type Grade = NonNullable<Entry['grade']>;
export type PeriodKind = Period['kind'];
export type Reason = NonNullable<Entry['excluded']>;
export type { AmendmentInput, DecisionsInput, OpenPeriodInput, ProposalInput, SelfAssessmentInput };

export const GRADES: readonly Grade[] = ['htxsnv', 'httnv', 'htnv', 'khtnv'];
export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'quarter', 'term', 'ad_hoc'];

export const gradingKeys = {
  all: ['grading'] as const,
  me: ['grading', 'me'] as const,
  periods: (unitId: number | null) => ['grading', 'periods', unitId] as const,
  period: (id: number) => ['grading', 'period', id] as const,
  ruleSet: (unitId: number | null, endsOn: string | null) => ['grading', 'rule-set', unitId, endsOn] as const,
  results: (unitId: number | null, startsOn: string | null, endsOn: string | null) => ['grading', 'results', unitId, startsOn, endsOn] as const,
};

export const useMyEntries = () => useQuery({ queryKey: gradingKeys.me, queryFn: () => api<z.infer<typeof myEntriesOut>>('/grading/me') });

export const usePeriods = (unitId: number | null) =>
  useQuery({
    queryKey: gradingKeys.periods(unitId),
    queryFn: () => api<z.infer<typeof periodsOut>>('/grading/periods', { query: { unitId } }),
    enabled: unitId !== null,
  });

export const usePeriod = (id: number) => useQuery({ queryKey: gradingKeys.period(id), queryFn: () => api<PeriodDetail>(`/grading/periods/${id}`) });

export const useRuleSetPreview = (unitId: number | null, endsOn: string | null) =>
  useQuery({
    queryKey: gradingKeys.ruleSet(unitId, endsOn),
    queryFn: () => api<RuleSetPreview>('/grading/rule-set', { query: { unitId, endsOn } }),
    enabled: unitId !== null && endsOn !== null,
  });

export const useResults = (unitId: number | null, startsOn: string | null, endsOn: string | null) =>
  useQuery({
    queryKey: gradingKeys.results(unitId, startsOn, endsOn),
    queryFn: () => api<Results>('/grading/results', { query: { unitId, startsOn, endsOn } }),
    enabled: unitId !== null && startsOn !== null && endsOn !== null,
  });

/**
 * A write that refreshes what grading pages show (the entry, its period, the member's list,
 * results). Not a react-query mutation: the page shows the server's words itself (a warning
 * beside the form, the fields' errors), so the cache's passing error message would repeat them.
 */
function useGradingWrite<I, O>(fn: (input: I) => Promise<O>): { run: (input: I) => Promise<O>; busy: boolean } {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async (input: I) => {
    setBusy(true);
    try {
      const out = await fn(input);
      await client.invalidateQueries({ queryKey: gradingKeys.all });
      return out;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}

export const useSaveSelfAssessment = () =>
  useGradingWrite(({ entryId, body }: { entryId: number; body: SelfAssessmentInput }) =>
    api<Entry>(`/grading/entries/${entryId}/self-assessment`, { method: 'PUT', body }),
  );
export const useSaveProposal = () =>
  useGradingWrite(({ entryId, body }: { entryId: number; body: ProposalInput }) => api<Entry>(`/grading/entries/${entryId}/proposal`, { method: 'PUT', body }));
export const useDecide = () =>
  useGradingWrite(({ periodId, body }: { periodId: number; body: DecisionsInput }) =>
    api<PeriodDetail>(`/grading/periods/${periodId}/decisions`, { method: 'POST', body }),
  );
export const useAmend = () =>
  useGradingWrite(({ entryId, body }: { entryId: number; body: AmendmentInput }) =>
    api<Entry>(`/grading/entries/${entryId}/amendments`, { method: 'POST', body }),
  );
export const useSaveMyCommitment = () =>
  useGradingWrite((body: MemberCommitmentInput) => api<CommitmentOut>('/grading/commitments/me', { method: 'PUT', body }));
export type Commitment = CommitmentOut;
export const useOpenPeriod = () => useGradingWrite((body: OpenPeriodInput) => api<PeriodDetail>('/grading/periods', { method: 'POST', body }));

/** The band the points reach under the period's rule set (as src/domain/grading.ts gradeFromPoints: 49.99 is below 50). */
export function bandOf(bands: PeriodDetail['bands'], points: number): Grade {
  return [...bands].sort((a, b) => b.minPoints - a.minPoints).find((b) => points >= b.minPoints)?.grade ?? 'khtnv';
}

/** Where an entry stands in the workflow. */
export type Stage = 'excluded' | 'waiting' | 'self_assessed' | 'proposed' | 'decided';
export function stageOf(e: Entry): Stage {
  if (e.excluded) return 'excluded';
  if (e.decision) return 'decided';
  if (e.proposal) return 'proposed';
  if (e.selfAssessment) return 'self_assessed';
  return 'waiting';
}

/** The form a self-assessment fills: 2C for a collective, 2B for a member holding a leading post, else 2A. */
export function formOf(e: Pick<Entry, 'subject' | 'roleGroup'>): '2A' | '2B' | '2C' {
  if (e.subject === 'organisation') return '2C';
  return e.roleGroup === 'lanh_dao_quan_ly' ? '2B' : '2A';
}
export const FORM_FIELD_KEYS = ['uu_diem', 'khuyet_diem', 'trach_nhiem_lanh_dao', 'khac_phuc', 'phuong_huong'] as const;
export type FormField = (typeof FORM_FIELD_KEYS)[number];
export const isFormField = (k: string): k is FormField => (FORM_FIELD_KEYS as readonly string[]).includes(k);
export const FORM_FIELDS: Record<'2A' | '2B' | '2C', readonly FormField[]> = {
  '2A': ['uu_diem', 'khuyet_diem', 'khac_phuc', 'phuong_huong'],
  '2B': ['uu_diem', 'khuyet_diem', 'trach_nhiem_lanh_dao', 'khac_phuc', 'phuong_huong'],
  '2C': ['uu_diem', 'khuyet_diem', 'trach_nhiem_lanh_dao', 'khac_phuc', 'phuong_huong'],
};
