// Which status changes a decision can make (Điều lệ Đảng, HD 12-HD/BTCTW). Pure rules,
// no I/O. Leaving the party organisation (chuyển đi, xóa tên, khai trừ, từ trần) ends
// the membership here: it is final, and a later return is a new admission or record.
import type { MemberStatus } from '../db/types.ts';

export const CURRENT_STATUSES: readonly MemberStatus[] = ['du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi'];
export const LEAVING_STATUSES: readonly MemberStatus[] = ['chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran'];

const ALLOWED: Record<MemberStatus, readonly MemberStatus[]> = {
  // Probation ends in recognition (chính thức) or striking off; a probationary member
  // can also be suspended, transferred out, expelled or die. Exemption from activities
  // is for full members (age, health), not for someone still on probation.
  du_bi: ['chinh_thuc', 'dinh_chi', ...LEAVING_STATUSES],
  chinh_thuc: ['mien_sinh_hoat', 'dinh_chi', ...LEAVING_STATUSES],
  // An exempted member may come back to regular activities.
  mien_sinh_hoat: ['chinh_thuc', 'dinh_chi', ...LEAVING_STATUSES],
  // A suspension ends by restoring the member (to probation only if they never became full).
  dinh_chi: ['du_bi', 'chinh_thuc', ...LEAVING_STATUSES],
  chuyen_di: [],
  xoa_ten: [],
  khai_tru: [],
  tu_tran: [],
};

export type TransitionCheck =
  | { ok: true; setsFullMemberOn: boolean; endsMembership: boolean }
  | { ok: false; reason: 'unchanged' | 'has_left' | 'not_allowed' };

export function isLeaving(status: MemberStatus): boolean {
  return LEAVING_STATUSES.includes(status);
}

/** Whether `from` → `to` is allowed for a member who became full on `fullMemberOn` (or never). */
export function checkStatusTransition(from: MemberStatus, to: MemberStatus, fullMemberOn: string | null): TransitionCheck {
  if (from === to) return { ok: false, reason: 'unchanged' };
  if (isLeaving(from)) return { ok: false, reason: 'has_left' };
  if (!ALLOWED[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  if (from === 'dinh_chi' && to === 'du_bi' && fullMemberOn !== null) return { ok: false, reason: 'not_allowed' };
  return {
    ok: true,
    // Recognition as a full member dates the membership; after a suspension the date is
    // kept if the member was already full.
    setsFullMemberOn: to === 'chinh_thuc' && (from === 'du_bi' || fullMemberOn === null),
    endsMembership: isLeaving(to),
  };
}
