// Table of the status changes a decision may make (pure rule, no database).
import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../src/db/types.ts';
import { checkStatusTransition } from '../../src/domain/member-status.ts';

describe('status transitions', () => {
  it.each<[MemberStatus, MemberStatus, string | null, string]>([
    ['du_bi', 'chinh_thuc', null, 'ok, sets full-membership date'],
    ['du_bi', 'xoa_ten', null, 'ok, ends membership'],
    ['du_bi', 'mien_sinh_hoat', null, 'not_allowed'],
    ['chinh_thuc', 'du_bi', '2020-01-01', 'not_allowed'],
    ['chinh_thuc', 'mien_sinh_hoat', '2020-01-01', 'ok'],
    ['chinh_thuc', 'chinh_thuc', '2020-01-01', 'unchanged'],
    ['mien_sinh_hoat', 'chinh_thuc', '2020-01-01', 'ok'],
    ['dinh_chi', 'chinh_thuc', '2020-01-01', 'ok'],
    ['dinh_chi', 'chinh_thuc', null, 'ok, sets full-membership date'],
    ['dinh_chi', 'du_bi', null, 'ok'],
    ['dinh_chi', 'du_bi', '2020-01-01', 'not_allowed'],
    ['chinh_thuc', 'khai_tru', '2020-01-01', 'ok, ends membership'],
    ['chinh_thuc', 'chuyen_di', '2020-01-01', 'ok, ends membership'],
    ['tu_tran', 'chinh_thuc', '2020-01-01', 'has_left'],
    ['xoa_ten', 'du_bi', null, 'has_left'],
  ])('%s → %s (full since %s): %s', (from, to, fullMemberOn, expected) => {
    const check = checkStatusTransition(from, to, fullMemberOn);
    const described = !check.ok
      ? check.reason
      : ['ok', ...(check.setsFullMemberOn ? ['sets full-membership date'] : []), ...(check.endsMembership ? ['ends membership'] : [])].join(', ');
    expect(described).toBe(expected);
  });
});
