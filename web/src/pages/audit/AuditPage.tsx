// The audit trail for admins (read_audit): filter by unit (with the units under it), the
// person who acted, the action (one, or every action of an area), the record and a range of
// days; newest first, older pages on demand. Filters live in the address, so a member's page
// can link to "this record's trail" and a filtered view can be shared.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AUDIT_ACTIONS, AUDIT_AREAS } from '../../../../src/domain/audit-actions.ts';
import { api } from '../../api/client.ts';
import type { AuditPage as AuditAnswer } from '../../api/types.ts';
import { AuditList, actionLabel } from '../../components/audit/AuditList.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { hasKey, type MessageKey, useT } from '../../i18n/i18n.ts';

const FILTERS = ['unitId', 'actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
const RECORD_KINDS = ['member', 'unit', 'meeting', 'user'] as const;
const PAGE = 50;

export default function AuditPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Partial<Record<Filter, string>>;
  const [actor, setActor] = useState(filter.actor ?? '');

  function set(changes: Partial<Record<Filter, string | null | undefined>>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  }

  const trail = useInfiniteQuery({
    queryKey: ['audit', 'page', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<AuditAnswer>('/audit', {
        query: { ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), limit: String(PAGE), ...(pageParam ? { before: String(pageParam) } : {}) },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  const names = Object.assign({}, ...(trail.data?.pages.map((p) => p.names) ?? [])) as Record<string, string>;

  const areaLabel = (area: string) => (hasKey(`audit.areas.${area}`) ? t(`audit.areas.${area}` as MessageKey) : area);
  const actionOptions = AUDIT_AREAS.map((area) => ({
    label: areaLabel(area),
    options: [
      { value: `${area}.`, label: t('audit.filters.allOfArea', { area: areaLabel(area) }) },
      ...AUDIT_ACTIONS.filter((a) => a.startsWith(`${area}.`)).map((a) => ({ value: a, label: actionLabel(t, a) })),
    ],
  }));
  const recordKind = filter.entityType as (typeof RECORD_KINDS)[number] | undefined;
  const entityId = filter.entityId ? Number(filter.entityId) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="audit-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('audit.intro')}
        </Typography.Paragraph>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} lg={8}>
            <label htmlFor="audit-unit">{t('audit.filters.unit')}</label>
            <UnitSelect
              id="audit-unit"
              value={filter.unitId ? Number(filter.unitId) : null}
              onChange={(v) => set({ unitId: v === null ? null : String(v) })}
              testId="audit-unit"
              ariaLabel={t('audit.filters.unit')}
            />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <label htmlFor="audit-actor">{t('audit.filters.actor')}</label>
            <Input
              id="audit-actor"
              value={actor}
              onChange={(e) => setActor(e.target.value)}
              onBlur={() => set({ actor: actor.trim() })}
              onPressEnter={() => set({ actor: actor.trim() })}
              autoComplete="off"
              allowClear
              data-testid="audit-actor"
            />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <label htmlFor="audit-action">{t('audit.filters.action')}</label>
            <Select
              id="audit-action"
              value={filter.action ?? null}
              onChange={(v: string | null) => set({ action: v })}
              options={actionOptions}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.filters.allActions')}
              style={{ width: '100%' }}
              data-testid="audit-action-filter"
            />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <label htmlFor="audit-record-kind">{t('audit.filters.recordKind')}</label>
            <Select
              id="audit-record-kind"
              value={recordKind ?? null}
              onChange={(v: string | null) => set({ entityType: v, entityId: null })}
              options={RECORD_KINDS.map((k) => ({ value: k, label: t(`audit.kinds.${k}`) }))}
              allowClear
              placeholder={t('audit.filters.allRecordKinds')}
              style={{ width: '100%' }}
              data-testid="audit-record-kind"
            />
          </Col>
          {recordKind && (
            <Col xs={24} md={12} lg={8}>
              <label htmlFor="audit-record">{t('audit.filters.record')}</label>
              {recordKind === 'member' && filter.unitId ? (
                <MemberSelect
                  id="audit-record"
                  unitId={Number(filter.unitId)}
                  value={entityId}
                  onChange={(v) => set({ entityId: v === null ? null : String(v) })}
                  knownLabels={entityId && names[`member:${entityId}`] ? { [entityId]: names[`member:${entityId}`]! } : undefined}
                  testId="audit-record"
                />
              ) : recordKind === 'unit' ? (
                <UnitSelect
                  id="audit-record"
                  value={entityId}
                  onChange={(v) => set({ entityId: v === null ? null : String(v) })}
                  knownLabels={entityId && names[`unit:${entityId}`] ? { [entityId]: names[`unit:${entityId}`]! } : undefined}
                  testId="audit-record"
                  ariaLabel={t('audit.filters.record')}
                />
              ) : (
                <Input
                  id="audit-record"
                  inputMode="numeric"
                  defaultValue={filter.entityId ?? ''}
                  key={filter.entityId ?? ''}
                  onBlur={(e) => set({ entityId: e.target.value.trim() })}
                  onPressEnter={(e) => set({ entityId: (e.target as HTMLInputElement).value.trim() })}
                  placeholder={t('audit.filters.recordId')}
                  data-testid="audit-record"
                />
              )}
              {entityId !== null && names[`${recordKind}:${entityId}`] && recordKind !== 'unit' && (
                <Typography.Text type="secondary" data-testid="audit-record-name">
                  {names[`${recordKind}:${entityId}`]}
                </Typography.Text>
              )}
            </Col>
          )}
          <Col xs={12} md={6} lg={4}>
            <label htmlFor="audit-from">{t('audit.filters.from')}</label>
            <DateInput id="audit-from" value={filter.from ?? null} onChange={(v) => set({ from: v })} testId="audit-from" />
          </Col>
          <Col xs={12} md={6} lg={4}>
            <label htmlFor="audit-to">{t('audit.filters.to')}</label>
            <DateInput id="audit-to" value={filter.to ?? null} onChange={(v) => set({ to: v })} testId="audit-to" />
          </Col>
        </Row>
        {FILTERS.some((f) => filter[f]) && (
          <Button
            style={{ marginTop: 12 }}
            onClick={() => {
              setActor('');
              setParams(new URLSearchParams(), { replace: true });
            }}
            data-testid="audit-clear"
          >
            {t('audit.filters.clear')}
          </Button>
        )}
      </Card>
      {trail.isPending ? (
        <PageLoading />
      ) : trail.isError ? (
        <QueryError error={trail.error} onRetry={() => void trail.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t('audit.empty')} />
      ) : (
        <Card size="small">
          <AuditList items={items} names={names} />
          {trail.hasNextPage && (
            <Button block onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage} data-testid="audit-more">
              {t('audit.more')}
            </Button>
          )}
        </Card>
      )}
    </Space>
  );
}
