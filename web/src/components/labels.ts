// Vietnamese (or English) names for the API's codes, in one place.
import type { CommitteePosition, MemberStatus, Role, Sex, TheoryLevel, UnitEventKind, UnitKind } from '../api/types.ts';
import type { Translate } from '../i18n/i18n.ts';

export const unitKindLabel = (t: Translate, kind: UnitKind) => t(`unitKind.${kind}`);
export const statusLabel = (t: Translate, status: MemberStatus) => t(`memberStatus.${status}`);
export const sexLabel = (t: Translate, sex: Sex) => t(`sex.${sex}`);
export const theoryLabel = (t: Translate, level: TheoryLevel | null | undefined) => (level ? t(`theoryLevel.${level}`) : '');
export const roleLabel = (t: Translate, role: Role) => t(`role.${role}`);
export const positionLabel = (t: Translate, position: CommitteePosition) => t(`committeePosition.${position}`);
export const eventKindLabel = (t: Translate, kind: UnitEventKind) => t(`unitEvent.${kind}`);

export const STATUS_COLORS: Record<MemberStatus, string> = {
  du_bi: 'gold',
  chinh_thuc: 'green',
  mien_sinh_hoat: 'blue',
  dinh_chi: 'orange',
  chuyen_di: 'default',
  xoa_ten: 'red',
  khai_tru: 'red',
  tu_tran: 'default',
};
