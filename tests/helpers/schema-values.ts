// What a valid value looks like for a JSON schema of the OpenAPI document, and whether a
// value plainly breaks it: the ground both the bad-input sweep and the fuzzer build their
// requests on. `named` gives the real record for a property name (see api-world.ts).
import type { Operation, Schema } from './openapi-operations.ts';

export type Named = (name: string | undefined) => unknown;
export type JsonPath = (string | number)[];

export const typeOf = (s: Schema): string | undefined => {
  if (Array.isArray(s.type)) return s.type.find((x) => x !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.anyOf || s.oneOf) return typeOf((s.anyOf ?? s.oneOf)![0]!);
  return undefined;
};
export const variant = (s: Schema): Schema => (s.anyOf ?? s.oneOf)?.[0] ?? (s.allOf ? Object.assign({}, ...s.allOf) : s);

const STRING_CANDIDATES = ['19:00', 'SW-NEW-1', 'TC123456', '1', 'abc', 'Nội dung thử', 'sweep-user', '0912345678'];

/** A valid value for the schema (the real record where the name says which). */
export function sampleValue(schema: Schema, named: Named, name?: string): unknown {
  const value = named(name);
  if (value !== undefined) return value;
  const s = variant(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'date') return '2025-03-10';
      if (s.format === 'email') return 'sweep@example.vn';
      const fits = (v: string) => (!s.pattern || new RegExp(s.pattern).test(v)) && v.length <= (s.maxLength ?? Infinity);
      const found = STRING_CANDIDATES.find(fits) ?? 'abc';
      return found.padEnd(s.minLength ?? 0, 'x');
    }
    case 'integer':
    case 'number':
      return Math.max(1, typeof s.minimum === 'number' ? s.minimum : 1);
    case 'boolean':
      return true;
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => sampleValue(s.items ?? {}, named)) : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sampleValue(s.properties?.[key] ?? {}, named, key);
      return out;
    }
    default:
      return 'abc';
  }
}

export function isDateString(v: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  // The domain's dates run from 1900 to 2100.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v <= '2100-12-31';
}

/** True when the value plainly breaks the schema (so the answer must be a 4xx). */
export function breaks(schema: Schema, value: unknown): boolean {
  const s = variant(schema);
  if (value === null) return !(schema.nullable || s.nullable || (Array.isArray(schema.type) && schema.type.includes('null')));
  const type = typeOf(s);
  if (s.enum) return !s.enum.includes(value);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return true;
      if (s.maxLength !== undefined && value.length > s.maxLength) return true;
      if (s.minLength !== undefined && value.trim().length < s.minLength) return true;
      if (s.format === 'date' && !isDateString(value)) return true;
      return Boolean(s.pattern && !new RegExp(s.pattern).test(value));
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : Number.NaN;
      if (Number.isNaN(n)) return true;
      if (type === 'integer' && !Number.isInteger(n)) return true;
      if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? n <= s.minimum : n < s.minimum)) return true;
      return n > 2_147_483_647 || (typeof s.maximum === 'number' && n > s.maximum);
    }
    case 'boolean':
      return typeof value !== 'boolean';
    case 'array':
      return !Array.isArray(value);
    case 'object':
      return typeof value !== 'object' || Array.isArray(value);
    default:
      return false;
  }
}

/** A query-string or path value against its schema (they arrive as text). */
export function breaksText(schema: Schema, value: string): boolean {
  const s = variant(schema);
  const type = typeOf(s);
  if (type === 'integer' || type === 'number') return !/^[0-9]+$/.test(value) || breaks(s, Number(value));
  if (type === 'array') return s.items ? breaksText(s.items, value) : false;
  return breaks(s, value);
}

/** Every property of a body (nested objects and the first item of arrays too), with its schema. */
export function bodyPaths(schema: Schema, prefix: JsonPath = [], depth = 0): Array<{ path: JsonPath; schema: Schema }> {
  const s = variant(schema);
  const out: Array<{ path: JsonPath; schema: Schema }> = [];
  if (depth > 3) return out;
  if (typeOf(s) === 'object' && s.properties) {
    for (const [key, sub] of Object.entries(s.properties)) {
      out.push({ path: [...prefix, key], schema: sub });
      out.push(...bodyPaths(sub, [...prefix, key], depth + 1));
    }
  } else if (typeOf(s) === 'array' && s.items) {
    out.push({ path: [...prefix, 0], schema: s.items });
    out.push(...bodyPaths(s.items, [...prefix, 0], depth + 1));
  }
  return out;
}

/** A copy of `root` with `value` at `path`, filling in valid parents on the way. */
export function setAt(root: unknown, path: JsonPath, value: unknown, schema: Schema, named: Named): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  let s = variant(schema);
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    const sub = typeof key === 'number' ? (s.items ?? {}) : (s.properties?.[key] ?? {});
    if (last) {
      node[key] = value;
      break;
    }
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object')
      node[key] = typeof path[i + 1] === 'number' ? [] : sampleValue(sub, named, String(key));
    const next = node[key] as Record<string | number, unknown>;
    if (Array.isArray(next) && next.length === 0 && typeof path[i + 1] === 'number') next.push(sampleValue(variant(sub).items ?? {}, named));
    node = next;
    s = variant(sub);
  }
  return copy;
}

export function urlOf(op: Operation, pathValues: Record<string, string>, query: Record<string, string | string[]>): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name]!));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, x);
  const text = qs.toString();
  return text ? `${path}?${text}` : path;
}
