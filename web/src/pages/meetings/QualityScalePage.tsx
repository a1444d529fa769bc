// The meeting-quality scale of a unit: the one its meetings are graded with on a date
// (its own, one adopted above it, or the HD 12 default), its criteria, points and bands,
// the versions with their effective dates, and adopting a provided template from a date.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { scalesOut } from '../../../../src/modules/meetings/quality-schemas.ts';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateInput, DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { useMeetingUnit } from './MeetingsPage.tsx';
import { GRADE_COLORS, gradeLabel } from './meeting-labels.ts';

type Scales = z.infer<typeof scalesOut>;
type ScaleRef = Scales['available'][number];
interface AdoptValues {
  templateCode: string;
  effectiveFrom: string;
}

const scalesKey = (unitId: number, on: string) => ['meetings', 'scales', unitId, on] as const;

function originText(t: Translate, s: ScaleRef, unitId: number) {
  if (s.origin === 'builtin') return s.use === 'template' ? t('meetings.scale.originTemplate') : t('meetings.scale.originDefault');
  return s.unitId === unitId ? t('meetings.scale.originOwn') : t('meetings.scale.originAbove');
}

const periodText = (t: Translate, s: ScaleRef) =>
  s.effectiveTo
    ? t('meetings.scale.period', { from: showDate(s.effectiveFrom), to: showDate(s.effectiveTo) })
    : t('common.since', { date: showDate(s.effectiveFrom) });

