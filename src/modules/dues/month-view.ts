// A member's month as the API shows it.
import { type Lang, t } from '../../i18n/messages.ts';
import { type MemberMonth, stillOwed } from './dues-ledger.ts';
import type { MemberMonthOut } from './schemas.ts';

export function monthView(m: MemberMonth, lang: Lang): MemberMonthOut {
  const exemption = m.dues?.exemption ?? null;
  return {
    month: m.month,
    unitId: m.unitId,
    basis: m.basis,
    basisSet: m.basisSet,
    base: m.dues?.base ?? null,
    due: m.dues?.due ?? null,
    exemption,
    exemptionLabel: exemption ? t(lang, `dues.exemption.${exemption}`) : null,
    reductionPercent: m.dues?.reductionPercent ?? 0,
    problem: m.problem ? t(lang, m.problem) : null,
    payment: m.payment
      ? { amount: m.payment.amount, method: m.payment.method, reference: m.payment.reference, paidOn: m.payment.paidOn, corrections: m.payment.corrections }
      : null,
    owed: stillOwed(m),
    recorded: m.recorded,
    ruleSet: m.ruleSet.code,
  };
}
