// Chỉ tiêu kết nạp đảng viên: the committee's table of its cells for a year, one number each,
// with what each cell admitted so far beside it. The committee types the numbers and saves
// the table (after a confirmation); a cell's own secretary sees its line without changing it.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useUnit } from '../../api/units.ts';
import { type Targets, useTargets, villageKeys } from '../../api/villages.ts';
import { useConfirm } from '../../components/confirm.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { todayIso } from '../../lib/dates.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';

type Row = Targets['cells'][number];

export default function GrowthTargetsPage() {
  const t = useT();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayIso().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const targets = useTargets(id, year);
  const unit = useUnit(id, null);
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  // Numbers typed but not saved yet, by cell.
  const [typed, setTyped] = useState<Record<number, number | null>>({});
  const save = useMutation({
    mutationFn: (body: unknown) => api<Targets>(`/units/${id}/growth-targets`, { method: 'PUT', body }),
    onSuccess: async (data) => {
      queryClient.setQueryData(villageKeys.targets(id, year), data);
      await queryClient.invalidateQueries({ queryKey: ['figures'] });
      setTyped({});
      showSuccess(t('common.saved'));
    },
    onError: showError,
  });
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (targets.isPending) return <PageLoading />;
  if (targets.isError) return <QueryError error={targets.error} onRetry={() => void targets.refetch()} />;
  const data = targets.data;
  const changed = Object.entries(typed).filter(([cellId, n]) => (data.cells.find((c) => c.cellId === Number(cellId))?.target ?? null) !== n);
  const sum = (rows: Row[]) => rows.reduce((s, r) => s + ((r.cellId in typed ? typed[r.cellId] : r.target) ?? 0), 0);

  const columns: ColumnsType<Row> = [
    { title: t('growthTargets.cell'), dataIndex: 'name', key: 'name' },
    {
      title: t('growthTargets.target'),
      key: 'target',
      width: 120,
      render: (_, r) =>
        data.canManage ? (
          <InputNumber
            min={0}
            max={10000}
            precision={0}
            inputMode="numeric"
            value={r.cellId in typed ? typed[r.cellId] : r.target}
            onChange={(n) => setTyped((prev) => ({ ...prev, [r.cellId]: n === null ? null : Number(n) }))}
            style={{ width: '100%', minHeight: 44, fontSize: 16 }}
            aria-label={t('growthTargets.targetOf', { name: r.name })}
            data-testid="growth-target-input"
          />
        ) : (
          (r.target ?? '—')
        ),
    },
    { title: t('growthTargets.admitted'), dataIndex: 'admitted', key: 'admitted', align: 'right', width: 100 },
  ];

  function onSave() {
    confirm({
      title: t('growthTargets.confirm', { count: changed.length, year }),
      onOk: () => save.mutateAsync({ year, targets: changed.map(([cellId, target]) => ({ cellId: Number(cellId), target })) }),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="growth-targets-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('growthTargets.title', { year })}
        </Typography.Title>
        {unit.data && (
          <Link to={`/units/${id}`} style={{ fontSize: 16 }}>
            {unit.data.unit.name}
          </Link>
        )}
      </div>
      <Space wrap>
        <label htmlFor="growth-year" style={{ fontSize: 16 }}>
          {t('growthTargets.year')}
        </label>
        <Select
          id="growth-year"
          value={year}
          style={{ minWidth: 110 }}
          onChange={(y) => {
            setTyped({});
            setParams({ year: String(y) }, { replace: true });
          }}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))}
          data-testid="growth-year"
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 16 }}>
        {data.canManage ? t('growthTargets.hint') : t('growthTargets.readOnly')}
      </Typography.Paragraph>
      <Table<Row>
        size="middle"
        rowKey="cellId"
        pagination={false}
        columns={columns}
        dataSource={data.cells}
        data-testid="growth-targets-table"
        summary={(rows) => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('growthTargets.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <strong data-testid="growth-targets-sum">{sum([...rows])}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong>{rows.reduce((s, r) => s + r.admitted, 0)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {data.canManage && (
        <Button type="primary" size="large" disabled={changed.length === 0} loading={save.isPending} onClick={onSave} data-testid="growth-targets-save">
          {t('growthTargets.save')}
        </Button>
      )}
    </Space>
  );
}
