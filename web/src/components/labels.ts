// Vietnamese (or English) names for the API's codes, in one place.

import { CELL_KINDS } from '../../../src/domain/unit-tree.ts';
import type { CommitteePosition, MemberStatus, Role, Sex, TheoryLevel, UnitEventKind, UnitKind } from '../api/types.ts';
import type { Translate } from '../i18n/i18n.ts';

export const unitKindLabel = (t: Translate, kind: UnitKind) => t(`unitKind.${kind}`);
export const statusLabel = (t: Translate, status: MemberStatus) => t(`memberStatus.${status}`);
export const sexLabel = (t: Translate, sex: Sex) => t(`sex.${sex}`);
export const theoryLabel = (t: Translate, level: TheoryLevel | null | undefined) => (level ? t(`theoryLevel.${level}`) : '');
export const roleLabel = (t: Translate, role: Role) => t(`role.${role}`);
/** A cell's committee is its chi ủy (HD 12): its ordinary members are chi ủy viên, not cấp ủy viên. */
const isCell = (kind: UnitKind | undefined) => kind !== undefined && (CELL_KINDS as readonly string[]).includes(kind);
export const positionLabel = (t: Translate, position: CommitteePosition, unitKind?: UnitKind) =>
  position === 'cap_uy_vien' && isCell(unitKind) ? t('committeePosition.chi_uy_vien') : t(`committeePosition.${position}`);
/** "Chi ủy" for a cell, "Cấp ủy" above: the committee card's title, its empty text and its add button. */
export const committeeWords = (t: Translate, unitKind: UnitKind) =>
  isCell(unitKind)
    ? { title: t('committee.titleCell'), empty: t('committee.emptyCell'), add: t('committee.addCell') }
    : { title: t('committee.title'), empty: t('committee.empty'), add: t('committee.add') };
export const eventKindLabel = (t: Translate, kind: UnitEventKind) => t(`unitEvent.${kind}`);

export const STATUS_COLORS: Record<MemberStatus, string> = {
  du_bi: 'gold',
  chinh_thuc: 'green',
  mien_sinh_hoat: 'blue',
  dinh_chi: 'orange',
  chuyen_di: 'default',
  // Red is kept for errors and absences (issue 8 item 20): leaving is shown in grey.
  xoa_ten: 'default',
  khai_tru: 'default',
  tu_tran: 'default',
};
