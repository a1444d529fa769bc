// Rows of the audit trail as people read them: when, who, what (in words), on which record
// and in which unit, and what changed — cells, members and accounts by name (the API's
// `names`), dates as dd/mm/yyyy, statuses and kinds in words. Shared by the audit page and
// a member's "Nhật ký" tab.
import { List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { refKey, refKindOf } from '../../../../src/domain/audit-refs.ts';
import type { AuditEntry } from '../../api/types.ts';
import { hasKey, type Translate, useT } from '../../i18n/i18n.ts';
import { showDate, showDateTime } from '../../lib/dates.ts';

export type AuditNames = Record<string, string>;

/** The action in words; an action with no label yet shows as written (never silently hidden). */
export function actionLabel(t: Translate, action: string): string {
  const key = `audit.actions.${action}`;
  return hasKey(key) ? t(key) : action;
}

const RECORD_PAGE: Record<string, string> = { member: '/members/', unit: '/units/', meeting: '/meetings/', user: '/users/' };

function recordLabel(t: Translate, r: AuditEntry, names: AuditNames): string {
  const kindKey = `audit.kinds.${r.entityType}`;
  const kind = hasKey(kindKey) ? t(kindKey) : r.entityType;
  const name = names[`${r.entityType}:${r.entityId}`];
  return name ? `${kind}: ${name}` : kind;
}

/** Fields whose value is an internal number of no use to a reader (the row's own ids). */
const isInternal = (k: string) => refKindOf(k) === null && /Ids?$/.test(k);
// The rule set a plan was checked against ("hd12@2018-07-06") is the program's bookkeeping, not the reader's.
const HIDDEN = new Set(['effectiveOnShown', 'ruleSet']);

/** Where a field's coded value has its words: a unit's and a meeting's kind share the field name, so each is tried in turn. */
const ENUM_KEYS: Record<string, string[]> = {
  status: ['memberStatus', 'meetings.status', 'meetings.minutesStatus'],
  sex: ['sex'],
  theoryLevel: ['theoryLevel'],
  kind: ['unitKind', 'meetings.kinds'],
  role: ['role'],
};

/** The demo's own row (demo.seed) says what was filled in; its "scale" is the demo's size, not a grading scale. */
const DEMO_SEED = 'demo.seed';

function fieldLabel(t: Translate, k: string, action?: string): string {
  const keys = [`audit.fields.${k}`, `members.fields.${k}`, `meetings.fields.${k}`];
  if (action === DEMO_SEED) keys.unshift(`audit.demoFields.${k}`);
  for (const key of keys) if (hasKey(key)) return t(key);
  return k;
}

function valueText(t: Translate, k: string, v: unknown, names: AuditNames, action?: string): string {
  if (action === DEMO_SEED && k === 'scale' && typeof v === 'string' && hasKey(`audit.demoScale.${v}`))
    return t(`audit.demoScale.${v}` as Parameters<Translate>[0]);
  if (v === null || v === undefined || v === '') return t('audit.none');
  const kind = refKindOf(k);
  if (kind && (typeof v === 'number' || typeof v === 'string')) return names[refKey(kind, v)] ?? t('audit.outOfScope');
  if (Array.isArray(v)) {
    if (kind) return v.map((x) => names[refKey(kind, String(x))] ?? t('audit.outOfScope')).join(', ');
    return v.every((x) => typeof x === 'string') ? v.join('; ') : t('audit.items', { count: v.length });
  }
  if (typeof v === 'boolean') return v ? t('audit.yes') : t('audit.no');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return typeof o.name === 'string' ? o.name : typeof o.fullName === 'string' ? o.fullName : t('audit.items', { count: Object.keys(o).length });
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return showDate(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return showDateTime(v);
  if (typeof v === 'string') {
    const enumKey = ENUM_KEYS[k]?.find((e) => hasKey(`${e}.${v}`));
    if (enumKey) return t(`${enumKey}.${v}` as Parameters<Translate>[0]);
    return v.length > 160 ? `${v.slice(0, 157)}…` : v;
  }
  return String(v);
}

/** The fields that differ between before and after, one per line: "Tổ chức đảng: Chi bộ thôn An → Chi bộ thôn Bình". */
export function AuditChanges({ before, after, names, action }: { before: unknown; after: unknown; names: AuditNames; action?: string }) {
  const t = useT();
  const b = (before && typeof before === 'object' && !Array.isArray(before) ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' && !Array.isArray(after) ? after : {}) as Record<string, unknown>;
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  // A field changed when its value differs; one empty on both sides (a reason not given) says nothing.
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !isInternal(k) && !HIDDEN.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]) && !(empty(b[k]) && empty(a[k])),
  );
  if (!keys.length) return null;
  const hasBefore = Object.keys(b).length > 0;
  return (
    <div data-testid="audit-changes">
      {keys.map((k) => (
        <div key={k}>
          <b>{fieldLabel(t, k, action)}</b>: {hasBefore && k in b ? `${valueText(t, k, b[k], names, action)} → ` : ''}
          {k in a ? valueText(t, k, a[k], names, action) : t('audit.none')}
        </div>
      ))}
    </div>
  );
}

export function AuditList({ items, names, showRecord = true }: { items: AuditEntry[]; names: AuditNames; showRecord?: boolean }) {
  const t = useT();
  return (
    <List<AuditEntry>
      dataSource={items}
      rowKey={(r) => String(r.id ?? r.at)}
      renderItem={(r) => {
        const unitName = r.unitId ? names[refKey('unit', r.unitId)] : undefined;
        const page = RECORD_PAGE[r.entityType];
        const record = recordLabel(t, r, names);
        return (
          <List.Item data-testid="audit-row" style={{ display: 'block' }}>
            <Typography.Text strong data-testid="audit-action">
              {actionLabel(t, r.action)}
            </Typography.Text>
            {showRecord && (
              <>
                {' · '}
                {page && names[`${r.entityType}:${r.entityId}`] ? (
                  // Underlined: a link inside a line of text is not told apart by its colour alone.
                  <Link to={`${page}${r.entityId}`} style={{ textDecoration: 'underline' }}>
                    {record}
                  </Link>
                ) : (
                  record
                )}
              </>
            )}
            {unitName && showRecord && r.entityType !== 'unit' && <> · {t('audit.at_unit', { unit: unitName })}</>}
            <div>
              <Typography.Text type="secondary">
                {showDateTime(r.at)} · {r.actor ? (r.actorName && r.actorName !== r.actor ? `${r.actorName} (${r.actor})` : r.actor) : t('audit.system')}
              </Typography.Text>
            </div>
            <AuditChanges before={r.before} after={r.after} names={names} action={r.action} />
          </List.Item>
        );
      }}
    />
  );
}
