// Commitments registered for a year (issue 9 item 2): a member's "học tập và làm theo Bác"
// registration with their pledge, and a unit's registration for an emulation movement —
// "Chi bộ 4 tốt" for a cell (a grassroots cell too), "Đảng bộ cơ sở 4 tốt" for a grassroots
// committee. Which movement a unit may register for follows its kind on the year's last day.
import type { CommitmentKind, UnitKind } from '../db/types.ts';

export const MEMBER_COMMITMENT: CommitmentKind = 'hoc_tap_lam_theo_bac';
export const UNIT_COMMITMENTS = ['chi_bo_4_tot', 'dang_bo_co_so_4_tot'] as const satisfies readonly CommitmentKind[];
export type UnitCommitment = (typeof UNIT_COMMITMENTS)[number];

const FITS: Record<UnitCommitment, readonly UnitKind[]> = {
  chi_bo_4_tot: ['chi_bo', 'chi_bo_co_so'],
  dang_bo_co_so_4_tot: ['dang_bo_co_so', 'dang_bo_xa'],
};

export const commitmentFits = (kind: UnitCommitment, unitKind: UnitKind) => FITS[kind].includes(unitKind);