export default function QualityScalePage() {
  const t = useT();
  const may = usePermission();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [unitId, setUnitId] = useMeetingUnit();
  const on = params.get('on') ?? todayIso();
  const [adopting, setAdopting] = useState(false);
  const scales = useQuery({
    queryKey: scalesKey(unitId ?? 0, on),
    queryFn: () => api<Scales>('/meeting-quality-scales', { query: { unitId, on } }),
    enabled: unitId !== null,
    placeholderData: (previous) => previous,
  });
  const adopt = useMutation({
    mutationFn: (v: AdoptValues) =>
      api<Scales>('/meeting-quality-scales', { method: 'POST', body: { unitId, templateCode: v.templateCode, effectiveFrom: v.effectiveFrom } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['meetings', 'scales', unitId] });
      showSuccess(t('common.saved'));
    },
  });

  function setOn(value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set('on', value);
    else next.delete('on');
    setParams(next, { replace: true });
  }

  const data = scales.data;
  const templates = (data?.available ?? []).filter((s) => s.origin === 'builtin');
  const s = data?.inForce;
  const isInForce = (v: ScaleRef) => !!s && v.code === s.code && v.version === s.version && v.origin === s.origin && v.unitId === s.unitId;
  const labelOf = new Map(s?.criteria.map((c) => [c.key, c.label]) ?? []);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="scale-page">
      <Breadcrumb
        items={[{ title: <Link to={`/meetings${unitId ? `?unitId=${unitId}` : ''}`}>{t('meetings.list.title')}</Link> }, { title: t('meetings.scale.title') }]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.scale.title')}
        </Typography.Title>
        {may('manage_meetings') && unitId && templates.length > 0 && (
          <Button type="primary" onClick={() => setAdopting(true)} data-testid="scale-adopt">
            {t('meetings.scale.adopt')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={16}>
            <UnitSelect value={unitId} onChange={setUnitId} testId="scale-unit" allowClear={false} />
          </Col>
          <Col xs={24} md={8}>
            <DateInput value={on} onChange={setOn} testId="scale-on" allowClear={false} placeholder={t('meetings.scale.on')} />
          </Col>
        </Row>
      </Card>
      {!unitId ? (
        <Empty description={t('meetings.list.pickUnit')} />
      ) : scales.isPending ? (
        <PageLoading />
      ) : scales.isError && !data ? (
        <QueryError error={scales.error} onRetry={() => void scales.refetch()} />
      ) : (
        s &&
        data && (
          <>
            <Card size="small" title={t('meetings.scale.inForce', { date: showDate(on) })} data-testid="scale-in-force">
              <Typography.Text strong data-testid="scale-title">
                {s.title}
              </Typography.Text>
              <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('meetings.scale.origin')}>{originText(t, s, unitId)}</Descriptions.Item>
                <Descriptions.Item label={t('meetings.scale.effective')}>{periodText(t, s)}</Descriptions.Item>
                {s.source && <Descriptions.Item label={t('meetings.scale.source')}>{s.source}</Descriptions.Item>}
              </Descriptions>
              {s.notes && (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {s.notes}
                </Typography.Paragraph>
              )}
            </Card>

            <Card size="small" title={t('meetings.scale.criteria', { points: s.maxPoints })} styles={{ body: { padding: 0 } }}>
              <List
                dataSource={s.criteria}
                renderItem={(c) => (
                  <List.Item data-testid="scale-criterion" style={{ padding: '8px 12px', alignItems: 'flex-start' }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      {c.label}{' '}
                      {c.auto && (
                        <Tag color="blue" style={{ marginLeft: 4 }}>
                          {t('meetings.quality.auto')}
                        </Tag>
                      )}
                    </div>
                    <Typography.Text strong style={{ whiteSpace: 'nowrap', marginLeft: 8 }}>
                      {t('meetings.quality.criterionPoints', { points: c.points })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </Card>

            <Card size="small" title={t('meetings.scale.bands')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {[...s.bands]
                  .sort((a, b) => b.minPoints - a.minPoints)
                  .map((b) => (
                    <div key={b.grade} data-testid="scale-band">
                      <Tag color={GRADE_COLORS[b.grade]}>{gradeLabel(t, b.grade)}</Tag>
                      {t('meetings.scale.minPoints', { points: b.minPoints })}
                      {b.requires.length > 0 && (
                        <div style={{ marginTop: 2 }}>
                          <Typography.Text type="secondary">
                            {t('meetings.scale.requires', { criteria: b.requires.map((k) => labelOf.get(k) ?? k).join('; ') })}
                          </Typography.Text>
                        </div>
                      )}
                    </div>
                  ))}
              </Space>
            </Card>

            <Card size="small" title={t('meetings.scale.versions')} styles={{ body: { padding: 0 } }}>
              <List
                dataSource={data.available}
                renderItem={(v) => (
                  <List.Item data-testid="scale-version" style={{ padding: '8px 12px', display: 'block' }}>
                    <div>
                      {v.title} {isInForce(v) && <Tag color="green">{t('meetings.scale.current')}</Tag>}
                    </div>
                    <Typography.Text type="secondary">
                      {originText(t, v, unitId)} · {periodText(t, v)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          </>
        )
      )}
      <ActionModal<AdoptValues>
        open={adopting}
        onClose={() => setAdopting(false)}
        title={t('meetings.scale.adopt')}
        testId="scale-form"
        initialValues={{ templateCode: templates.find((x) => x.use === 'template')?.code ?? templates[0]?.code, effectiveFrom: todayIso() }}
        confirmText={(v) =>
          t('meetings.scale.confirmAdopt', {
            title: templates.find((x) => x.code === v.templateCode)?.title ?? v.templateCode,
            date: showDate(v.effectiveFrom),
          })
        }
        submit={(v) => adopt.mutateAsync(v)}
      >
        <Form.Item name="templateCode" label={t('meetings.scale.template')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select data-testid="scale-template" options={templates.map((x) => ({ value: x.code, label: x.title }))} />
        </Form.Item>
        <DateItem
          name="effectiveFrom"
          label={t('meetings.scale.from')}
          extra={t('meetings.scale.fromHint')}
          rules={[{ required: true, message: t('validation.required') }]}
          testId="scale-from"
          allowClear={false}
        />
      </ActionModal>
    </Space>
  );
}
