// The grading workflow (issue 9 items 3, 5, 6) under /api/v1/grading: open a period for a
// unit (its rule set and roll fixed then), read it with the entries the caller may see, a
// member's own self-assessment, the cell's proposal, the competent level's decision (quota
// checked), amendments of a decided grade, and results for any unit subtree and period.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { vnDate } from '../../domain/meeting-time.ts';
import { recordIdParams } from '../../http/record-id.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { accessOf } from '../auth/authenticate.ts';
import { gradingResults } from '../figures/grading-figures.ts';
import { clock } from '../meetings/clock.ts';
import { validOnRef } from '../org-history/valid-on.ts';
import { saveProposal, saveSelfAssessment } from './assess.ts';
import { listCommitments, saveMemberCommitment, saveUnitCommitment } from './commitments.ts';
import { amend, decide } from './decide.ts';
import { decisionDocx } from './decision-docx.ts';
import { periodXlsx } from './export-xlsx.ts';
import { openPeriod } from './open-period.ts';
import { visibleEntry, visiblePeriod } from './period-access.ts';
import { periodView, readEntries, ruleSetTitle, ruleSetTitleOf, unitNameOn } from './read-entries.ts';
import { ruleSetPreview } from './rule-set-preview.ts';
import { listGradingRuleSets, loadGradingRuleSet } from './rule-sets.ts';
import {
  amendmentBody,
  commitmentOut,
  commitmentsOut,
  commitmentsQuery,
  decisionDocxQuery,
  decisionsBody,
  entryOut,
  gradingRuleSetsOut,
  gradingRuleSetsQuery,
  loadGradingRuleSetBody,
  memberCommitmentBody,
  myEntriesOut,
  openPeriodBody,
  periodDetailOut,
  periodsOut,
  periodsQuery,
  proposalBody,
  resultsOut,
  resultsQuery,
  ruleSetOut,
  ruleSetQuery,
  selfAssessmentBody,
  unitCommitmentBody,
  unitIdParams,
} from './schemas.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function gradingRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['grading'];
  const db = app.db;

  const periodDetail = async (req: Parameters<typeof accessOf>[0], id: number) => {
    const access = accessOf(req);
    const period = await visiblePeriod(db, access, id);
    const unitName = await unitNameOn(db, period.unit_id, period.ends_on);
    const lang = req.lang;
    return {
      ...periodView({ ...period, unit_name: unitName, rule_set_title: await ruleSetTitleOf(db, period, lang) }),
      criteria: period.body.criteria.map((c) => ({ key: c.key, subjects: [...c.subjects], label: c.label[lang], maxPoints: c.maxPoints })),
      maxPoints: period.body.maxPoints,
      bands: period.body.bands.map((b) => ({ grade: b.grade, minPoints: b.minPoints })),
      roleGroups: period.body.roleGroups.map((g) => ({ key: g.key, label: g.label[lang] })),
      entries: await readEntries(db, access, period, lang),
    };
  };
  const oneEntry = async (req: Parameters<typeof accessOf>[0], id: number) => {
    const access = accessOf(req);
    const { period } = await visibleEntry(db, access, id);
    const [entry] = await readEntries(db, access, period, req.lang, { ids: [id] });
    return entry!;
  };

  app.post('/grading/periods', { schema: { tags, body: openPeriodBody, response: { 201: periodDetailOut } } }, async (req, reply) => {
    const id = await openPeriod(db, accessOf(req), req.body);
    return reply.status(201).send(await periodDetail(req, id));
  });
  app.get('/grading/rule-set', { schema: { tags, querystring: ruleSetQuery, response: { 200: ruleSetOut } } }, async (req) =>
    ruleSetPreview(db, accessOf(req), req.lang, req.query),
  );
  /** The periods that grade a unit: opened for it or for a unit above it (as the tree stood on each period's end date). */
  app.get('/grading/periods', { schema: { tags, querystring: periodsQuery, response: { 200: periodsOut } } }, async (req) => {
    const access = accessOf(req);
    const unitId = req.query.unitId;
    await unitInScopeOr404(db, access.scope('read'), unitId);
    const rows = await db
      .selectFrom('grading_periods as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('rule_sets as rs', 'rs.id', 'p.rule_set_id')
      .select([
        'p.id',
        'p.unit_id',
        'p.kind',
        'p.name',
        'p.starts_on',
        'p.ends_on',
        'p.rule_set_code',
        'p.rule_set_version',
        'p.rule_set_id',
        'p.rules',
        'p.opened_at',
        'u.name as unit_name',
        'rs.title as unit_rule_set_title',
      ])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('unit_ancestry as a')
            .select('a.unit_id')
            .where('a.unit_id', '=', unitId)
            .whereRef('a.ancestor_id', '=', 'p.unit_id')
            .where(validOnRef('a', sql`p.ends_on`)),
        ),
      )
      .orderBy('p.ends_on', 'desc')
      .orderBy('p.id', 'desc')
      .execute();
    return { items: rows.map((p) => periodView({ ...p, rule_set_title: ruleSetTitle(p, p.unit_rule_set_title, req.lang) })) };
  });
  app.get('/grading/periods/:id/export.xlsx', { schema: { tags, params: recordIdParams } }, async (req, reply) => {
    const file = await periodXlsx(db, accessOf(req), req.params.id, req.lang);
    return reply.type(XLSX).header('content-disposition', `attachment; filename="xep-loai-ky-${req.params.id}.xlsx"`).send(file);
  });
  /** The decision of the members' (or the organisations') grades, as the committee signs it: a .docx in the party layout. */
  app.get('/grading/periods/:id/decision.docx', { schema: { tags, params: recordIdParams, querystring: decisionDocxQuery } }, async (req, reply) => {
    const file = await decisionDocx(db, accessOf(req), req.params.id, req.query);
    return reply.type(DOCX).header('content-disposition', `attachment; filename="quyet-dinh-xep-loai-ky-${req.params.id}.docx"`).send(file);
  });
  app.get('/grading/periods/:id', { schema: { tags, params: recordIdParams, response: { 200: periodDetailOut } } }, async (req) =>
    periodDetail(req, req.params.id),
  );
  app.post(
    '/grading/periods/:id/decisions',
    { schema: { tags, params: recordIdParams, body: decisionsBody, response: { 200: periodDetailOut } } },
    async (req) => {
      await decide(db, accessOf(req), req.params.id, req.body, vnDate(clock.now()));
      return periodDetail(req, req.params.id);
    },
  );
  /** The caller's own entries (a member on their phone): newest period first. */
  app.get('/grading/me', { schema: { tags, response: { 200: myEntriesOut } } }, async (req) => {
    const access = accessOf(req);
    if (access.memberId === null) return { items: [] };
    const ids = await db
      .selectFrom('grading_entries as e')
      .innerJoin('grading_periods as p', 'p.id', 'e.period_id')
      .select(['e.id', 'e.period_id'])
      .where('e.member_id', '=', access.memberId)
      .orderBy('p.ends_on', 'desc')
      .orderBy('e.id', 'desc')
      .execute();
    const items = [];
    for (const r of ids) {
      const period = await visiblePeriod(db, access, r.period_id);
      const [entry] = await readEntries(db, access, period, req.lang, { ids: [r.id] });
      const unitName = await unitNameOn(db, period.unit_id, period.ends_on);
      items.push({ period: periodView({ ...period, unit_name: unitName, rule_set_title: await ruleSetTitleOf(db, period, req.lang) }), entry: entry! });
    }
    return { items };
  });
  app.get('/grading/entries/:id', { schema: { tags, params: recordIdParams, response: { 200: entryOut } } }, async (req) => oneEntry(req, req.params.id));
  app.put(
    '/grading/entries/:id/self-assessment',
    { schema: { tags, params: recordIdParams, body: selfAssessmentBody, response: { 200: entryOut } } },
    async (req) => {
      await saveSelfAssessment(db, accessOf(req), req.params.id, req.body);
      return oneEntry(req, req.params.id);
    },
  );
  app.put('/grading/entries/:id/proposal', { schema: { tags, params: recordIdParams, body: proposalBody, response: { 200: entryOut } } }, async (req) => {
    await saveProposal(db, accessOf(req), req.params.id, req.body);
    return oneEntry(req, req.params.id);
  });
  app.post(
    '/grading/entries/:id/amendments',
    { schema: { tags, params: recordIdParams, body: amendmentBody, response: { 201: entryOut } } },
    async (req, reply) => {
      await amend(db, accessOf(req), req.params.id, req.body);
      return reply.status(201).send(await oneEntry(req, req.params.id));
    },
  );
  /** The caller's own "học tập và làm theo Bác" registration and pledge for a year (saved again: replaced). */
  app.put('/grading/commitments/me', { schema: { tags, body: memberCommitmentBody, response: { 200: commitmentOut } } }, async (req) =>
    saveMemberCommitment(db, accessOf(req), req.body),
  );
  /** A unit's registration for an emulation movement ("Chi bộ 4 tốt", "Đảng bộ cơ sở 4 tốt") for a year. */
  app.put(
    '/grading/units/:unitId/commitments',
    { schema: { tags, params: unitIdParams, body: unitCommitmentBody, response: { 200: commitmentOut } } },
    async (req) => saveUnitCommitment(db, accessOf(req), req.params.unitId, req.body),
  );
  app.get('/grading/commitments', { schema: { tags, querystring: commitmentsQuery, response: { 200: commitmentsOut } } }, async (req) => ({
    items: await listCommitments(db, accessOf(req), req.query.unitId, req.query.year),
  }));
  /** The grading rules (or "Chi bộ 4 tốt" scale) in force for a unit on a date, and the sets it may adopt. */
  app.get('/grading/rule-sets', { schema: { tags, querystring: gradingRuleSetsQuery, response: { 200: gradingRuleSetsOut } } }, async (req) =>
    listGradingRuleSets(db, accessOf(req), req.query.unitId, req.query.ruleKind, req.query.on, req.lang),
  );
  /** A unit loads its own set, or adopts a built-in one, from a date; periods already opened keep theirs. */
  app.post('/grading/rule-sets', { schema: { tags, body: loadGradingRuleSetBody, response: { 201: gradingRuleSetsOut } } }, async (req, reply) => {
    const access = accessOf(req);
    await loadGradingRuleSet(db, access, req.body);
    return reply.status(201).send(await listGradingRuleSets(db, access, req.body.unitId, req.body.kind, req.body.effectiveFrom, req.lang));
  });
  app.get('/grading/results', { schema: { tags, querystring: resultsQuery, response: { 200: resultsOut } } }, async (req) =>
    gradingResults(db, accessOf(req), req.lang, req.query),
  );
}
