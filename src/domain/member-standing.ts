// A member's standing as people read it (HD 12): membership — chính thức or dự bị — and,
// apart from it, an exemption from or a suspension of activities. An exempted member is
// still chính thức, so the two are shown as two facts, never folded into one status.
// A member who has left (chuyển đi, xóa tên, khai trừ, từ trần) has only that.
import type { MemberStatus } from '../db/types.ts';

export interface MemberStanding {
  /** Full or probationary; null once the member has left. */
  membership: 'chinh_thuc' | 'du_bi' | null;
  /** Exempted from or suspended from activities, apart from membership. */
  activity: 'mien_sinh_hoat' | 'dinh_chi' | null;
  /** The way the member left, when they have. */
  left: MemberStatus | null;
}

export function memberStanding(status: MemberStatus, fullMemberOn: string | null, today: string): MemberStanding {
  if (status === 'chinh_thuc' || status === 'du_bi') return { membership: status, activity: null, left: null };
  if (status === 'mien_sinh_hoat' || status === 'dinh_chi') {
    // Exempted or suspended: the membership follows the recognition date.
    const full = fullMemberOn !== null && fullMemberOn <= today;
    return { membership: full ? 'chinh_thuc' : 'du_bi', activity: status, left: null };
  }
  return { membership: null, activity: null, left: status };
}
