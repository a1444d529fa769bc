// Which fields of an audit row's before/after hold the id of a unit, a member or an
// account, so the trail can show names instead of internal numbers. One rule for the
// server (which looks the names up) and the web app (which shows them).

export type RefKind = 'unit' | 'member' | 'user';

/** The kind of record a field's value points at, or null when it is not a reference. */
export function refKindOf(field: string): RefKind | null {
  if (field === 'unitId' || field === 'parentId' || field === 'partyGroupId' || field.endsWith('UnitId') || field === 'unitIds') return 'unit';
  if (field === 'memberId' || field.endsWith('MemberId') || field === 'memberIds') return 'member';
  if (field === 'userId' || field.endsWith('UserId')) return 'user';
  return null;
}

/** The key under which a name is given: 'unit:9'. */
export const refKey = (kind: RefKind, id: number | string): string => `${kind}:${id}`;

/** Every (kind, id) referenced by a before/after value, nested objects and lists included. */
export function collectRefs(value: unknown, into: Map<RefKind, Set<number>>, field = ''): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into, field);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectRefs(v, into, k);
    return;
  }
  const kind = refKindOf(field);
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;
  if (kind && id !== null && Number.isSafeInteger(id)) {
    const set = into.get(kind) ?? new Set<number>();
    set.add(id);
    into.set(kind, set);
  }
}
