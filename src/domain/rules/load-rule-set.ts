// The one way to read a rule set. Every rule (agendas, meeting-quality scales, grading,
// "Chi bộ 4 tốt" scales, later dues) ships as versioned JSON under src/domain/rules/<kind>/, each
// with the dates it is in force and the text it comes from. A province or unit may load
// its own sets; callers pass those as `candidates`, nearest unit first, and they win
// over the built-in ones. A year graded under one text stays graded under it, because
// the version is picked by the date of the thing being judged, not by today.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export interface RuleSet<T = unknown> {
  kind: string;
  code: string;
  /** Names this version: the built-in file's version, or the unit set's effective date. */
  version: string;
  title: { vi: string; en: string };
  source: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** 'default': in force for everyone; 'template': offered for a unit to adopt. */
  use: 'default' | 'template';
  /** Where the set comes from: a built-in file, or a unit that loaded it. */
  origin: { type: 'builtin' } | { type: 'unit'; unitId: number; id: number };
  body: T;
}

const rulesRoot = path.dirname(fileURLToPath(import.meta.url));

export const ruleSetFileSchema = z.object({
  kind: z.string().min(1),
  code: z.string().min(1),
  version: z.string().min(1),
  title: z.object({ vi: z.string(), en: z.string() }),
  source: z.string(),
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().nullable(),
  use: z.enum(['default', 'template']).default('default'),
  body: z.unknown(),
});

const cache = new Map<string, RuleSet[]>();

/** Every built-in rule set of a kind (the JSON files in src/domain/rules/<kind>/). */
export function builtinRuleSets(kind: string): RuleSet[] {
  let sets = cache.get(kind);
  if (!sets) {
    const dir = path.join(rulesRoot, kind);
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];
    sets = files.map((file) => {
      const parsed = ruleSetFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      if (parsed.kind !== kind) throw new Error(`rule set ${file} has kind ${parsed.kind}, expected ${kind}`);
      return { ...parsed, origin: { type: 'builtin' as const } };
    });
    cache.set(kind, sets);
  }
  return sets;
}

export function isInForce(set: Pick<RuleSet, 'effectiveFrom' | 'effectiveTo'>, on: string): boolean {
  return set.effectiveFrom <= on && (set.effectiveTo === null || set.effectiveTo > on);
}

/** No rule set of a kind is in force on a date (e.g. a meeting dated before HD 12): the caller's date is out of reach. */
export class NoRuleSetInForce extends Error {
  readonly kind: string;
  readonly on: string;

  constructor(kind: string, on: string) {
    super(`no ${kind} rule set in force on ${on}`);
    this.kind = kind;
    this.on = on;
  }
}

/**
 * The rule set of `kind` in force on date `on` ('YYYY-MM-DD'): the first in-force set among
 * `candidates` (the caller orders them, nearest unit first), else the latest built-in
 * default in force. The body is checked against `schema`, so a bad file fails loudly.
 */
export function ruleSetInForce<T>(kind: string, on: string, schema: z.ZodType<T>, candidates: readonly RuleSet[] = []): RuleSet<T> {
  const own = candidates.filter((s) => s.kind === kind && isInForce(s, on));
  const builtin = builtinRuleSets(kind)
    .filter((s) => s.use === 'default' && isInForce(s, on))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const chosen = own[0] ?? builtin[0];
  if (!chosen) throw new NoRuleSetInForce(kind, on);
  return { ...chosen, body: parsedBody(chosen, schema) };
}

// Built-in sets never change in a process: check each body once per schema.
const parsedBuiltins = new WeakMap<RuleSet, Map<z.ZodType, unknown>>();

function parsedBody<T>(set: RuleSet, schema: z.ZodType<T>): T {
  if (set.origin.type !== 'builtin') return schema.parse(set.body);
  let bySchema = parsedBuiltins.get(set);
  if (!bySchema) {
    bySchema = new Map();
    parsedBuiltins.set(set, bySchema);
  }
  if (!bySchema.has(schema)) bySchema.set(schema, schema.parse(set.body));
  return bySchema.get(schema) as T;
}

/** A built-in set by code and version (to re-read the one a stored result was made with). */
export function builtinRuleSet<T>(kind: string, code: string, schema: z.ZodType<T>, version?: string): RuleSet<T> | undefined {
  const found = builtinRuleSets(kind)
    .filter((s) => s.code === code && (version === undefined || s.version === version))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return found ? { ...found, body: parsedBody(found, schema) } : undefined;
}
