// Rule sets are inherited along the tree as it was on the date judged, not today's tree:
// a cell that moved from commune A (which loaded its own meeting rules and quality scale)
// to commune B in 2026 has its 2024 meetings judged under A's sets, and its 2026 meetings
// under what B and the province have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingRulesFor } from '../../src/modules/meetings/unit-rule-sets.ts';
import { countingRulesFor } from '../../src/modules/rule-sets/counting-rules.ts';
import { unitRuleSets, unitRuleSetsOfUnits } from '../../src/modules/rule-sets/unit-rule-sets.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hd12MeetingRulesWith, loadUnitRuleSet } from '../helpers/unit-rule-set.ts';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};

/** A rule set a unit loaded, stored as the rule-sets module keeps it. */
const loadSet = (kind: string, unitId: number, code: string, effectiveFrom: string, body: unknown) =>
  loadUnitRuleSet(t.database.db, { kind, code, unitId, effectiveFrom, body });

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'HT', name: 'Đảng bộ tỉnh Hà Tĩnh', kind: 'dang_bo_tinh', establishedOn: '1950-01-01' });
  u.communeA = await t.unit({ code: 'XA-A', name: 'Đảng bộ xã Thạch An', kind: 'dang_bo_xa', parentId: u.province, establishedOn: '1960-01-01' });
  u.communeB = await t.unit({ code: 'XA-B', name: 'Đảng bộ xã Thạch Bình', kind: 'dang_bo_xa', parentId: u.province, establishedOn: '1960-01-01' });
  u.cell = await t.unit({ code: 'XA-A-1', name: 'Chi bộ thôn Đông', parentId: u.communeA, establishedOn: '2000-01-01' });
  await t.user('admin', [{ role: 'admin', unitId: u.province }]);
  admin = await t.as('admin');

  // Commune A's own meeting rules from 2023: a check-in window opening 60 minutes before.
  await loadSet('meeting-rules', u.communeA, 'thach-an-2023', '2023-01-01', hd12MeetingRulesWith({ checkIn: { opensMinutesBefore: 60 } }));
  // Commune A adopts the province-style 100-point quality scale from 2023, through the API.
  const scale = await admin({
    method: 'POST',
    url: '/api/v1/meeting-quality-scales',
    payload: { unitId: u.communeA, templateCode: 'vi-du-tinh-100-diem', effectiveFrom: '2023-01-01' },
  });
  expect(scale.statusCode, scale.body).toBe(201);
  // The cell moves to commune B on 1/3/2026.
  const move = await admin({
    method: 'POST',
    url: `/api/v1/units/${u.cell}/move`,
    payload: { parentId: u.communeB, effectiveOn: '2026-03-01', decisionNumber: '30-QĐ/TU' },
  });
  expect(move.statusCode, move.body).toBe(200);
});
afterAll(() => t.close());

