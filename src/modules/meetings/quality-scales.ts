// Meeting-quality scales: the HD 12 default ships as a rule-set file; a province or unit
// may load its own (from scratch, or by adopting a built-in template), and the nearest
// unit's scale in force on the meeting's date — nearest in the tree as it was on that
// date — is the one a meeting is graded with. The sets are kept by the rule-sets module.

import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { type QualityScale, qualityScaleSchema } from '../../domain/meeting-quality.ts';
import { builtinRuleSet, builtinRuleSets, type RuleSet, ruleSetInForce } from '../../domain/rules/load-rule-set.ts';
import { AppError, badRequest, notFound } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { saveUnitRuleSet } from '../rule-sets/save-unit-rule-set.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';
import { unitRefusal } from './meeting-access.ts';
import type { LoadScaleInput } from './quality-schemas.ts';

const KIND = 'meeting-quality';

export async function scaleFor(db: Db, unitId: number, on: string): Promise<RuleSet<QualityScale>> {
  return ruleSetInForce(KIND, on, qualityScaleSchema, await unitRuleSets(db, KIND, unitId, on));
}

/** A stored grade is shown with the scale it was made with (looked up as the tree stood on the meeting's date `on`). */
export async function scaleByVersion(db: Db, unitId: number, on: string, code: string, version: string): Promise<RuleSet<QualityScale> | undefined> {
  const own = (await unitRuleSets(db, KIND, unitId, on)).find((s) => s.code === code && s.version === version);
  if (own) return { ...own, body: qualityScaleSchema.parse(own.body) };
  return builtinRuleSet(KIND, code, qualityScaleSchema, version);
}

export function scaleRef(set: RuleSet, lang: Lang) {
  return {
    code: set.code,
    version: set.version,
    title: set.title[lang],
    source: set.source,
    origin: set.origin.type,
    unitId: set.origin.type === 'unit' ? set.origin.unitId : null,
    use: set.use,
    effectiveFrom: set.effectiveFrom,
    effectiveTo: set.effectiveTo,
  };
}

export async function readableUnit(db: Db, access: Access, unitId: number, permission: 'read' | 'manage_meetings' = 'read') {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where((eb) => unitInScope(access.scope(permission), eb.ref('units.id')))
    .executeTakeFirst();
  if (!unit) throw permission === 'read' ? notFound('entities.unit') : await unitRefusal(db, access, unitId);
}

export async function listScales(db: Kysely<DB>, access: Access, unitId: number, on: string | undefined, lang: Lang) {
  await readableUnit(db, access, unitId, 'read');
  const date = on ?? todayInVietnam();
  const own = await unitRuleSets(db, KIND, unitId, date);
  const scale = await scaleFor(db, unitId, date);
  return {
    inForce: {
      ...scaleRef(scale, lang),
      notes: scale.body.notes?.[lang] ?? null,
      criteria: scale.body.criteria.map((c) => ({ key: c.key, label: c.label[lang], points: c.points, auto: c.auto !== undefined })),
      maxPoints: scale.body.criteria.reduce((sum, c) => sum + c.points, 0),
      bands: scale.body.bands.map((b) => ({ grade: b.grade, minPoints: b.minPoints, requires: b.requires ?? [] })),
    },
    available: [...own, ...builtinRuleSets(KIND)].map((s) => scaleRef(s, lang)),
  };
}

export async function loadScale(db: Kysely<DB>, access: Access, input: LoadScaleInput) {
  return db.transaction().execute(async (trx) => {
    await readableUnit(trx, access, input.unitId, 'manage_meetings');
    let values: { code: string; title: string; source: string | null; body: QualityScale };
    if ('templateCode' in input) {
      const template = builtinRuleSets(KIND).find((s) => s.code === input.templateCode);
      if (!template) throw badRequest('meetings.unknown_template', {}, [{ path: 'body.templateCode', message: 'meetings.unknown_template' }]);
      values = { code: template.code, title: template.title.vi, source: template.source, body: qualityScaleSchema.parse(template.body) };
    } else {
      values = { code: input.code, title: input.title, source: input.source ?? null, body: input.scale };
    }
    if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom) throw new AppError('meetings.scale_bad_period', 400);
    return saveUnitRuleSet(trx, access, {
      kind: KIND,
      unitId: input.unitId,
      ...values,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      takenCode: 'meetings.scale_exists',
    });
  });
}
