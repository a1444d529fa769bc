// The commune demo's villages, admission candidates, dues and tasks, so the areas a new user
// opens first are not empty: written after the bulk load, in one transaction, row by row as
// the modules write them (the ceremony's member record by the members module's insertMember,
// the dues owed by the dues module's own ledger). Deterministic: one Rng from the seed.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { ADMISSION_STEPS } from '../../domain/admission-pipeline.ts';
import { addDays, addMonths } from '../../domain/calendar.ts';
import { duesLedger } from '../dues/dues-ledger.ts';
import { insertMember } from '../members/create-member.ts';
import { createMemberBody } from '../members/schemas.ts';
import { PLACE_SYLLABLES } from './place-names.ts';
import { hashSeed, Rng } from './random.ts';

export interface NewAreaLinks {
  communeId: number;
  firstCellId: number;
  /** The member the `dangvien` account is. */
  dangvienMemberId: number | null;
}

interface CellMember {
  id: number;
  status: string;
  valid_from: string;
  date_of_birth: string;
}

const ACTIVE = ['du_bi', 'chinh_thuc', 'mien_sinh_hoat'] as const;

async function cellMembers(trx: Transaction<DB>, cellId: number): Promise<CellMember[]> {
  return trx
    .selectFrom('member_placements as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .select(['m.id', 'm.status', 'p.valid_from', 'm.date_of_birth'])
    .where('p.unit_id', '=', cellId)
    .where('p.valid_to', 'is', null)
    .where('m.status', 'in', [...ACTIVE])
    .orderBy('m.id')
    .execute();
}

export async function seedNewAreas(db: Kysely<DB>, links: NewAreaLinks, seed: number, asOf: string): Promise<void> {
  const rng = new Rng(hashSeed('new-areas', seed));
  await db.transaction().execute(async (trx) => {
    const cells = await trx
      .selectFrom('units')
      .select(['id', 'name'])
      .where('parent_id', '=', links.communeId)
      .where('kind', '=', 'chi_bo')
      .where('dissolved_on', 'is', null)
      .orderBy('id')
      .execute();
    // Bắc Sơn first: its last village is one of the two white villages.
    const villageCells = cells
      .filter((c) => c.name.startsWith('Chi bộ thôn '))
      .sort((a, b) => Number(b.id === links.firstCellId) - Number(a.id === links.firstCellId));
    const whiteVillages = await seedVillages(trx, rng, links, villageCells, asOf);
    const candidateCells = [links.firstCellId, ...villageCells.map((c) => c.id).filter((id) => id !== links.firstCellId)].slice(0, 3);
    await seedCandidates(trx, rng, candidateCells, whiteVillages, asOf);
    await seedDues(trx, rng, links.firstCellId, asOf);
    await seedTasks(trx, links, asOf);
  });
}

/** Villages per village cell, members living in them; two white villages (the first cell's last, and one more). */
async function seedVillages(
  trx: Transaction<DB>,
  rng: Rng,
  links: NewAreaLinks,
  cells: readonly { id: number; name: string }[],
  asOf: string,
): Promise<Map<number, number>> {
  const white = new Map<number, number>();
  const year = Number(asOf.slice(0, 4));
  for (const [i, cell] of cells.entries()) {
    const main = cell.name.replace('Chi bộ thôn ', '');
    // The first cell has three villages, the second two: each has one white village.
    const count = i === 0 ? 3 : i === 1 ? 2 : rng.int(1, 2);
    const names = [main];
    while (names.length < count) {
      const name = `${rng.pick(PLACE_SYLLABLES)} ${rng.pick(PLACE_SYLLABLES)}`;
      const [a, b] = name.split(' ');
      if (a !== b && !names.includes(name)) names.push(name);
    }
    const villageIds: number[] = [];
    for (const [k, name] of names.entries()) {
      const v = await trx
        .insertInto('villages')
        .values({ cell_id: cell.id, name, kind: k > 0 && rng.chance(0.3) ? 'ban' : 'thon', established_on: '2019-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      villageIds.push(v.id);
    }
    const lived = i <= 1 ? villageIds.slice(0, -1) : villageIds;
    if (i <= 1) white.set(cell.id, villageIds[villageIds.length - 1]!);
    const members = await cellMembers(trx, cell.id);
    const rows = members
      .filter(() => rng.chance(0.9))
      .map((m) => ({
        member_id: m.id,
        village_id: lived[rng.next() < 0.7 ? 0 : rng.int(0, lived.length - 1)]!,
        valid_from: m.valid_from,
      }));
    if (rows.length) await trx.insertInto('member_residences').values(rows).execute();
    await trx
      .insertInto('growth_targets')
      .values({ cell_id: cell.id, year, target: rng.int(1, 2), set_by_unit_id: links.communeId })
      .execute();
  }
  return white;
}

// The steps a demo candidate may have taken, in the pipeline's own order (up to the ceremony).
const STEPS = ADMISSION_STEPS.slice(0, ADMISSION_STEPS.indexOf('ceremony') + 1);
type Step = (typeof STEPS)[number];

interface CandidateSpec {
  cell: number;
  fullName: string;
  sex: 'nam' | 'nu';
  born: string;
  occupation: string;
  /** Days before "today" of each step done, in order from 'source'. */
  stepsAgo: readonly number[];
  white?: boolean;
}

/** Candidates at different stages: one admitted (in probation, its consideration due soon), one with its ceremony to hold. */
async function seedCandidates(trx: Transaction<DB>, rng: Rng, cells: readonly number[], white: Map<number, number>, asOf: string) {
  const [c1, c2 = cells[0]!, c3 = cells[0]!] = cells as [number, number?, number?];
  // The probation's twelve months end a few days ago: the cell's consideration is due within 30 working days.
  const ceremonyAgo = Math.round((Date.parse(asOf) - Date.parse(addMonths(asOf, -12))) / 86_400_000) + 6;
  const specs: CandidateSpec[] = [
    { cell: c1, fullName: 'Nguyễn Văn Khánh', sex: 'nam', born: '2001-04-12', occupation: 'Nông dân', stepsAgo: [25] },
    { cell: c1, fullName: 'Lê Thị Ngọc Ánh', sex: 'nu', born: '1999-09-03', occupation: 'Giáo viên', stepsAgo: [160, 140, 45], white: true },
    { cell: c1, fullName: 'Trần Minh Tuấn', sex: 'nam', born: '1997-01-20', occupation: 'Bí thư Chi đoàn', stepsAgo: [320, 300, 210, 60, 20] },
    { cell: c1, fullName: 'Phạm Thị Hương', sex: 'nu', born: '1998-06-15', occupation: 'Cán bộ Hội Phụ nữ', stepsAgo: [400, 380, 280, 120, 90, 60, 35, 9] },
    { cell: c3, fullName: 'Hoàng Văn Đức', sex: 'nam', born: '2000-11-08', occupation: 'Dân quân', stepsAgo: [260, 240, 170, 70, 45, 14] },
    {
      cell: c2,
      fullName: 'Đỗ Thị Thu Trang',
      sex: 'nu',
      born: '1996-02-27',
      occupation: 'Kế toán Hợp tác xã',
      stepsAgo: [
        ceremonyAgo + 360,
        ceremonyAgo + 340,
        ceremonyAgo + 250,
        ceremonyAgo + 120,
        ceremonyAgo + 90,
        ceremonyAgo + 70,
        ceremonyAgo + 50,
        ceremonyAgo + 20,
        ceremonyAgo,
      ],
    },
  ];
  for (const [n, s] of specs.entries()) {
    const members = await cellMembers(trx, s.cell);
    const villages = await trx.selectFrom('villages').select('id').where('cell_id', '=', s.cell).orderBy('id').execute();
    const villageId = s.white ? (white.get(s.cell) ?? null) : (villages[0]?.id ?? null);
    const steps = s.stepsAgo.map((ago, k) => ({ step: STEPS[k]!, on: addDays(asOf, -ago) }));
    const last = steps[steps.length - 1]!.step;
    const candidate = await trx
      .insertInto('admission_candidates')
      .values({
        unit_id: s.cell,
        village_id: villageId,
        full_name: s.fullName,
        sex: s.sex,
        date_of_birth: s.born,
        occupation: s.occupation,
        stage: last === 'ceremony' ? 'probation' : last,
        created_at: new Date(`${steps[0]!.on}T08:00:00+07:00`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The helper and sponsor: a full member of the cell.
    const full = members.filter((m) => m.status === 'chinh_thuc');
    const helper = full[rng.int(0, Math.max(0, full.length - 1))];
    const decisionNumber = `${100 + n * 7}-QĐ/ĐU`;
    for (const { step, on } of steps) {
      await trx
        .insertInto('admission_steps')
        .values({
          candidate_id: candidate.id,
          stage: step,
          done_on: on,
          member_id: step === 'helper_assigned' || step === 'dossier' ? (helper?.id ?? null) : null,
          known_since: step === 'dossier' ? addDays(steps[0]!.on, -400) : null,
          votes_for: step === 'cell_resolution' ? Math.max(1, members.length - 2) : null,
          votes_total: step === 'cell_resolution' ? members.length : null,
          decision_number: step === 'decision' ? decisionNumber : step === 'committee_resolution' ? `${40 + n}-NQ/ĐU` : null,
          recorded_at: new Date(`${on}T16:00:00+07:00`),
        })
        .execute();
    }
    const stepOn = (x: Step) => steps.find((st) => st.step === x)?.on;
    const certificate = stepOn('awareness_course');
    if (certificate) {
      const docs: { document: 'certificate' | 'application' | 'personal_history' | 'sponsor_form' | 'union_resolution' | 'residence_comment'; on: string }[] = [
        { document: 'certificate', on: certificate },
      ];
      const application = stepOn('application');
      if (application) docs.push({ document: 'application', on: application }, { document: 'personal_history', on: application });
      const dossier = stepOn('dossier');
      if (dossier)
        docs.push({ document: 'sponsor_form', on: dossier }, { document: 'union_resolution', on: dossier }, { document: 'residence_comment', on: dossier });
      const verified = stepOn('cell_resolution');
      await trx
        .insertInto('admission_documents')
        .values(
          docs.map((d) => ({
            candidate_id: candidate.id,
            document: d.document,
            status: verified ? ('verified' as const) : ('received' as const),
            received_on: d.on,
            verified_on: verified ?? null,
          })),
        )
        .execute();
    }
    const ceremony = stepOn('ceremony');
    if (ceremony) {
      // As the ceremony's step does (admissions/record-step.ts): a dự bị member placed in the cell from the ceremony.
      const input = createMemberBody.parse({
        unitId: s.cell,
        fullName: s.fullName,
        sex: s.sex,
        dateOfBirth: s.born,
        ethnicity: 'Kinh',
        religion: 'Không',
        occupation: s.occupation,
        admittedOn: stepOn('decision'),
        fullMemberOn: null,
        status: 'du_bi',
        joinedUnitOn: ceremony,
        decisionNumber,
      });
      const memberId = await insertMember(trx, null, input);
      await trx.updateTable('admission_candidates').set({ member_id: memberId }).where('id', '=', candidate.id).execute();
      if (villageId !== null) await trx.insertInto('member_residences').values({ member_id: memberId, village_id: villageId, valid_from: ceremony }).execute();
    }
  }
}

/** The first cell's dues: a basis for each member, the last three complete months paid by most. */
async function seedDues(trx: Transaction<DB>, rng: Rng, cellId: number, asOf: string) {
  const members = await cellMembers(trx, cellId);
  if (members.length === 0) return;
  const thisMonth = `${asOf.slice(0, 7)}-01`;
  const from = addMonths(thisMonth, -6);
  const bases = members.map((m) => {
    const age = Number(asOf.slice(0, 4)) - Number(m.date_of_birth.slice(0, 4));
    const basis = age >= 62 ? 'pension' : rng.chance(0.35) ? 'insured_salary' : 'other';
    const earnings = basis === 'pension' ? rng.int(300, 900) * 10_000 : basis === 'insured_salary' ? rng.int(500, 1_400) * 10_000 : null;
    const fixed = basis === 'other' && rng.chance(0.3) ? rng.int(1, 5) * 5_000 : null;
    return { member_id: m.id, basis, earnings, fixed_amount: fixed, past_working_age: basis === 'other' && age >= 62, valid_from: from } as const;
  });
  await trx.insertInto('dues_bases').values(bases).execute();
  // An 'other' member's amount stays within the rule set's range (read from the ledger's rule set).
  const months = [3, 2, 1].map((k) => addMonths(thisMonth, -k));
  const ledger = await duesLedger(trx, [...new Set(members.map((m) => m.id))], months[0]!.slice(0, 7), months[2]!.slice(0, 7));
  const range = [...ledger.values()][0]?.[0]?.ruleSet.body.fixed.other;
  if (range) {
    const out = bases.filter((b) => b.fixed_amount !== null && (b.fixed_amount < range.min || b.fixed_amount > range.max)).map((b) => b.member_id);
    if (out.length) await trx.updateTable('dues_bases').set({ fixed_amount: null }).where('member_id', 'in', out).execute();
  }
  const owed = await duesLedger(trx, [...new Set(members.map((m) => m.id))], months[0]!.slice(0, 7), months[2]!.slice(0, 7));
  const payments = [];
  for (const [index, m] of members.entries()) {
    // A few members have not paid: one the last month, one the last two.
    const unpaidFrom = index === 3 ? 1 : index === 7 ? 2 : 0;
    for (const entry of owed.get(m.id) ?? []) {
      // Nothing owed (an exemption): nothing to record; a 0 payment would mean one withdrawn.
      if (!entry.dues || entry.dues.due === 0) continue;
      const monthIndex = months.findIndex((mo) => mo.startsWith(entry.month.slice(0, 7)));
      if (monthIndex < 0 || monthIndex >= 3 - unpaidFrom) continue;
      const paidOn = addDays(addMonths(`${entry.month.slice(0, 7)}-01`, 1), -rng.int(1, 10));
      payments.push({
        member_id: m.id,
        month: `${entry.month.slice(0, 7)}-01`,
        unit_id: entry.unitId,
        due: entry.dues.due,
        amount: entry.dues.due,
        method: 'cash' as const,
        paid_on: paidOn > asOf ? asOf : paidOn,
        rule_set_code: entry.ruleSet.code,
        recorded_at: new Date(`${paidOn}T17:00:00+07:00`),
      });
    }
  }
  if (payments.length) await trx.insertInto('dues_payments').values(payments).execute();
}

/** A few direct tasks of the first cell, with programmes: one for the `dangvien` member, one overdue. */
async function seedTasks(trx: Transaction<DB>, links: NewAreaLinks, asOf: string) {
  const members = await cellMembers(trx, links.firstCellId);
  const others = members.filter((m) => m.id !== links.dangvienMemberId);
  const specs = [
    {
      title: 'Vận động các hộ trong xóm tham gia hiến đất mở rộng đường liên thôn',
      programme: 'new_countryside',
      due: addDays(asOf, 20),
      assignees: [links.dangvienMemberId ?? others[0]?.id],
      expected: 'Các hộ ký cam kết hiến đất',
      target: 12,
      unit: 'hộ',
    },
    {
      title: 'Rà soát, vận động người dân mua bảo hiểm y tế năm tới',
      programme: 'health_insurance',
      due: addDays(asOf, -6),
      assignees: [others[1]?.id, others[2]?.id],
      expected: 'Danh sách hộ chưa có thẻ bảo hiểm y tế',
      target: null,
      unit: null,
    },
    {
      title: 'Tổ chức ra quân tổng vệ sinh đường làng, ngõ xóm',
      programme: 'culture_society',
      due: addDays(asOf, 35),
      assignees: [others[3]?.id],
      expected: null,
      target: null,
      unit: null,
    },
  ];
  for (const s of specs) {
    const created = new Date(`${addDays(asOf, -25)}T09:00:00+07:00`);
    const task = await trx
      .insertInto('tasks')
      .values({
        unit_id: links.firstCellId,
        source: 'direct',
        title: s.title,
        programme: s.programme,
        due_on: s.due,
        expected_result: s.expected,
        target_value: s.target === null ? null : String(s.target),
        target_unit: s.unit,
        created_at: created,
        updated_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = [...new Set(s.assignees.filter((id): id is number => id !== undefined && id !== null))];
    if (ids.length)
      await trx
        .insertInto('task_assignees')
        .values(ids.map((member_id) => ({ task_id: task.id, member_id })))
        .execute();
  }
}
