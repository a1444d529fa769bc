// Accounts for a whole cell in one action, and the sheet to print and hand out: each
// member's username and one-time password, a column to sign, and how to log in.

import { PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, List, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { cellAccountsOut } from '../../../../src/modules/users/schemas.ts';
import { api } from '../../api/client.ts';
import { userKeys } from '../../api/users.ts';
import { useConfirm } from '../../components/confirm.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { usePhone } from '../../lib/use-phone.ts';

type CellAccounts = z.infer<typeof cellAccountsOut>;

// Only the sheet goes to the printer: the menu, the header and the buttons stay on screen.
const PRINT_CSS = `@media print {
  .ant-layout-header, .ant-layout-sider, .ant-breadcrumb, .no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; margin: 0 !important; }
  .account-sheet { font-size: 12pt; }
}`;

export default function CellAccountsPage() {
  const t = useT();
  const confirm = useConfirm();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [unitName, setUnitName] = useState('');
  const [result, setResult] = useState<CellAccounts | null>(null);
  const create = useMutation({
    mutationFn: (id: number) => api<CellAccounts>('/users/cell-accounts', { method: 'POST', body: { unitId: id } }),
    onSuccess: async (r) => {
      setResult(r);
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });

  const start = () =>
    confirm({
      title: t('users.cellAccounts.confirmTitle', { unit: unitName }),
      content: t('users.cellAccounts.confirmText'),
      okText: t('users.cellAccounts.create'),
      onOk: () => create.mutateAsync(unitId!),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <style>{PRINT_CSS}</style>
      <Breadcrumb items={[{ title: <Link to="/users">{t('users.title')}</Link> }, { title: t('users.cellAccounts.title') }]} />
      <Card className="no-print">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('users.cellAccounts.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('users.cellAccounts.intro')}</Typography.Paragraph>
        <Space wrap>
          <div style={{ minWidth: 280 }}>
            <UnitSelect
              testId="cell-accounts-unit"
              ariaLabel={t('users.cellAccounts.unit')}
              value={unitId ?? undefined}
              onChange={(id) => {
                setUnitId(id ?? null);
                setResult(null);
              }}
              onPick={(_, name) => setUnitName(name)}
            />
          </div>
          <Button type="primary" icon={<TeamOutlined />} disabled={!unitId} loading={create.isPending} onClick={start} data-testid="cell-accounts-create">
            {t('users.cellAccounts.create')}
          </Button>
        </Space>
      </Card>
      {result && (
        <Card className="account-sheet" data-testid="cell-accounts-sheet">
          <Space className="no-print" style={{ marginBottom: 12 }} wrap>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="cell-accounts-print">
              {t('users.cellAccounts.print')}
            </Button>
            <Alert type="warning" showIcon title={t('users.cellAccounts.onlyOnce')} />
          </Space>
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
            {t('users.cellAccounts.sheetTitle')}
          </Typography.Title>
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            {result.unit.name} · {t('users.cellAccounts.printedOn', { date: showDate(todayIso()) })}
          </Typography.Paragraph>
          <Typography.Paragraph>{t('users.cellAccounts.howTo', { address: window.location.origin })}</Typography.Paragraph>
          {phone ? (
            // On a phone, each person's three lines stacked: nothing hidden off the side.
            <List
              dataSource={result.created}
              locale={{ emptyText: t('users.cellAccounts.noneNew') }}
              renderItem={(a, i) => (
                <List.Item data-testid="cell-account-row" style={{ display: 'block' }}>
                  <Typography.Text strong>
                    {i + 1}. {a.fullName}
                  </Typography.Text>
                  <div>
                    {t('users.username')}: <code>{a.username}</code>
                  </div>
                  <div>
                    {t('users.cellAccounts.password')}: <code style={{ fontSize: '1.1em' }}>{a.password}</code>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey="memberId"
              dataSource={result.created}
              scroll={{ x: 560 }}
              locale={{ emptyText: t('users.cellAccounts.noneNew') }}
              onRow={() => ({ 'data-testid': 'cell-account-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('users.cellAccounts.number'), key: 'n', width: 50, render: (_, __, i) => i + 1 },
                { title: t('users.displayName'), dataIndex: 'fullName' },
                { title: t('users.username'), dataIndex: 'username', render: (v: string) => <code>{v}</code> },
                { title: t('users.cellAccounts.password'), dataIndex: 'password', render: (v: string) => <code style={{ fontSize: '1.1em' }}>{v}</code> },
                { title: t('users.cellAccounts.signature'), key: 'sign', width: 140, render: () => null },
              ]}
            />
          )}
          {result.existing.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 12 }} type="secondary" data-testid="cell-accounts-existing">
              {t('users.cellAccounts.existing', {
                count: result.existing.length,
                names: result.existing.map((e) => `${e.fullName} (${e.username})`).join(', '),
              })}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Space>
  );
}
