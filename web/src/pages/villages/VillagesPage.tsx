// Thôn, bản, tổ dân phố of a cell (or of every cell of a commune) on a date: how many members
// live in each, and which are white villages (bản trắng đảng viên). Who manages the cell adds
// villages (one name a line, so a list can be pasted from a sheet), merges one into another
// (its members then live in the surviving one) or dissolves one, each from a date.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useUnit } from '../../api/units.ts';
import { useVillages, type Village, type VillageKind } from '../../api/villages.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateInput, DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';

const TAP = { minHeight: 44 };
const KINDS: VillageKind[] = ['thon', 'ban', 'to_dan_pho'];
const CELLS = new Set(['chi_bo', 'chi_bo_co_so']);

interface AddValues {
  names: string;
  kind: VillageKind;
  establishedOn: string;
  decisionNumber?: string;
}
interface EndValues {
  effectiveOn: string;
  intoVillageId?: number;
  decisionNumber?: string;
}
type Dialog = { kind: 'add' } | { kind: 'merge' | 'dissolve'; village: Village } | null;

const namesOf = (text: string) => [
  ...new Set(
    text
      .split(/\r?\n/)
      .map((n) => n.trim())
      .filter(Boolean),
  ),
];

export default function VillagesPage() {
  const t = useT();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const on = params.get('on') ?? today;
  const villages = useVillages(id, on);
  const unit = useUnit(id, null);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const send = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api(path, { method: 'POST', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['villages'] });
      await queryClient.invalidateQueries({ queryKey: ['figures'] });
      showSuccess(t('common.saved'));
    },
  });
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (villages.isPending) return <PageLoading />;
  if (villages.isError) return <QueryError error={villages.error} onRetry={() => void villages.refetch()} />;
  const data = villages.data;
  const isCell = unit.data ? CELLS.has(unit.data.unit.kind) : false;
  const canAdd = data.canManage && isCell && on === today;
  const canChange = data.canManage && on === today;
  const white = data.villages.filter((v) => v.white).length;
  const close = () => setDialog(null);
  const others = (v: Village) => data.villages.filter((o) => o.id !== v.id && o.cellId === v.cellId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="villages-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('villages.title')}
        </Typography.Title>
        {unit.data && (
          <Link to={`/units/${id}`} style={{ fontSize: 16 }}>
            {unit.data.unit.name}
          </Link>
        )}
      </div>
      <Space wrap align="center">
        <label htmlFor="villages-on" style={{ fontSize: 16 }}>
          {t('villages.on')}
        </label>
        <DateInput
          id="villages-on"
          value={on}
          allowClear={false}
          onChange={(d) => {
            if (d) setParams({ on: d }, { replace: true });
          }}
          testId="villages-on"
        />
        {canAdd && (
          <Button type="primary" style={TAP} onClick={() => setDialog({ kind: 'add' })} data-testid="village-add">
            {t('villages.add')}
          </Button>
        )}
      </Space>
      <Alert
        type={white > 0 ? 'warning' : 'success'}
        showIcon
        data-testid="villages-summary"
        title={t('villages.summary', { white, total: data.villages.length, date: showDate(on) })}
      />
      {data.villages.length === 0 ? (
        <Empty description={isCell ? t('villages.emptyCell') : t('villages.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {data.villages.map((v) => (
            <Card key={v.id} size="small" data-testid="village-row">
              <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                <Space wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {v.name}
                  </Typography.Text>
                  <Tag>{t(`villages.kind.${v.kind}`)}</Tag>
                  {v.white ? (
                    <Tag color="orange" data-testid="village-white">
                      {t('villages.white')}
                    </Tag>
                  ) : (
                    <Tag color="green">{t('villages.residents', { count: v.residents })}</Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  {isCell ? '' : `${v.cellName} · `}
                  {t('villages.since', { date: showDate(v.establishedOn) })}
                  {v.decisionNumber ? ` · ${v.decisionNumber}` : ''}
                </Typography.Text>
                {canChange && (
                  <Space wrap>
                    <Button style={TAP} disabled={others(v).length === 0} onClick={() => setDialog({ kind: 'merge', village: v })} data-testid="village-merge">
                      {t('villages.merge')}
                    </Button>
                    <Button style={TAP} onClick={() => setDialog({ kind: 'dissolve', village: v })} data-testid="village-dissolve">
                      {t('villages.dissolve')}
                    </Button>
                  </Space>
                )}
              </Space>
            </Card>
          ))}
        </Space>
      )}

      <ActionModal<AddValues>
        open={dialog?.kind === 'add'}
        onClose={close}
        title={t('villages.add')}
        testId="village-add-form"
        initialValues={{ names: '', kind: 'thon' }}
        confirmText={(v) => t('villages.confirmAdd', { count: namesOf(v.names).length, names: namesOf(v.names).join(', ') })}
        submit={(v) =>
          send.mutateAsync({
            path: `/units/${id}/villages`,
            body: {
              villages: namesOf(v.names).map((name) => ({
                name,
                kind: v.kind,
                establishedOn: v.establishedOn,
                ...(v.decisionNumber?.trim() ? { decisionNumber: v.decisionNumber.trim() } : {}),
              })),
            },
          })
        }
      >
        <Form.Item
          name="names"
          label={t('villages.names')}
          extra={t('villages.namesHint')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={4} data-testid="village-names" style={{ fontSize: 16 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('villages.kindLabel')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`villages.kind.${k}`) }))} data-testid="village-kind" />
        </Form.Item>
        <DateItem
          name="establishedOn"
          label={t('villages.establishedOn')}
          extra={t('villages.establishedHint')}
          rules={[{ required: true, message: t('validation.required') }]}
          notFuture
          testId="village-established"
        />
        <Form.Item name="decisionNumber" label={t('villages.decisionNumber')}>
          <Input />
        </Form.Item>
      </ActionModal>

      {dialog?.kind === 'merge' && (
        <ActionModal<EndValues>
          open
          onClose={close}
          danger
          title={t('villages.mergeTitle', { name: dialog.village.name })}
          testId="village-merge-form"
          initialValues={{ effectiveOn: today }}
          confirmText={(v) =>
            t('villages.confirmMerge', {
              name: dialog.village.name,
              into: data.villages.find((o) => o.id === v.intoVillageId)?.name ?? '',
              date: showDate(v.effectiveOn),
            })
          }
          submit={(v) =>
            send.mutateAsync({ path: `/villages/${dialog.village.id}/merge`, body: { ...v, decisionNumber: v.decisionNumber?.trim() || undefined } })
          }
        >
          <Form.Item name="intoVillageId" label={t('villages.into')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={others(dialog.village).map((o) => ({ value: o.id, label: o.name }))} data-testid="village-into" />
          </Form.Item>
          <DateItem
            name="effectiveOn"
            label={t('villages.effectiveOn')}
            rules={[{ required: true, message: t('validation.required') }]}
            notFuture
            allowClear={false}
          />
          <Form.Item name="decisionNumber" label={t('villages.decisionNumber')}>
            <Input />
          </Form.Item>
        </ActionModal>
      )}

      {dialog?.kind === 'dissolve' && (
        <ActionModal<EndValues>
          open
          onClose={close}
          danger
          title={t('villages.dissolveTitle', { name: dialog.village.name })}
          testId="village-dissolve-form"
          initialValues={{ effectiveOn: today }}
          confirmText={(v) => t('villages.confirmDissolve', { name: dialog.village.name, date: showDate(v.effectiveOn), count: dialog.village.residents })}
          submit={(v) =>
            send.mutateAsync({ path: `/villages/${dialog.village.id}/dissolve`, body: { ...v, decisionNumber: v.decisionNumber?.trim() || undefined } })
          }
        >
          <DateItem
            name="effectiveOn"
            label={t('villages.effectiveOn')}
            rules={[{ required: true, message: t('validation.required') }]}
            notFuture
            allowClear={false}
          />
          <Form.Item name="decisionNumber" label={t('villages.decisionNumber')}>
            <Input />
          </Form.Item>
        </ActionModal>
      )}
    </Space>
  );
}
