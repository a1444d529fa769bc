import { describe, expect, it } from 'vitest';
import { type AdmissionCase, admissionDeadlines, admissionProblems, admissionRulesOn, partyAgeMonths } from '../../src/domain/admission.ts';
import { completedMonths } from '../../src/domain/member-dates.ts';
import { hasMessage, t } from '../../src/i18n/messages.ts';

const rules = admissionRulesOn('2026-11-30').body;
const fine: AdmissionCase = {
  dateOfBirth: '1995-06-15',
  consideredOn: '2026-11-30',
  certificateOn: '2026-05-20',
  sponsor: { fullMemberOn: '2015-01-10', knownSince: '2024-03-01' },
};
const keys = (c: Partial<AdmissionCase>) => admissionProblems({ ...fine, ...c }, rules).map((p) => p.key.replace('admissions.check.', ''));

describe('months counted the way the Charter counts them', () => {
  it.each([
    ['2008-11-30', '2026-11-30', 216],
    ['2008-12-01', '2026-11-30', 215],
    ['2008-01-31', '2026-02-28', 217],
    ['2008-02-29', '2026-02-28', 216],
    ['2026-12-01', '2026-11-30', 0],
  ])('from %s to %s: %i months', (from, on, months) => {
    expect(completedMonths(from, on)).toBe(months);
  });
});

describe('admission deadlines in working days', () => {
  it('a candidate from decision to the last day of the consideration', () => {
    expect(admissionDeadlines({ decisionOn: '2026-02-02', ceremonyOn: '2026-03-20', certificateOn: '2025-09-10' }, rules)).toEqual({
      // 30 working days after Monday 2/2/2026, skipping the Tết week 16–20/2.
      ceremonyBy: '2026-03-23',
      // 12 months of probation from the ceremony.
      probationEndsOn: '2027-03-20',
      // 30 working days after that Saturday: Giỗ Tổ (16/4/2027), 30/4, and 3/5 in lieu of 1/5 (a Saturday) are skipped.
      considerationBy: '2027-05-05',
      certificateExpiresOn: '2030-09-10',
    });
  });

  it('a deadline is unknown until the date it runs from is', () => {
    expect(admissionDeadlines({ decisionOn: '2026-12-15' }, rules)).toEqual({
      ceremonyBy: '2027-01-27',
      probationEndsOn: null,
      considerationBy: null,
      certificateExpiresOn: null,
    });
  });
});

describe('checks when the cell considers the case', () => {
  it.each([
    ['a sound case', {}, []],
    ['17 years 11 months', { dateOfBirth: '2008-12-15' }, ['too_young']],
    ['18 that very day', { dateOfBirth: '2008-11-30' }, []],
    ['60 years and 29 days', { dateOfBirth: '1966-11-01', consideredOn: '2026-11-30' }, []],
    ['60 years and 1 month', { dateOfBirth: '1966-10-30' }, ['too_old']],
    ['no certificate', { certificateOn: null }, ['no_certificate']],
    ['a certificate on its last valid day', { certificateOn: '2021-12-01' }, []],
    ['a certificate 60 months old', { certificateOn: '2021-11-30' }, ['certificate_expired']],
    ['a certificate dated after the consideration', { certificateOn: '2026-12-01' }, ['certificate_after_consideration']],
    ['no sponsor', { sponsor: null }, ['no_sponsor']],
    ['a probationary sponsor', { sponsor: { fullMemberOn: null, knownSince: '2020-01-01' } }, ['sponsor_not_full_member']],
    ['a sponsor recognised after the consideration', { sponsor: { fullMemberOn: '2026-12-01', knownSince: '2020-01-01' } }, ['sponsor_not_full_member']],
    ['a sponsor who has known the candidate 11 months', { sponsor: { fullMemberOn: '2015-01-10', knownSince: '2025-12-01' } }, ['sponsor_known_too_short']],
    ['a sponsor who has known the candidate 12 months', { sponsor: { fullMemberOn: '2015-01-10', knownSince: '2025-11-30' } }, []],
  ] as const)('%s', (_label, change, expected) => {
    expect(keys(change as Partial<AdmissionCase>)).toEqual(expected);
  });

  it('says in Vietnamese why someone 60 years and 1 month old is refused', () => {
    const [p] = admissionProblems({ ...fine, dateOfBirth: '1966-10-30' }, rules);
    expect(t('vi', p!.key, p!.params)).toBe(
      'Người vào Đảng không quá 60 tuổi (tính theo tháng) khi chi bộ xét kết nạp; ngày 30/11/2026 người này đã 60 tuổi 1 tháng.',
    );
  });

  it('every problem reads in both languages', () => {
    const all = [
      ...admissionProblems({ ...fine, dateOfBirth: '2010-01-01', certificateOn: null, sponsor: null }, rules),
      ...admissionProblems(
        { ...fine, dateOfBirth: '1950-01-01', certificateOn: '2020-01-01', sponsor: { fullMemberOn: null, knownSince: '2026-06-01' } },
        rules,
      ),
      ...admissionProblems({ ...fine, certificateOn: '2027-01-01' }, rules),
    ];
    expect(all).toHaveLength(8);
    for (const p of all) for (const lang of ['vi', 'en'] as const) expect(hasMessage(lang, p.key), `${lang} ${p.key}`).toBe(true);
  });

  it('marks the certificate validity as unconfirmed', () => {
    expect(rules.unconfirmed).toContain('certificateValidityMonths');
  });
});

describe('party age', () => {
  const member = { decisionOn: '2015-07-26', fullMemberOn: '2016-07-26' };
  it.each([
    ['a probationary member has none yet', { ...member }, '2016-07-25', null],
    ['counted from the admission decision once recognised', { ...member }, '2016-07-26', 12],
    ['eleven years later', { ...member }, '2026-07-26', 132],
    ['less a year struck off and readmitted', { ...member, gaps: [{ from: '2018-01-01', to: '2019-01-01' }] }, '2026-07-26', 120],
    ['a gap still running counts up to the day', { ...member, gaps: [{ from: '2026-01-26', to: '2027-01-01' }] }, '2026-07-26', 126],
    ['never recognised', { ...member, fullMemberOn: null }, '2026-07-26', null],
  ] as const)('%s', (_label, m, on, months) => {
    expect(partyAgeMonths(m, on)).toBe(months);
  });
});