describe('rule sets follow the tree as it was on the date judged', () => {
  it("judges a 2024 meeting of the cell under commune A's meeting rules, a 2026 one under the built-in set", async () => {
    expect((await meetingRulesFor(t.database.db, u.cell, '2024-05-10')).code).toBe('thach-an-2023');
    expect((await meetingRulesFor(t.database.db, u.cell, '2024-05-10')).body.checkIn.opensMinutesBefore).toBe(60);
    expect((await meetingRulesFor(t.database.db, u.cell, '2026-02-28')).code).toBe('thach-an-2023');
    expect((await meetingRulesFor(t.database.db, u.cell, '2026-03-01')).code).toBe('hd12');
  });

  it('answers the same through the standard agenda the meeting form reads', async () => {
    const on = async (date: string) =>
      (await admin({ method: 'GET', url: `/api/v1/meetings/standard-agenda?kind=regular&unitId=${u.cell}&on=${date}` })).json().ruleSet.code;
    expect(await on('2024-05-10')).toBe('thach-an-2023');
    expect(await on('2026-06-01')).toBe('hd12');
  });

  it("grades a 2024 meeting with commune A's quality scale, a 2026 one with the default", async () => {
    const inForce = async (date: string) => (await admin({ method: 'GET', url: `/api/v1/meeting-quality-scales?unitId=${u.cell}&on=${date}` })).json().inForce;
    expect(await inForce('2024-05-10')).toMatchObject({ code: 'vi-du-tinh-100-diem', origin: 'unit', unitId: u.communeA });
    expect(await inForce('2026-06-01')).toMatchObject({ code: 'hd12', origin: 'builtin' });
  });

  it('does the same for the counting rules, the rule set of the org-counting module', async () => {
    await loadSet('org-counting', u.communeB, 'thach-binh-2026', '2026-01-01', {
      grassrootsCommittees: ['dang_bo_co_so', 'dang_bo_xa'],
      committeesHoldingCells: [],
      grassrootsCells: ['chi_bo_co_so'],
      cellsUnderCommittees: ['chi_bo'],
      notes: { vi: 'Thạch Bình', en: 'Thach Binh' },
    });
    expect((await countingRulesFor(t.database.db, u.cell, '2026-02-01')).code).toBe('qd294-xa-2025');
    expect((await countingRulesFor(t.database.db, u.cell, '2026-06-01')).code).toBe('thach-binh-2026');
    expect((await countingRulesFor(t.database.db, u.cell, '2024-06-01')).code).toBe('dieu-le-21');
    // The unit page names the rule its figures follow.
    const page = (await admin({ method: 'GET', url: `/api/v1/units/${u.communeB}?at=2026-06-01` })).json();
    expect(page.countingRule).toMatchObject({ code: 'thach-binh-2026' });
    expect(page.organisations).toEqual({ grassroots: { n: 1, committees: 1, cells: 0 }, cells: { n: 1, underCommittees: 1, grassrootsCells: 0 } });
    // The figures follow the sets of the unit and the units above it only: commune B's set
    // is not commune A's, nor the province's.
    const ruleOf = async (unitId: number) =>
      (await admin({ method: 'GET', url: `/api/v1/figures/units/${unitId}?date=2026-06-01` })).json().organisations.rule.code;
    expect(await ruleOf(u.communeB)).toBe('thach-binh-2026');
    expect(await ruleOf(u.communeA)).toBe('qd294-xa-2025');
    expect(await ruleOf(u.province)).toBe('qd294-xa-2025');
  });
});

describe('the batch lookup (a province dues ledger asks for thousands of units at once)', () => {
  it('gives each unit what the one-unit lookup gives, on every date around the move', async () => {
    const later = await t.unit({ code: 'XA-B-2', name: 'Chi bộ thôn Mới', parentId: u.communeB, establishedOn: '2025-06-15' });
    await loadSet('meeting-rules', later, 'thon-moi-2025', '2025-06-15', {});
    await loadSet('meeting-rules', u.province, 'ha-tinh-2022', '2022-01-01', {});
    const units = [u.province!, u.communeA!, u.communeB!, u.cell!, later];
    for (const on of ['2021-06-01', '2024-05-10', '2025-06-01', '2026-02-28', '2026-03-01', '2026-06-01']) {
      const batch = await unitRuleSetsOfUnits(t.database.db, 'meeting-rules', units, on);
      for (const unitId of units) {
        const codes = (sets: { code: string }[] | undefined) => (sets ?? []).map((s) => s.code);
        expect(codes(batch.get(unitId)), `unit ${unitId} on ${on}`).toEqual(codes(await unitRuleSets(t.database.db, 'meeting-rules', unitId, on)));
      }
    }
    // Not vacuous: the cell's candidates changed with the move.
    expect((await unitRuleSetsOfUnits(t.database.db, 'meeting-rules', [u.cell!], '2024-05-10')).get(u.cell!)!.map((s) => s.code)).toEqual([
      'thach-an-2023',
      'ha-tinh-2022',
    ]);
    expect((await unitRuleSetsOfUnits(t.database.db, 'meeting-rules', [u.cell!], '2026-06-01')).get(u.cell!)!.map((s) => s.code)).toEqual(['ha-tinh-2022']);
    // A unit judged on a day before it was founded still has its own set, as the one-unit lookup gives it.
    expect((await unitRuleSetsOfUnits(t.database.db, 'meeting-rules', [later], '2025-06-01')).get(later)!.map((s) => s.code)).toEqual(['thon-moi-2025']);
  });
});
