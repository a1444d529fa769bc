import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../src/db/types.ts';
import { memberStanding } from '../../src/domain/member-standing.ts';

const TODAY = '2026-11-30';

describe("a member's standing: membership and activities apart", () => {
  it.each<[MemberStatus, string | null, ReturnType<typeof memberStanding>]>([
    ['chinh_thuc', '2010-05-01', { membership: 'chinh_thuc', activity: null, left: null }],
    ['du_bi', null, { membership: 'du_bi', activity: null, left: null }],
    // Exempted (old age, health) is still a full member.
    ['mien_sinh_hoat', '1990-03-02', { membership: 'chinh_thuc', activity: 'mien_sinh_hoat', left: null }],
    ['dinh_chi', '2015-01-01', { membership: 'chinh_thuc', activity: 'dinh_chi', left: null }],
    // Suspended while on probation stays probationary.
    ['dinh_chi', null, { membership: 'du_bi', activity: 'dinh_chi', left: null }],
    ['dinh_chi', '2027-01-01', { membership: 'du_bi', activity: 'dinh_chi', left: null }],
    ['tu_tran', '1980-01-01', { membership: null, activity: null, left: 'tu_tran' }],
    ['chuyen_di', '2000-01-01', { membership: null, activity: null, left: 'chuyen_di' }],
  ])('%s with full membership from %s', (status, fullMemberOn, expected) => {
    expect(memberStanding(status, fullMemberOn, TODAY)).toEqual(expected);
  });
});
