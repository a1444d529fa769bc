// Shapes of the life-event answers, inferred from the server's schemas.
import type { z } from 'zod';
import type { commentOut, proposalOut, strikeOffCandidatesOut, transferOut, transferRecordOut } from '../../../../src/modules/life/schemas.ts';

export type Transfer = z.infer<typeof transferOut>;
export type TransferRecord = z.infer<typeof transferRecordOut>;
export type Proposal = z.infer<typeof proposalOut>;
export type Candidates = z.infer<typeof strikeOffCandidatesOut>;
export type ResidenceComment = z.infer<typeof commentOut>;

export const lifeKeys = {
  transfers: (unitId: number, direction: string) => ['life', 'transfers', unitId, direction] as const,
  candidates: (unitId: number) => ['life', 'candidates', unitId] as const,
  proposals: (unitId: number) => ['life', 'proposals', unitId] as const,
  comments: (unitId: number, year: number, side: string) => ['life', 'comments', unitId, year, side] as const,
};

/** 'YYYY-MM' → 'MM/YYYY', as a user reads a month. */
